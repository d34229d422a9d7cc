"""BIO tags: entities to one tag per token and back.

Writing uses IOB2 (every entity starts with ``B-``). Reading also accepts
IOB1 (an entity may start with ``I-``), BIOES and BMES (``E-``/``S-``/``M-``,
the convention of the MSRA character-level files), so corpora from the usual
sources import as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.errors import InputError
from annotator.label_schema import LabelSchema

OUTSIDE = "O"
_TAG = re.compile(r"^([BIESM])[-_](.+)$")


def tag_names(schema: LabelSchema) -> list[str]:
    """O, then B- and I- for each entity label in schema order: the id order of ``ner_tags``."""
    return [OUTSIDE] + [f"{prefix}-{label}" for label in schema.entity_names for prefix in ("B", "I")]


def encode(length: int, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """Tags for ``length`` tokens; spans are (first token, last token inclusive, label) and must not overlap."""
    tags = [OUTSIDE] * length
    for first, last, label in spans:
        tags[first] = f"B-{label}"
        for i in range(first + 1, last + 1):
            tags[i] = f"I-{label}"
    return tags


@dataclass
class Decoded:
    # (first token, last token inclusive, label)
    spans: list[tuple[int, int, str]]
    # entities that began without a B- or S- tag (IOB1 files, or sloppy ones)
    loose_starts: int = 0


def decode(tags: Sequence[str], where: Sequence[str]) -> Decoded:
    """Entities from tags; ``where[i]`` names token i in errors."""
    spans: list[tuple[int, int, str]] = []
    loose = 0
    open_start: int | None = None
    open_label = ""

    def close(last: int) -> None:
        nonlocal open_start
        if open_start is not None:
            spans.append((open_start, last, open_label))
        open_start = None

    for i, tag in enumerate(tags):
        if tag == OUTSIDE:
            close(i - 1)
            continue
        match = _TAG.match(tag)
        if not match:
            raise InputError(f"{where[i]}: '{tag}' is not a tag (O, or B-, I-, E-, S-, M- and a label)")
        prefix, label = match.groups()
        continues = open_start is not None and open_label == label
        if prefix in ("B", "S") or not continues:
            if prefix not in ("B", "S"):
                loose += 1
            close(i - 1)
            open_start, open_label = i, label
        if prefix in ("E", "S"):
            close(i)
    close(len(tags) - 1)
    return Decoded(spans, loose)
