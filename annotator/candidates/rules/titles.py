"""Job titles: prefixes and a head from titles.toml (常务 + 副 + 主席), whole words only."""

from __future__ import annotations

import re

from annotator.candidates.analysis import TextAnalysis
from annotator.candidates.ruledata import RuleTable, alternation
from annotator.candidates.rules.common import span
from annotator.candidates.rules.lexicon import Lexicon
from annotator.candidates.spans import Suggestion

LABEL = "TITLE"
# jieba's tags for names: a dictionary word tagged so is a name, not a post
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt"})
# The longest title worth trying, in characters (常务副主席兼党组书记 is two titles).
_LONGEST = 12


class TitleRule:
    def __init__(self, table: RuleTable, lexicon: Lexicon | None = None) -> None:
        table.check_keys(("heads", "prefixes", "whole", "not_followed_by", "bodies", "score"))
        self.heads = frozenset(table.strings("heads"))
        self._heads_by_length = tuple(sorted(self.heads, key=len, reverse=True))
        prefixes = table.strings("prefixes", ())
        whole = table.strings("whole", ())
        self.pattern = re.compile(
            f"{alternation(whole)}|{alternation(prefixes)}*{alternation(self.heads)}" if whole
            else f"{alternation(prefixes)}*{alternation(self.heads)}"
        )
        self.first_chars = frozenset(w[0] for w in (*prefixes, *whole, *self.heads))
        self.not_followed_by = tuple(sorted(table.strings("not_followed_by", ()), key=len, reverse=True))
        self.bodies = frozenset(table.strings("bodies", ()))
        self.score = table.score("score", 0.85)
        self._prefixes = tuple(prefixes)
        # every beginning of a prefix, a head or a whole title
        self._beginnings = frozenset(
            literal[:n] for literal in (*prefixes, *self.heads, *whole) for n in range(len(literal) + 1)
        )
        self._whole_beginnings = frozenset(literal[:n] for literal in whole for n in range(len(literal) + 1))
        self.lexicon = lexicon or Lexicon()
        self._start_bit = self.lexicon.register(self._may_start_title)

    def _is_lexicalised_title(self, analysis: TextAnalysis, index: int) -> bool:
        """A word jieba's dictionary lists that is a field and a head (交通部长, 宣传部长, 训导主任,
        公安局长): a post named by what it is in charge of, whatever the field."""
        word = analysis.words[index]
        return (
            len(word) >= 4
            and analysis.is_known(index)
            and analysis.tags[index] not in _NAME_TAGS
            and any(len(head) >= 2 and len(word) - len(head) >= 2 and word.endswith(head) for head in self._heads_by_length)
        )

    def _may_start_title(self, analysis: TextAnalysis, index: int) -> bool:
        """Whether a title can start with this word: the word begins with a title (常务副主席) or
        is how one begins (常务 + 副 + 主席, 副 + 书记): whole, or prefixes then the beginning of a
        prefix or a head, or it is a field and a head in one dictionary word (交通部长). A title at
        any other word is impossible, whatever follows."""
        word = analysis.words[index]
        if self._is_lexicalised_title(analysis, index):
            return True
        if word[0] not in self.first_chars:
            return False
        if self.pattern.match(word) or word in self._whole_beginnings:
            return True
        reached = [False] * (len(word) + 1)
        reached[0] = True
        for at in range(len(word)):
            if reached[at]:
                if word[at:] in self._beginnings:
                    return True
                for prefix in self._prefixes:
                    if word.startswith(prefix, at):
                        reached[at + len(prefix)] = True
        return reached[len(word)] and bool(self.heads)

    def ends_with_head(self, word: str) -> bool:
        """Whether ``word`` ends with a title's head: 中央政治局常委 is a post, not a body."""
        return any(word.endswith(head) for head in self._heads_by_length if len(word) > len(head))

    def starts_title(self, text: str, position: int) -> bool:
        """Whether a title (or a head alone) starts at ``position``: used to split 公司 | 工会主席."""
        return bool(self.pattern.match(text, position))

    def find(self, analysis: TextAnalysis) -> list[Suggestion]:
        text = analysis.text
        found = []
        position_limit = len(text)
        next_free = 0
        starts = analysis.starts
        for index in self.lexicon.indices(analysis, self._start_bit):
            start = starts[index]
            if start < next_free:
                continue
            if self._is_lexicalised_title(analysis, index):
                end = analysis.ends[index]
                if not (end < position_limit and text.startswith(self.not_followed_by, end)):
                    found.append(span(text, start, end, LABEL, self.score))
                    next_free = end
                continue
            # (the pattern is literals and repeats: if nothing matches from here, nothing ends at a word end)
            if self.pattern.match(text, start) is None:
                continue
            # Try word ends from the longest down: the title must end where a word ends.
            ends = [e for e in analysis.ends[index : index + 8] if e - start <= _LONGEST]
            for end in reversed(ends):
                if not self.pattern.fullmatch(text, start, end):
                    continue
                if end < position_limit and text.startswith(self.not_followed_by, end):
                    continue
                found.append(span(text, start, end, LABEL, self.score))
                next_free = end
                break
        return found
