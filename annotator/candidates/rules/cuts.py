"""Words jieba glued across the end of a name, cut again for the rules.

jieba's dictionary and HMM sometimes take the last character of a body or a place together
with the word after it: 检修 + 室主任 (the 室 of 检修室, then 主任), 社会保障 + 局局长,
仲裁 + 院仅用 (a made-up word: 院 and the adverbs after it), 姚庄 + 镇仅. The rule families
read words, so the type character inside such a word ends no name. The rules therefore read a
copy of the text's analysis in which these words are cut after their first character; the
other sources (jieba's tags, the learned model) keep jieba's words.
"""

from __future__ import annotations

from annotator.candidates.analysis import TextAnalysis, all_cjk
from annotator.candidates.rules.lexicon import Lexicon
from annotator.text.segmenter import get_segmenter

# Tags of what may follow the type character in a made-up word: adverbs, prepositions,
# conjunctions, particles (院 + 仅用, 镇 + 仅, 院 + 共).
_FUNCTION_TAGS = frozenset({"d", "p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "ad"})


class GlueCutter:
    """Cuts a word that is a one-character type (室, 局, 院, 镇) and a title (主任, 局长), or a
    type and function words jieba's HMM glued to it, into the type and the rest; and a word that is
    a type of institution and its head's title (商会 + 会长, 小学 + 校长: ``type_words``)."""

    def __init__(
        self, type_chars: frozenset[str], title_heads: frozenset[str], lexicon: Lexicon, type_words: frozenset[str] = frozenset()
    ) -> None:
        self.type_chars = type_chars
        self.title_heads = title_heads
        self.type_words = type_words
        self.lexicon = lexicon
        self._cut_bit = lexicon.register(self._needs_cut)
        self._rest_tags: dict[str, list[tuple[str, str]] | None] = {}

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_rest_tags"] = {}
        return state

    def _needs_cut(self, analysis: TextAnalysis, index: int) -> bool:
        word = analysis.words[index]
        return self._type_word_length(word) is not None or self._cut_rest(word, analysis.is_known(index)) is not None

    def _type_word_length(self, word: str) -> int | None:
        """The length of the type of institution ``word`` starts with when the rest is a title (商会会长: 2)."""
        for length in range(2, len(word) - 1):
            if word[:length] in self.type_words and word[length:] in self.title_heads:
                return length
        return None

    def _cut_rest(self, word: str, known: bool) -> list[tuple[str, str]] | None:
        """The words after the type character, tagged, if ``word`` is to be cut; else None."""
        if not 2 <= len(word) <= 4 or word[0] not in self.type_chars or not all_cjk(word):
            return None
        rest = word[1:]
        if rest in self.title_heads:
            return [(rest, "n")]  # 室 + 主任, 局 + 局长
        if known or len(rest) > 2:
            return None
        if rest not in self._rest_tags:
            parts = get_segmenter().tag(rest)
            if len(self._rest_tags) >= 50_000:
                self._rest_tags.clear()
            self._rest_tags[rest] = parts if all(tag in _FUNCTION_TAGS for _, tag in parts) else None
        return self._rest_tags[rest]  # 院 + 仅用, 镇 + 仅

    def cut(self, analysis: TextAnalysis) -> TextAnalysis:
        """``analysis`` itself when no word is to be cut (the usual case), else a cut copy."""
        indices = self.lexicon.indices(analysis, self._cut_bit)
        if not indices:
            return analysis
        words, tags = analysis.words, analysis.tags
        tagged: list[tuple[str, str]] = []
        previous = 0
        for index in indices:
            tagged.extend(zip(words[previous:index], tags[previous:index], strict=True))
            word = words[index]
            length = self._type_word_length(word)
            if length is not None:
                kind = word[:length]
                if index - 1 >= previous and get_segmenter().has_word(words[index - 1] + kind):
                    # 行业 + 协会会长: the word before and the type are one word of jieba's once the
                    # title is cut off (行业协会), as when no title follows
                    tagged[-1] = (words[index - 1] + kind, "n")
                    tagged.append((word[length:], "n"))
                else:
                    tagged.extend(((kind, "n"), (word[length:], "n")))  # 商会 + 会长
            else:
                rest = self._cut_rest(word, analysis.is_known(index))
                tagged.append((word[0], "n"))
                tagged.extend(rest or [(word[1:], "n")])
            previous = index + 1
        tagged.extend(zip(words[previous:], tags[previous:], strict=True))
        return TextAnalysis(analysis.text, tagged, analysis.segmenter)
