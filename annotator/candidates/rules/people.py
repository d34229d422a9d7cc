"""Person names: after a job title, with an honorific (葛先生), familiar (老韩), anonymised
(杨某), before a speech verb (张萍说), and words jieba made or tagged as names."""

from __future__ import annotations

import re
from collections.abc import Callable

from annotator.candidates.analysis import TextAnalysis, all_cjk, is_cjk
from annotator.candidates.regex_scan import Scanner
from annotator.candidates.ruledata import RuleTable, alternation
from annotator.candidates.rules.common import span
from annotator.candidates.rules.lexicon import Lexicon
from annotator.candidates.rules.surnames import Surnames
from annotator.candidates.spans import Suggestion
from annotator.text.segmenter import get_segmenter

LABEL = "PER"
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
# After a name's third character that jieba split off, these confirm the name has ended (李某发等).
_AFTER_SPLIT_NAME = frozenset("等和与、")
# Particles after a verb: 握 + 着, so 李丹握 is 李丹 + 握.
_ASPECT_TAGS = frozenset({"uz", "ul", "ug", "uv", "ud"})
# Tags of the word after a lone surname that can be a given name (海珠/n, 大洋/ns).
# Tags of a character after a two-character name that make it the sentence's verb or link word
# (李华 + 摘, 李华 + 因), not the name's third character.
_VERB_TAGS = frozenset({"v", "vg", "vd", "vn", "vi", "p", "c"})
_SPLIT_GIVEN_TAGS = frozenset({"nr", "nrfg", "nrt", "n", "ns", "nz", "ng", "a", "ag"})


