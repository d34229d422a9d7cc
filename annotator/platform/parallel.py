"""How many worker processes the slow batch jobs (reading pages, computing candidates) use, and how they start."""

from __future__ import annotations

import multiprocessing
import os
import threading
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


def exit_with_parent() -> None:
    """In a worker process: end it as soon as the process that started it is gone.

    A pool's workers wait for work on a pipe that they hold open themselves, so
    when their parent is killed (SIGKILL, the task manager) nothing tells them,
    and they would live on, holding memory and the project's files. The parent's
    sentinel (a pipe on macOS and Linux, a process handle on Windows) becomes
    ready when it dies; a daemon thread waits on it and ends the process. Call
    it first thing in a pool's initialiser. Outside a spawned worker it does nothing.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns once the parent process has ended, however it ended
        os._exit(EXIT_PARENT_GONE)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


# The exit status of a worker that ended because its parent was gone.
EXIT_PARENT_GONE = 70
