"""Chinese surnames, from surnames.toml."""

from __future__ import annotations

from annotator.candidates.ruledata import RuleTable


class Surnames:
    def __init__(self, table: RuleTable) -> None:
        table.check_keys(("common", "rare", "compound"))
        self.common = frozenset(table.strings("common"))
        self.rare = frozenset(table.strings("rare", ())) - self.common
        self.compound = frozenset(table.strings("compound", ()))

    def at(self, text: str, position: int, *, common_only: bool = False) -> int | None:
        """The length of the surname starting at ``position``, or None."""
        if text[position : position + 2] in self.compound:
            return 2
        char = text[position : position + 1]
        if char in self.common or (not common_only and char in self.rare):
            return 1
        return None
