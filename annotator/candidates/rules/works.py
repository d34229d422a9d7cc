"""Titled works: the text inside 《》, and well-known laws named without brackets."""

from __future__ import annotations

import re

from annotator.candidates.analysis import TextAnalysis
from annotator.candidates.ruledata import RuleTable, alternation
from annotator.candidates.rules.common import span
from annotator.candidates.spans import Suggestion

LABEL = "WORK"


class WorkRule:
    def __init__(self, table: RuleTable) -> None:
        table.check_keys(("brackets", "max_length", "laws", "score", "score_law"))
        longest = table.integer("max_length", 80, minimum=1)
        self.bracketed = [
            re.compile(f"{re.escape(a)}([^{re.escape(a + b)}\\n]{{1,{longest}}}){re.escape(b)}")
            for a, b in table.pairs("brackets")
        ]
        self.laws = re.compile(alternation(table.strings("laws", ())))
        self.score = table.score("score", 0.95)
        self.score_law = table.score("score_law", 0.8)

    def find(self, analysis: TextAnalysis) -> list[Suggestion]:
        text = analysis.text
        found = []
        inside: list[tuple[int, int]] = []
        for pattern in self.bracketed:
            for match in pattern.finditer(text):
                start, end = match.span(1)
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    found.append(span(text, start, end, LABEL, self.score))
                    inside.append((start, end))
        for match in self.laws.finditer(text):
            start, end = match.span()
            if any(a <= start and end <= b for a, b in inside):
                continue
            # 劳动法律 is not 劳动法: the name must be a whole word or words
            if analysis.is_boundary(start) and analysis.is_boundary(end):
                found.append(span(text, start, end, LABEL, self.score_law))
        return found