class PersonRule:
    def __init__(
        self,
        table: RuleTable,
        surnames: Surnames,
        is_place: Callable[[str], bool] = lambda w: False,
        lexicon: Lexicon | None = None,
    ) -> None:
        table.check_keys(
            ("honorifics", "familiar_prefixes", "anonymised", "not_after_anonymised", "given_name_stop",
             "not_name_endings", "not_in_given_names", "not_given_names", "speech_verbs", "score_honorific", "score_familiar", "score_anonymised",
             "score_after_title", "score_before_speech", "score_unknown_word", "score_tagged_name",
             "score_split_name", "score_dictionary_name", "familiar_exceptions", "honorific_titles")
        )
        self.surnames = surnames
        every_surname = alternation((*surnames.compound, *surnames.common, *surnames.rare))
        common = alternation((*surnames.compound, *surnames.common))
        honorifics = alternation(table.strings("honorifics", ()))
        anonymised = alternation(table.strings("anonymised", ()))
        self.honorific = re.compile(f"{every_surname}{honorifics}")
        self.familiar = re.compile(f"{alternation(table.strings('familiar_prefixes', ()))}{common}")
        self.anonymised = re.compile(
            f"{every_surname}{anonymised}(?!{alternation(table.strings('not_after_anonymised', ()))})"
        )
        # What follows the surname: far rarer than surnames.
        self._after_surname = {
            self.honorific: Scanner(re.compile(honorifics)),
            self.anonymised: Scanner(re.compile(anonymised)),
        }
        self._longest_surname = max(map(len, (*surnames.compound, *surnames.common, *surnames.rare)), default=1)
        self.speech = re.compile(alternation(table.strings("speech_verbs", ())))
        titles_of_honour = table.strings("honorific_titles", ())
        self.titles_of_honour = Scanner(re.compile(alternation(titles_of_honour))) if titles_of_honour else None
        self.stop = frozenset(table.strings("given_name_stop", ()))
        self.not_endings = frozenset(table.strings("not_name_endings", ()))
        self.not_given = frozenset(table.strings("not_in_given_names", ()))
        self.not_given_words = frozenset(table.strings("not_given_names", ()))
        self.is_place = is_place
        self.score_honorific = table.score("score_honorific", 0.85)
        self.score_familiar = table.score("score_familiar", 0.75)
        self.score_anonymised = table.score("score_anonymised", 0.8)
        self.score_after_title = table.score("score_after_title", 0.9)
        self.score_before_speech = table.score("score_before_speech", 0.75)
        self.score_unknown_word = table.score("score_unknown_word", 0.6)
        self.score_tagged_name = table.score("score_tagged_name", 0.65)
        self.score_split_name = table.score("score_split_name", 0.55)
        self.score_dictionary_name = table.score("score_dictionary_name", 0.45)
        self.familiar_exceptions = frozenset(table.strings("familiar_exceptions", ()))
        self.lexicon = lexicon or Lexicon()
        self._name_word_bit = self.lexicon.register(self._may_be_name_word)
        self._tagged_surname_bit = self.lexicon.register(self._is_tagged_surname)

    # --- reading one name --------------------------------------------------------------

    def name_end(self, analysis: TextAnalysis, position: int, *, rare_surnames: bool) -> int | None:
        """Where a surname + given name starting at ``position`` ends, or None."""
        text = analysis.text
        surname = self.surnames.at(text, position, common_only=not rare_surnames)
        if surname is None:
            return None
        words, tags = analysis.words, analysis.tags
        index = analysis.index_starting_at(position)
        if index is not None:
            word = words[index]
            if len(word) - surname in (1, 2, 3) and all_cjk(word) and (tags[index] in _NAME_TAGS or not analysis.is_known(index)):
                bounds = self._trim(analysis, index)
                if bounds is not None and bounds[0] == position and bounds[1] - position - surname in (1, 2):
                    return bounds[1]
            following = index + 1
            if (
                len(word) == surname
                and following < len(words)
                and 1 <= len(words[following]) <= 2
                and all_cjk(words[following])
                and (tags[following] in _NAME_TAGS or not analysis.is_known(following))
            ):
                return analysis.ends[following]
        options = [
            position + surname + given
            for given in (2, 1)
            if position + surname + given <= len(text)
            and all_cjk(text[position : position + surname + given])
            and not self._ordinary_word(analysis, position, position + surname + given)
        ]
        for end in options:
            if analysis.is_boundary(end) and text[end - 1] not in self.stop:
                return end
        if self.surnames.at(text, position, common_only=True) is None:
            return None  # 和 + 管理员: a rare surname needs the words to agree
        for end in options:
            if text[end - 1] not in self.stop and all(c not in self.stop for c in text[position + surname : end]):
                return end
        return None

    def _trim(self, analysis: TextAnalysis, index: int) -> tuple[int, int] | None:
        """Where the name is inside a word jieba made or tagged as one: (start, end) offsets
        in the text, without what its HMM glued on.

        钟艾汝是 -> 钟艾汝 (是 does not end names); 李丹握 + 着 -> 李丹 (握着 is a word);
        工朱国强 -> 朱国强 (the 工 of 炼钢工).
        """
        word = analysis.words[index]
        if self.is_place(word) or word[-1] in self.not_endings:
            return None
        start, end = analysis.starts[index], analysis.ends[index]
        if (
            len(word) >= 3
            and self.surnames.at(word, 0) is None
            and self.surnames.at(word, 1, common_only=True) is not None
            and not analysis.is_known(index)
        ):
            start += 1
        following = analysis.words[index + 1] if index + 1 < len(analysis.words) else ""
        following_tag = analysis.tags[index + 1] if following else ""
        last = analysis.text[end - 1]
        if end - start >= 3 and (
            last in self.stop
            # (an aspect particle alone: 领着/uz is a verb with its particle, after the whole name)
            or (following_tag in _ASPECT_TAGS and len(following) == 1)
            # 李丹握 + 着: 握着 is a word, so 握 is not part of the name. A speech
            # verb is the exception: 张永明 + 说 is the name before 说, though 明说 is a word.
            or (
                following
                and is_cjk(following[0])
                and self._is_word(last + following)
                and not self.speech.fullmatch(following)
            )
        ):
            end -= 1
        if end - start == 4 and self.surnames.at(analysis.text, start) != 2:
            return None
        return (start, end) if end - start >= 2 else None

    def _third_character(self, analysis: TextAnalysis, start: int, end: int) -> int:
        """Where a made-up name of a surname and one character ends, taking the one character
        jieba split off after it when a punctuation mark, 等 or a speech verb follows that
        character: 李某/nr + 发/v + 表示 → 李某发, 王某/nr + 璇/g + 、 (HMM names of three
        characters cut after the second). Otherwise ``end``."""
        text = analysis.text
        if end - start != 2 or self.surnames.at(text, start) != 1 or end >= len(text):
            return end
        third = text[end]
        if (
            not is_cjk(third)
            or third in self.stop
            or third in self.not_given
            or third in self.not_endings
            or not analysis.is_boundary(end)
        ):
            return end
        if end + 1 == len(text):
            return end + 1  # the name ends the text (a headline's 记某某大师 + 李守/nr 才/d)
        after = text[end + 1]
        if not is_cjk(after) or after in _AFTER_SPLIT_NAME or self.speech.match(text, end + 1):
            return end + 1
        index = analysis.index_starting_at(end)
        if index is None or text[start + 1] in self.not_given:
            return end  # (李某 + 因: an anonymised name is whole; only a mark, 等 or a speech verb says otherwise)
        word, tag = analysis.words[index], analysis.tags[index]
        if len(word) == 1 and after in self.stop and tag not in _VERB_TAGS:
            return end + 1  # 何午/nr + 红/a + 也: a character that is no verb, and a word that cannot be a name's
        if len(word) == 2 and not analysis.is_known(index):
            return end + 1  # 程笑/nr + 辉种/q: jieba's HMM glued the name's last character to the next word
        return end

    @staticmethod
    def _ordinary_word(analysis: TextAnalysis, start: int, end: int) -> bool:
        """Whether jieba read ``start:end`` as one dictionary word that is not a name: 商量, 解释."""
        index = analysis.index_starting_at(start)
        return (
            index is not None
            and analysis.ends[index] == end
            and analysis.is_known(index)
            and analysis.tags[index] not in _NAME_TAGS
        )

    def _ends_a_name_here(self, analysis: TextAnalysis, end: int) -> bool:
        """Whether what follows offset ``end`` shows a person's name ends there: a speech verb or
        和/与 (小张 + 和妻子). A punctuation mark does not (收割小麦。)."""
        text = analysis.text
        return end < len(text) and (text[end] in "和与" or self.speech.match(text, end) is not None)

    def _is_word(self, text: str) -> bool:
        return get_segmenter().has_word(text)

    # --- what a word alone says (see rules/lexicon.py) ---------------------------------------

    def _may_be_name_word(self, analysis: TextAnalysis, index: int) -> bool:
        """A word of 2-4 characters with a common surname first (or second, after a glued
        character) that jieba tagged as a name or does not know: 张萍, 钟艾汝是, 工朱国强."""
        word = analysis.words[index]
        if not 2 <= len(word) <= 4 or not all_cjk(word):
            return False
        tag = analysis.tags[index]
        if self._famous_name(word, tag):
            return True
        if self.surnames.at(word, 0, common_only=True) is None and not (
            len(word) >= 3 and self.surnames.at(word, 1, common_only=True) is not None
        ):
            return False
        return tag in _NAME_TAGS or not (tag == "ns" or analysis.is_known(index))

    def _famous_name(self, word: str, tag: str) -> bool:
        """A name of three characters jieba's dictionary lists as a well-known person's (`nrfg`),
        whatever its surname, rare ones included (习/rare + 近平); the tag's shorter and longer
        words are as often clans and phrases (谭家, 孙文学说)."""
        return tag == "nrfg" and len(word) == 3 and self.surnames.at(word, 0) == 1 and word[-1] not in self.not_endings

    def _is_tagged_surname(self, analysis: TextAnalysis, index: int) -> bool:
        """A common surname alone that jieba tagged as a name: 范/nr + 海珠."""
        word = analysis.words[index]
        return analysis.tags[index] == "nr" and len(word) == 1 and self.surnames.at(word, 0, common_only=True) is not None

    def _surname_matches(self, pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
        """``pattern.finditer(text)`` for a pattern that is a surname and then something else,
        tried only just before where that something else starts."""
        tries = sorted(
            {
                at - length
                for at in self._after_surname[pattern].starts(text)
                for length in range(1, self._longest_surname + 1)
                if at >= length
            }
        )
        found: list[re.Match[str]] = []
        free = 0  # matches do not overlap, as finditer's do not
        for position in tries:
            if position >= free:
                match = pattern.match(text, position)
                if match is not None:
                    found.append(match)
                    free = match.end()
        return found

    # --- the rule ----------------------------------------------------------------------

    def find(self, analysis: TextAnalysis, titles: list[Suggestion]) -> list[Suggestion]:
        text = analysis.text
        found: list[Suggestion] = []

        def add(start: int, end: int, score: float) -> None:
            found.append(span(text, start, end, LABEL, score))

        for title in titles:
            if title.end < len(text):
                end = self.name_end(analysis, title.end, rare_surnames=True)
                if end is not None:
                    add(title.end, end, self.score_after_title)

        # 拿督 + 李某某: the name after a title of honour, as after a post
        if self.titles_of_honour is not None:
            for match in self.titles_of_honour.finditer(text):
                if match.end() < len(text):
                    end = self.name_end(analysis, match.end(), rare_surnames=True)
                    if end is not None:
                        add(match.end(), end, self.score_after_title)

        for pattern, score in ((self.honorific, self.score_honorific), (self.anonymised, self.score_anonymised)):
            for match in self._surname_matches(pattern, text):
                if analysis.is_boundary(match.start()):
                    add(match.start(), match.end(), score)

        for match in self.familiar.finditer(text):
            start, end = match.span()
            index = analysis.index_starting_at(start)
            if index is None:
                continue
            if text[start:end] in self.familiar_exceptions:
                continue  # 小龙, 老马: words that only look like a name
            if self._ordinary_word(analysis, start, end) and not self._ends_a_name_here(analysis, end):
                continue  # 小麦/n, 小车/n: a dictionary word, a person only where the sentence says so (小张/n 说)
            if analysis.is_boundary(end):
                add(start, end, self.score_familiar)

        for match in self.speech.finditer(text):
            verb = match.start()
            for length in (3, 2, 4):
                start = verb - length
                if start >= 0 and analysis.is_boundary(start) and self.name_end(analysis, start, rare_surnames=False) == verb:
                    add(start, verb, self.score_before_speech)
                    break

        words, tags = analysis.words, analysis.tags
        for index in self.lexicon.indices(analysis, self._name_word_bit):
            tagged = tags[index] in _NAME_TAGS
            bounds = self._trim(analysis, index)
            if bounds is None:
                continue
            start, end = bounds
            name = text[start:end]
            if start > 0 and text[start - 1].isdigit():
                continue  # 1500 + 米左右/nr: after a number the "surname" is its unit
            if not tagged and (len(name) < 3 or any(c in self.stop or c in self.not_given for c in name[1:])):
                continue  # 冷链, 封控, 夏父母: two unknown characters are too often not a name
            if not tagged:
                score = self.score_unknown_word
            elif analysis.is_known(index) and not self._famous_name(name, tags[index]):
                # 金秋/nr, 卫星/nr: dictionary words are names only where the context says so
                # 陈设/nr, 金秋/nr: a dictionary word of two characters tagged as a name is an
                # ordinary word far more often than a name, and only the context can say
                if not self.score_dictionary_name or end - start == 2:
                    continue
                score = self.score_dictionary_name
            else:
                score = self.score_tagged_name
                end = self._third_character(analysis, start, end)
            add(start, end, score)
        # 范/nr + 海珠: a surname jieba tagged and the short word it split off
        for index in self.lexicon.indices(analysis, self._tagged_surname_bit):
            if index == len(words) - 1:
                break
            given = words[index + 1]
            if not 1 <= len(given) <= 2 or not all_cjk(given) or given[-1] in self.not_endings:
                continue
            if given in self.not_given_words or any(c in self.not_given for c in given):
                continue  # 夏 + 父母, 王 + 书记
            if given[0] in self.stop or (tags[index + 1] not in _SPLIT_GIVEN_TAGS and analysis.is_known(index + 1)):
                continue
            add(analysis.starts[index], analysis.ends[index + 1], self.score_split_name)
        return found
