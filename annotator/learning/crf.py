"""Training a linear-chain CRF with CRFsuite (python-crfsuite), with progress and cancelling.

CRFsuite's L-BFGS reports each iteration through a message; ``train_crf``
turns those into ``progress(iteration, max_iterations)`` calls and checks
``cancelled()`` at each one: raising from the message handler stops CRFsuite
(python-crfsuite turns the Python exception into a C++ one and back). The
model is written to a temporary file, read back as bytes and the file removed.

CRFsuite holds the GIL while it trains: a window that must stay responsive
trains in another process (``annotator.learning.runner``).

Training is deterministic: the same sequences in the same order with the same
settings give the same bytes.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import pycrfsuite

from annotator.errors import AnnotatorError, InputError

# progress(iterations_done, iterations_planned)
IterationProgress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

MODEL_MAGIC = b"lCRF"
MODEL_HEADER_SIZE = 48

_ITERATION = re.compile(r"\*{5} Iteration #(\d+) \*{5}")


class TrainingCancelled(AnnotatorError):
    """Training was stopped on request; nothing was stored."""

    exit_code = 130


@dataclass(frozen=True)
class CrfSettings:
    """L-BFGS with elastic-net regularisation; the values chosen on People's Daily (docs/learning.md)."""

    c1: float = 0.05
    c2: float = 0.05
    max_iterations: int = 150
    # Transitions never seen in training (O -> I-PER) get a weight too, and learn to be unlikely.
    possible_transitions: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CrfSettings:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InputError(f"unknown CRF setting(s): {', '.join(unknown)}")
        return cls(**data)

    def params(self) -> dict[str, Any]:
        return {
            "c1": self.c1,
            "c2": self.c2,
            "max_iterations": self.max_iterations,
            "feature.possible_transitions": self.possible_transitions,
        }


class _Trainer(pycrfsuite.BaseTrainer):
    """CRFsuite's trainer, reporting iterations and stopping when asked."""

    def __init__(self, settings: CrfSettings, progress: IterationProgress | None, cancelled: Cancelled | None) -> None:
        super().__init__(algorithm="lbfgs", params=settings.params(), verbose=False)
        self.planned = settings.max_iterations
        self.on_progress = progress
        self.cancelled = cancelled
        self.iterations = 0

    def message(self, message: str) -> None:
        match = _ITERATION.search(message)
        if match is None:
            return
        self.iterations = int(match.group(1))
        if self.cancelled is not None and self.cancelled():
            raise TrainingCancelled("training was cancelled")
        if self.on_progress is not None:
            self.on_progress(min(self.iterations, self.planned), self.planned)


def train_crf(
    sequences: Sequence[tuple[Sequence[Sequence[str]], list[str]]],
    settings: CrfSettings,
    *,
    progress: IterationProgress | None = None,
    cancelled: Cancelled | None = None,
) -> bytes:
    """Train on (features per item, tag per item) sequences; the model's bytes."""
    if not sequences:
        raise InputError("nothing to train on: no sequences")
    if cancelled is not None and cancelled():
        raise TrainingCancelled("training was cancelled")
    trainer = _Trainer(settings, progress, cancelled)
    for features, tags in sequences:
        trainer.append(features, tags)
    with tempfile.TemporaryDirectory(prefix="annotator-crf-") as folder:
        path = Path(folder) / "model.crfsuite"
        trainer.train(os.fspath(path))
        data = path.read_bytes()
    if progress is not None:
        progress(settings.max_iterations, settings.max_iterations)
    return data


def looks_like_model(data: bytes) -> bool:
    """CRFsuite's header: the magic number, then the file's size (CRFsuite reads past the end of a truncated model)."""
    return (
        isinstance(data, bytes)
        and len(data) >= MODEL_HEADER_SIZE
        and data[:4] == MODEL_MAGIC
        and int.from_bytes(data[4:8], "little") == len(data)
    )


def open_tagger(data: bytes) -> pycrfsuite.Tagger:
    """A tagger over model bytes (CRFsuite keeps using the buffer: keep ``data`` alive as long as the tagger).

    Bytes that are damaged in the middle crash CRFsuite: the store checks each
    model against its checksum before it gets here.
    """
    if not looks_like_model(data):
        raise InputError("the model cannot be opened: it is not a complete CRFsuite model")
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open_inmemory(data)
    except (ValueError, OSError) as exc:
        raise InputError(f"the model cannot be opened: {exc}") from None
    return tagger
