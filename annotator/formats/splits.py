"""Train/dev/test splits that are the same on every run and every machine.

A document's split depends only on its id (and an optional seed): the first
eight bytes of ``sha256(seed + NUL + id)`` read as a fraction in [0, 1) pick
the split whose cumulative ratio first exceeds it. Adding or removing other
documents never moves a document to another split, and nothing is shuffled.
"""

from __future__ import annotations

import hashlib
import re

from annotator.errors import InputError

METHOD = "sha256(seed + NUL + document id), first 8 bytes as a fraction of 2^64, against cumulative ratios"
_SPLIT_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,39}$")


def parse_splits(value: str) -> dict[str, float]:
    """'train=0.8,dev=0.1,test=0.1' -> {'train': 0.8, 'dev': 0.1, 'test': 0.1}; ratios must sum to 1."""
    splits: dict[str, float] = {}
    for part in value.split(","):
        part = part.strip()
        name, sep, ratio_text = part.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"--split: '{part}' is not NAME=RATIO (e.g. train=0.8,dev=0.1,test=0.1)")
        if not _SPLIT_NAME.match(name):
            raise InputError(f"--split: '{name}' is not a usable split name (letters, digits, _ and -; "
                             "it becomes a file name)")
        if name in splits:
            raise InputError(f"--split: '{name}' is given twice")
        try:
            ratio = float(ratio_text)
        except ValueError:
            raise InputError(f"--split: the ratio of '{name}' is '{ratio_text.strip()}', not a number") from None
        if not 0 < ratio <= 1:
            raise InputError(f"--split: the ratio of '{name}' must be above 0 and at most 1, not {ratio_text.strip()}")
        splits[name] = ratio
    return check_splits(splits)


def check_splits(splits: dict[str, float]) -> dict[str, float]:
    if not splits:
        raise InputError("--split: name at least one split")
    total = sum(splits.values())
    if abs(total - 1.0) > 1e-6:
        raise InputError(f"--split: the ratios add up to {total:g}, not 1")
    return splits


def split_of(doc_id: str, splits: dict[str, float], seed: str = "") -> str:
    digest = hashlib.sha256(f"{seed}\x00{doc_id}".encode()).digest()
    fraction = int.from_bytes(digest[:8], "big") / 2**64
    cumulative = 0.0
    for name, ratio in splits.items():
        cumulative += ratio
        if fraction < cumulative:
            return name
    return name  # rounding left the last sliver; it belongs to the last split
