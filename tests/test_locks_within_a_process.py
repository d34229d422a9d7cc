"""Opening a project a second time in the same process never takes the first connection's locks away.

POSIX drops every lock a process holds on a file when any descriptor of that file is
closed. Reading the project's header with ``open()`` while the app (or an import) had it
open did that: the next connection to close believed itself the last and deleted the
-wal and -shm under the writer, whose later commits went to a deleted file, invisible to
every other process and lost with the writer.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.store import Store, backups
from annotator.store.connection import connect, sidecars

COUNT = 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(c.execute("SELECT COUNT(*) FROM settings").fetchone()[0])'


def _seen_by_another_process(path: Path) -> int:
    done = subprocess.run([sys.executable, "-c", COUNT, str(path)], capture_output=True, text=True, check=True)
    return int(done.stdout)


@pytest.mark.parametrize("second", ["read-only connection", "backup", "writer"])
def test_a_second_opening_leaves_the_writers_wal_alone(db_path, second):
    with Store(db_path, annotator="tester") as store:
        store.settings.set("first", "1")
        if second == "read-only connection":
            connect(db_path, read_only=True).conn.close()
        elif second == "backup":
            backups.safeguard(db_path)
        else:
            Store(db_path, annotator="worker").close()
        # another program reads the project: with our locks gone, its connection would be the
        # "last" to close, and would checkpoint and delete the -wal and -shm on its way out
        _seen_by_another_process(db_path)
        assert all(side.exists() for side in sidecars(db_path))
        store.settings.set("second", "2")
        (mine,) = store.db.conn.execute("SELECT COUNT(*) FROM settings").fetchone()
        assert _seen_by_another_process(db_path) == mine
