"""One rule for how many worker processes reading and candidate generation use."""

from __future__ import annotations

import os

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
