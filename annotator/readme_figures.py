"""The README's quality figures: written by the evaluators that measure them, never copied by hand.

Each evaluator (``python -m annotator.ingest.evaluate --readme``, ``python -m annotator.candidates.evaluate
--readme``) renders its table and replaces its own block of README.md, between a start comment naming the command
that writes it and an end comment. The fresh test sets measured once and since made tuning material cannot be
measured again on today's code, so their figures come from the record kept beside the pages
(tests/data/pages/measured_once.json) and are printed as that record, with the commit each was measured at.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
MEASURED_ONCE = REPO / "tests" / "data" / "pages" / "measured_once.json"


@dataclass(frozen=True)
class MeasuredOnce:
    """One fresh test set as it was measured once, on the code of its day."""

    set: str
    pages: str
    built: str
    splitter: dict
    candidates: dict


def measured_once(path: Path = MEASURED_ONCE) -> list[MeasuredOnce]:
    return [MeasuredOnce(**entry) for entry in json.loads(path.read_text(encoding="utf-8"))["sets"]]


def start_marker(name: str, command: str) -> str:
    return f"<!-- {name}: written by `{command}`; do not edit by hand -->"


def end_marker(name: str) -> str:
    return f"<!-- end of {name} -->"


def with_block(readme: str, name: str, command: str, body: str) -> str:
    """``readme`` with the block ``name`` replaced by ``body``; a README without the block's markers is an error,
    since a table written anywhere else would leave the old one standing."""
    start, end = start_marker(name, command), end_marker(name)
    if readme.count(start) != 1 or readme.count(end) != 1 or readme.index(start) > readme.index(end):
        raise ValueError(f"README.md: the block '{name}' needs exactly one line '{start}' and, after it, one '{end}'")
    head, rest = readme.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n\n{body.strip()}\n\n{end}{tail}"


def write_block(name: str, command: str, body: str, path: Path = README) -> None:
    text = with_block(path.read_text(encoding="utf-8"), name, command, body)
    part = path.with_suffix(path.suffix + ".part")
    part.write_text(text, encoding="utf-8")
    part.replace(path)


def ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.2f}" if denominator else "—"


def of(count: int | None, total: int | None) -> str:
    return "—" if count is None or total is None else f"{count} of {total}"
