"""What the rule families share: their source name and small text helpers."""

from __future__ import annotations

from annotator.candidates.spans import Suggestion

SOURCE = "rules"


def span(text: str, start: int, end: int, label: str, score: float) -> Suggestion:
    return Suggestion(start, end, label, text[start:end], SOURCE, score)
