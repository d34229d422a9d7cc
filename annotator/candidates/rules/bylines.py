"""Bylines and photo credits: the names after 记者, 通讯员, 实习生 ... are persons."""

from __future__ import annotations

import re
from itertools import chain

from annotator.candidates.analysis import is_cjk
from annotator.candidates.ruledata import RuleTable, alternation
from annotator.candidates.rules.common import span
from annotator.candidates.rules.surnames import Surnames
from annotator.candidates.spans import Suggestion

LABEL = "PER"
_COLONS = "：:"


class BylineRule:
    def __init__(self, table: RuleTable, surnames: Surnames, function_chars: frozenset[str] = frozenset()) -> None:
        table.check_keys(
            ("markers", "name_separators", "name_ends", "end_words", "min_name", "max_name", "score",
             "score_unknown_surname", "score_closing")
        )
        self.markers = re.compile(alternation(table.strings("markers")))
        self.separators = frozenset(table.strings("name_separators"))
        self.ends = frozenset(table.strings("name_ends"))
        self.end_words = tuple(sorted(table.strings("end_words", ()), key=len, reverse=True))
        self.min_name = table.integer("min_name", 2, minimum=1)
        self.max_name = table.integer("max_name", 4, minimum=self.min_name)
        self.score = table.score("score", 0.95)
        self.score_unknown = table.score("score_unknown_surname", 0.85)
        self.score_closing = table.score("score_closing", 0.7)
        self.surnames = surnames
        self.function_chars = function_chars
        # 某日电（某某 某某）: the bracket after a dateline's 电 or 讯 holds the reporters' names, with or
        # without a marker (记者 某某 is read as any byline)
        self.dateline_bracket = re.compile(r"(?<=[电讯])[（(]")
        # （某某）, （某某摄）, （某某 摄）: a name in brackets closing a line, with a photo credit's verb
        self.closing = re.compile(
            rf"[（(]([^\s（）()]{{{self.min_name},{self.max_name}}})(?:[ \u3000]+摄)?[）)][ \t\u3000]*$", re.M
        )

    def _name_end(self, text: str, start: int) -> tuple[int, bool] | None:
        """Where a name starting at ``start`` ends, and whether it ends strongly (space, bracket, 摄)."""
        limit = min(len(text), start + self.max_name)
        for end in range(start + self.min_name, limit + 1):
            if not all(is_cjk(c) for c in text[start:end]):
                return None
            if end == len(text):
                return end, True
            follower = text[end]
            if follower in self.ends:
                return end, True
            if text.startswith(self.end_words, end):
                return end, True
            if follower in self.separators and end + 1 < len(text) and is_cjk(text[end + 1]):
                return end, False
            if self.markers.match(text, end):
                return end, True
        return None

    def _spaced_name_end(self, text: str, start: int) -> tuple[int, bool] | None:
        """张 驰: a two-character name set with a space between surname and given name, as papers
        set it to the width of three; the name ends after the given name (and the space is in it)."""
        end = start + 3
        if (
            end <= len(text)
            and text[start + 1] in " \u3000"
            and is_cjk(text[start + 2])
            and self.surnames.at(text, start, common_only=True) == 1
            and (end == len(text) or text[end] in self.ends or text[end] in self.separators)
        ):
            return end, True
        return None

    def find(self, text: str) -> list[Suggestion]:
        found: list[Suggestion] = []
        for marker in chain(self.markers.finditer(text), self.dateline_bracket.finditer(text)):
            position = marker.end()
            if marker.re is self.dateline_bracket and (
                self.markers.match(text, position) or not self.surnames.at(text, position, common_only=True)
            ):
                continue  # a marker follows (read above), or no name: 发电（千瓦）
            while position < len(text) and (text[position] in _COLONS or text[position] in " \u3000"):
                position += 1
            while position < len(text):
                result = self._spaced_name_end(text, position) or self._name_end(text, position)
                if result is None:
                    break
                end, strong = result
                known = self.surnames.at(text, position) is not None
                if not known and (not strong or text[position] in self.function_chars):
                    break  # 记者在拍摄: 在 starts a phrase, not a name
                if not known and self.markers.match(text, position):
                    break
                found.append(span(text, position, end, LABEL, self.score if known else self.score_unknown))
                if end < len(text) and text[end] in self.separators:
                    position = end + 1
                    while position < len(text) and text[position] in " \u3000":
                        position += 1
                    if self.markers.match(text, position):
                        break
                    continue
                break
        for match in self.closing.finditer(text):
            start, end = match.span(1)
            # （某某摄）: the credit's verb after the name is no part of it
            verb = next((w for w in self.end_words if text.endswith(w, start, end)), "")
            end -= len(verb) if end - len(verb) - start >= self.min_name else 0
            if all(is_cjk(c) for c in text[start:end]) and self.surnames.at(text, start, common_only=True):
                found.append(span(text, start, end, LABEL, self.score_closing))
        return found
