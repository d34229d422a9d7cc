"""A killed ``annotator import`` is completed exactly by running it again (the reduced form of
``benchmarks/killed_imports.py``, which kills 30 imports at random points)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from annotator.project.importing import run_import
from annotator.store import Store

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
import killed_imports  # noqa: E402 - after the path is set

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and ps")


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    tick = threading.Event()
    while not condition():
        if time.monotonic() > deadline:
            return False
        tick.wait(0.02)
    return True


def owed_and_stored(db: Path) -> tuple[int, int]:
    stored, owed, _queued = killed_imports.progress_of(db)
    return stored, owed


def test_an_import_killed_while_computing_candidates_is_finished_exactly_by_a_rerun(tmp_path, annotator_home):
    folder = killed_imports.make_corpus(tmp_path / "pages", 30, tmp_path / "cache")
    reference_db = tmp_path / "reference.db"
    with Store(reference_db, annotator="tester") as store:
        expected_documents = len(run_import(store, [folder]).doc_ids)
    env = killed_imports.environment(annotator_home)
    db = tmp_path / "killed.db"
    process = subprocess.Popen(killed_imports.import_command(db, folder), env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # every file stored, candidates begun but not finished: kill it there
        def candidates_begun() -> bool:
            stored, owed = owed_and_stored(db)
            return stored == expected_documents and owed > 0

        assert wait_until(candidates_begun, 60)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    assert killed_imports.wait_for_group_to_end(process.pid, timeout=10) == []
    stored, owed = owed_and_stored(db)
    assert stored == expected_documents and owed > 0
    assert killed_imports.check_exit(db, env) == 7

    code, _seconds = killed_imports.run_import(db, folder, env)
    assert code == 0
    assert killed_imports.check_exit(db, env) == 0
    assert killed_imports.differences(killed_imports.snapshot(reference_db), killed_imports.snapshot(db)) == []


def test_the_comparison_sees_a_difference(tmp_path):
    folder = killed_imports.make_corpus(tmp_path / "pages", 2, tmp_path / "cache")
    with Store(tmp_path / "a.db", annotator="x") as store:
        run_import(store, [folder])
    with Store(tmp_path / "b.db", annotator="x") as store:
        run_import(store, [folder])
        store.db.conn.execute("DELETE FROM candidates WHERE id = (SELECT MAX(id) FROM candidates)")
    found = killed_imports.differences(killed_imports.snapshot(tmp_path / "a.db"), killed_imports.snapshot(tmp_path / "b.db"))
    assert found and found[0].startswith("candidates:")
