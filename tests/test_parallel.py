"""One rule for how many worker processes reading and candidate generation use."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from annotator.platform.parallel import MAX_WORKERS, spawn_context, worker_count


def test_an_explicit_count_wins_but_is_at_least_one():
    assert worker_count(3) == 3
    assert worker_count(0) == 1
    assert worker_count(-2) == 1


def test_the_default_is_one_per_core_up_to_the_cap(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert worker_count(None) == 2
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert worker_count(None) == MAX_WORKERS
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert worker_count(None) == 1


def test_workers_are_spawned_not_forked():
    assert spawn_context().get_start_method() == "spawn"


# --- workers end with their parent ----------------------------------------------------------------

# A parent that starts a pool, prints its workers' pids, and waits to be killed.
POOL_PARENT = """
import os, sys
from concurrent.futures import ProcessPoolExecutor
from annotator.platform.parallel import exit_with_parent, spawn_context
initializer = exit_with_parent if sys.argv[1] == "watched" else None
pool = ProcessPoolExecutor(2, mp_context=spawn_context(), initializer=initializer)
pids = {pool.submit(os.getpid).result() for _ in range(6)}
print(" ".join(map(str, sorted(pids))), flush=True)
sys.stdin.read()
"""


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc (macOS): ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def _wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    tick = threading.Event()
    while not condition():
        if time.monotonic() > deadline:
            return False
        tick.wait(0.05)
    return True


def _killed_pool_parent(mode: str) -> list[int]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    parent = subprocess.Popen([sys.executable, "-c", POOL_PARENT, mode], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, env=env, text=True)
    pids = [int(pid) for pid in parent.stdout.readline().split()]
    assert pids and all(_alive(pid) for pid in pids)
    parent.kill()  # SIGKILL: nothing in the parent runs any more
    parent.wait()
    parent.stdin.close()
    parent.stdout.close()
    return pids


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and /proc")
def test_workers_end_when_their_parent_is_killed():
    pids = _killed_pool_parent("watched")
    assert _wait_until(lambda: not any(_alive(pid) for pid in pids), timeout=15), "workers outlived their parent"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and /proc")
def test_without_the_watch_workers_would_outlive_a_killed_parent():
    """The premise of the test above: a pool's workers do not notice on their own."""
    pids = _killed_pool_parent("unwatched")
    try:
        assert not _wait_until(lambda: not any(_alive(pid) for pid in pids), timeout=1)
    finally:
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_every_pool_of_the_import_watches_its_parent(monkeypatch):
    from annotator.candidates import workers as candidate_workers
    from annotator.candidates.context import default_context
    from annotator.project import reading

    calls = []
    monkeypatch.setattr(reading, "exit_with_parent", lambda: calls.append("reading"))
    monkeypatch.setattr(candidate_workers, "exit_with_parent", lambda: calls.append("candidates"))
    reading._start_worker()
    candidate_workers.start(default_context(), {})
    assert calls == ["reading", "candidates"]
