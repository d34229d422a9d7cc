"""Drawing a relation from the keyboard: head first, then a tail, then a number for the type.

``R`` on a focused entity starts a draft with that entity as head. Moving the
focus to another entity proposes it as the tail, and the draft lists the
relation types the schema allows from the head's label to the tail's,
numbered from 1. A number picks one; a pair no type allows is refused with a
reason the window shows in its status bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.errors import SchemaError
from annotator.label_schema import LabelSchema, RelationLabel
from annotator.model import Entity, Relation
from annotator.review.notes import Note


@dataclass(frozen=True)
class RelationChoice:
    number: int
    relation: RelationLabel
    # already present between this head and tail: picking it again is refused
    exists: bool = False


class RelationRefused(Exception):
    """The pick cannot become a relation; ``note`` says why, for the status bar (the message is its English)."""

    def __init__(self, message: str, note: Note) -> None:
        super().__init__(message)
        self.note = note


@dataclass
class RelationDraft:
    schema: LabelSchema
    head: Entity
    tail: Entity | None = None

    def propose_tail(self, tail: Entity | None) -> None:
        self.tail = tail if tail is None or tail.id != self.head.id else None

    def choices(self, existing: Sequence[Relation] = ()) -> list[RelationChoice]:
        """The relation types allowed from head to tail, numbered from 1 in schema order."""
        if self.tail is None:
            return []
        allowed = self.schema.relations_allowed(self.head.label, self.tail.label)
        present = {
            r.label
            for r in existing
            if (r.head_id, r.tail_id) == (self.head.id, self.tail.id)
            or (
                (r.head_id, r.tail_id) == (self.tail.id, self.head.id)
                and not self._directed(r.label)
            )
        }
        return [RelationChoice(i + 1, rel, rel.name in present) for i, rel in enumerate(allowed)]

    def _directed(self, name: str) -> bool:
        try:
            return self.schema.relation(name).directed
        except SchemaError:  # a relation label the schema dropped: treat it as directed
            return True

    def pick(self, number: int, existing: Sequence[Relation] = ()) -> RelationLabel:
        """The relation type numbered ``number``; raises RelationRefused with the reason otherwise."""
        if self.tail is None:
            raise RelationRefused("choose the tail entity first (Tab to it, or click it)", Note("choose_tail"))
        choices = self.choices(existing)
        head, tail = _describe(self.head), _describe(self.tail)
        if not choices:
            raise RelationRefused(
                f"no relation type goes from {self.head.label} to {self.tail.label} ({head} → {tail})",
                Note.of("no_relation_type", self.head.label, self.tail.label, head, tail),
            )
        if not 1 <= number <= len(choices):
            raise RelationRefused(
                f"{number} is not a choice for {head} → {tail}; pick 1–{len(choices)}",
                Note.of("not_a_choice", number, head, tail, len(choices)),
            )
        choice = choices[number - 1]
        if choice.exists:
            name = choice.relation.display or choice.relation.name
            raise RelationRefused(
                f"{head} and {tail} are already related by {choice.relation.name}",
                Note.of("already_related", head, tail, name),
            )
        return choice.relation

    def only_choice(self, existing: Sequence[Relation] = ()) -> RelationLabel | None:
        """The relation type when exactly one fits (so Return can confirm it), else None."""
        open_choices = [c for c in self.choices(existing) if not c.exists]
        return open_choices[0].relation if len(open_choices) == 1 else None


def _describe(entity: Entity) -> str:
    text = entity.text if len(entity.text) <= 12 else entity.text[:11] + "…"
    return f"“{text}”"
