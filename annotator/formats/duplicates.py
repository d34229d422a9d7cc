"""Spans and relations a file states twice: merged into one, and counted in the import notes.

An entity is its offsets and label, a relation its head, tail and label, so
a second copy adds nothing; the project keeps one. What is merged is said in
the notes (how many, and where the first was), never done silently: a count
that differs from the file's is otherwise a mystery (the spaCy relation
tutorial's Prodigy data states 4 of its 267 relations twice).
"""

from __future__ import annotations

from annotator.model import AnnotatedDocument


class Duplicates:
    """Merges the duplicates of each document of one file and remembers what it merged."""

    def __init__(self) -> None:
        self.spans = 0
        self.relations = 0
        self._first_span = ""
        self._first_relation = ""

    def merge(self, bundle: AnnotatedDocument, where: str) -> AnnotatedDocument:
        """``bundle`` with one entity per (start, end, label) and one relation per (head, tail, label)."""
        kept: dict[tuple[int, int, str], int | None] = {}
        renumber: dict[int | None, int | None] = {}
        entities = []
        for entity in bundle.entities:
            key = (entity.start, entity.end, entity.label)
            if key in kept:
                renumber[entity.id] = kept[key]
                self.spans += 1
                self._first_span = self._first_span or f"{where}: {entity.label} {entity.text!r} ({entity.start}-{entity.end})"
                continue
            kept[key] = entity.id
            renumber[entity.id] = entity.id
            entities.append(entity)
        seen: set[tuple[int | None, int | None, str]] = set()
        relations = []
        for relation in bundle.relations:
            relation.head_id = renumber.get(relation.head_id, relation.head_id)
            relation.tail_id = renumber.get(relation.tail_id, relation.tail_id)
            key = (relation.head_id, relation.tail_id, relation.label)
            if key in seen:
                self.relations += 1
                self._first_relation = self._first_relation or f"{where}: {relation.label}"
                continue
            seen.add(key)
            relations.append(relation)
        bundle.entities, bundle.relations = entities, relations
        return bundle

    def notes(self) -> list[str]:
        out = []
        if self.spans:
            out.append(f"{self.spans} span(s) stated twice (same offsets and label) were imported once "
                       f"(first: {self._first_span})")
        if self.relations:
            out.append(f"{self.relations} relation(s) stated twice (same head, tail and label) were imported once "
                       f"(first: {self._first_relation})")
        return out
