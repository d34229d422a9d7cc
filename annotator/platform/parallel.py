"""How many worker processes the slow batch jobs (reading pages, computing candidates) use, and how they start."""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.context import BaseContext

# More processes than this stop paying for themselves: each loads the segmenter.
MAX_WORKERS = 8


def worker_count(workers: int | None) -> int:
    """``workers`` if given (at least 1), else one per core, at most ``MAX_WORKERS``."""
    if workers is not None:
        return max(1, int(workers))
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def spawn_context() -> BaseContext:
    """Worker processes are spawned, never forked: the app has threads, and a fork copies their locks."""
    return multiprocessing.get_context("spawn")
