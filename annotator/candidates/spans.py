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


def _set_fields(fields: tuple[str, ...]):
    """A faster ``__init__`` for the frozen Suggestion: its slots set directly.

    The rules make thousands of suggestions per article, and the generated
    ``__init__`` of a frozen dataclass goes through ``object.__setattr__``
    once per field, which made building them a tenth of all the work.
    Instances stay frozen: only this ``__init__`` sets their slots.
    """
    set_start, set_end, set_label, set_text, set_source, set_score = (
        Suggestion.__dict__[name].__set__ for name in fields
    )

    def __init__(self: Suggestion, start: int, end: int, label: str, text: str, source: str, score: float) -> None:
        set_start(self, start)
        set_end(self, end)
        set_label(self, label)
        set_text(self, text)
        set_source(self, source)
        set_score(self, score)

    return __init__


Suggestion.__init__ = _set_fields(("start", "end", "label", "text", "source", "score"))  # type: ignore[method-assign]
