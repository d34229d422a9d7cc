"""Dates and amounts of money: regular expressions from dates.toml and money.toml."""

from __future__ import annotations

from annotator.candidates.regex_scan import Scanner
from annotator.candidates.rules.common import span
from annotator.candidates.ruledata import RuleTable, expand_patterns
from annotator.candidates.spans import Suggestion


class PatternRule:
    """Every match of the file's patterns is a candidate with that pattern's score."""

    def __init__(self, label: str, table: RuleTable) -> None:
        table.check_keys(("fragments", "patterns"))
        self.label = label
        self.patterns = [(pattern, score) for pattern, score, _ in expand_patterns(table)]
        self._scanners = [Scanner(pattern) for pattern, _score in self.patterns]

    def find(self, text: str) -> list[Suggestion]:
        found = []
        for scanner, (_pattern, score) in zip(self._scanners, self.patterns, strict=True):
            for match in scanner.finditer(text):
                if match.end() > match.start():
                    found.append(span(text, match.start(), match.end(), self.label, score))
        return found
