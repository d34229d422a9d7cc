"""How the learned model's candidates (sources ``model`` and ``starter``) are drawn from it: ``resources/candidates/model.toml``."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.candidates.ruledata import RuleTable


@dataclass(frozen=True)
class ModelSourceSettings:
    # Besides the spans of its best tagging, the model proposes every other span whose
    # tags all have at least this marginal probability; 0 proposes none.
    alternatives_min_score: float = 0.0
    # A project that has not trained its own model suggests with the starter model bundled with
    # Annotator (source ``starter``); off, it suggests with jieba, the rules and the gazetteer alone.
    starter: bool = True

    @classmethod
    def from_table(cls, table: RuleTable) -> ModelSourceSettings:
        table.check_keys(("alternatives_min_score", "starter"))
        return cls(table.score("alternatives_min_score", 0.0), table.flag("starter", True))

    @property
    def alternatives(self) -> float | None:
        """The marginal threshold for alternative spans, None for none."""
        return self.alternatives_min_score or None
