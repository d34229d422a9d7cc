"""Person names: after a job title, with an honorific (葛先生), familiar (老韩), anonymised
(杨某), before a speech verb (张萍说), and words jieba made or tagged as names."""

from __future__ import annotations

import re

from annotator.candidates.analysis import TextAnalysis, all_cjk
from annotator.candidates.rules.common import span
from annotator.candidates.rules.surnames import Surnames
from annotator.candidates.ruledata import RuleTable, alternation
from annotator.candidates.spans import Suggestion

LABEL = "PER"
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})


class PersonRule:
    def __init__(self, table: RuleTable, surnames: Surnames) -> None:
        table.check_keys(
            ("honorifics", "familiar_prefixes", "anonymised", "not_after_anonymised", "given_name_stop",
             "speech_verbs", "score_honorific", "score_familiar", "score_anonymised", "score_after_title",
             "score_before_speech", "score_unknown_word", "score_tagged_name")
        )
        self.surnames = surnames
        every_surname = alternation((*surnames.compound, *surnames.common, *surnames.rare))
        common = alternation((*surnames.compound, *surnames.common))
        self.honorific = re.compile(f"{every_surname}{alternation(table.strings('honorifics', ()))}")
        self.familiar = re.compile(f"{alternation(table.strings('familiar_prefixes', ()))}{common}")
        self.anonymised = re.compile(
            f"{every_surname}{alternation(table.strings('anonymised', ()))}"
            f"(?!{alternation(table.strings('not_after_anonymised', ()))})"
        )
        self.speech = re.compile(alternation(table.strings("speech_verbs", ())))
        self.stop = frozenset(table.strings("given_name_stop", ()))
        self.score_honorific = table.score("score_honorific", 0.85)
        self.score_familiar = table.score("score_familiar", 0.75)
        self.score_anonymised = table.score("score_anonymised", 0.8)
        self.score_after_title = table.score("score_after_title", 0.9)
        self.score_before_speech = table.score("score_before_speech", 0.75)
        self.score_unknown_word = table.score("score_unknown_word", 0.6)
        self.score_tagged_name = table.score("score_tagged_name", 0.65)

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
            if len(word) - surname in (1, 2) and all_cjk(word) and (tags[index] in _NAME_TAGS or not analysis.is_known(index)):
                return analysis.ends[index]
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
            if position + surname + given <= len(text) and all_cjk(text[position : position + surname + given])
        ]
        for end in options:
            if analysis.is_boundary(end) and text[end - 1] not in self.stop:
                return end
        for end in options:
            if text[end - 1] not in self.stop and all(c not in self.stop for c in text[position + surname : end]):
                return end
        return None

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

        for pattern, score in ((self.honorific, self.score_honorific), (self.anonymised, self.score_anonymised)):
            for match in pattern.finditer(text):
                if analysis.is_boundary(match.start()):
                    add(match.start(), match.end(), score)

        for match in self.familiar.finditer(text):
            start, end = match.span()
            index = analysis.index_starting_at(start)
            if index is None:
                continue
            # 小康, 老李家: a dictionary word that only starts like a name
            if analysis.ends[index] == end and analysis.is_known(index) and analysis.tags[index] not in _NAME_TAGS:
                continue
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
        for index, word in enumerate(words):
            if not 2 <= len(word) <= 3 or not all_cjk(word):
                continue
            if self.surnames.at(word, 0, common_only=True) is None:
                continue
            tag = tags[index]
            if tag in _NAME_TAGS:
                add(analysis.starts[index], analysis.ends[index], self.score_tagged_name)
            elif tag != "ns" and not analysis.is_known(index):
                add(analysis.starts[index], analysis.ends[index], self.score_unknown_word)
            elif len(word) == 1:
                continue
        # 曹/nr + 志强/nrfg: a surname and a given name jieba split
        for index in range(len(words) - 1):
            if tags[index] == "nr" and len(words[index]) == 1 and self.surnames.at(words[index], 0) is not None:
                given = words[index + 1]
                if 1 <= len(given) <= 2 and all_cjk(given) and tags[index + 1] in _NAME_TAGS:
                    add(analysis.starts[index], analysis.ends[index + 1], self.score_tagged_name)
        return found
