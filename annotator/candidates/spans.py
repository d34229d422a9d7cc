"""What the candidate sources produce: a suggested span with its label, provenance and score."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotator.model import Candidate


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A span the reviewer may want to label.

    Offsets are code points into the text the suggestion was made for, end
    exclusive. ``source`` names where it came from (``pos``, ``rules``,
    ``gazetteer``, ``model``); when several sources agree it lists them,
    strongest first, joined by ``+``. ``score`` is between 0 and 1.
    """

    start: int
    end: int
    label: str
    text: str
    source: str
    score: float

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "text": self.text,
            "source": self.source,
            "score": round(self.score, 4),
        }

    def to_candidate(self, doc_id: str) -> Candidate:
        return Candidate(doc_id, self.start, self.end, self.label, self.text, self.source, self.score)
