"""Opening never harms: read-only commands leave the file as it was, what is not a project is refused
before anything is written, and a new project is created whole even when two processes race."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from safety_helpers import (
    REPO,
    benchmark_modules,
    can_drop_privileges,
    cli,
    digest,
    folder_listing,
    run_unprivileged,
    shared_folder,
)

from annotator.errors import NewerProjectError, NotAProjectError
from annotator.store import Store, migrations
from annotator.store.creation import create_project_file


@pytest.fixture(scope="module")
def good_project(tmp_path_factory) -> Path:
    with benchmark_modules():
        from damage import build_good_project

        os.environ.setdefault("ANNOTATOR_HOME", str(tmp_path_factory.mktemp("home")))
        return build_good_project(tmp_path_factory.mktemp("good") / "good")


@pytest.fixture
def project(good_project, tmp_path) -> Path:
    """A copy of the good project, alone in its folder (no backups beside it)."""
    path = tmp_path / "work" / "project.db"
    path.parent.mkdir()
    shutil.copyfile(good_project, path)
    return path


READ_ONLY_COMMANDS = {
    "stats": ["stats"],
    "stats --json": ["stats", "--json"],
    "check": ["check"],
    "export": ["export", "--format", "jsonl", "--status", "all", "-o", "{out}/out.jsonl"],
    "suggest --db": ["suggest", "{out}/text.txt"],
}


@pytest.mark.parametrize("name", READ_ONLY_COMMANDS)
def test_read_only_commands_leave_the_project_byte_identical(name, project, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "text.txt").write_text("浙江省嘉兴市总工会主席张永明说", encoding="utf-8")
    argv = [a.replace("{out}", str(out)) for a in READ_ONLY_COMMANDS[name]] + ["--db", str(project)]
    before, files = digest(project), folder_listing(project.parent)
    code, stdout, err = cli(*argv)
    assert code == 0, err
    assert stdout or err
    assert digest(project) == before
    # No -wal or -shm left behind, and nothing else either.
    assert folder_listing(project.parent) == files


def test_reading_beside_the_open_app_sees_its_work_and_leaves_its_files(project):
    with Store(project, annotator="app") as app:
        entities = app.stats()["entities"]["total"]
        doc_id = app.documents.ids()[-1]
        app.annotations.add_entity(doc_id, 0, 2, "ORG")
        wal = Path(f"{project}-wal")
        assert wal.exists() and wal.stat().st_size > 0
        code, stdout, _err = cli("stats", "--json", "--db", str(project))
        assert code == 0
        assert json.loads(stdout)["entities"]["total"] == entities + 1
        # The app's -wal and -shm are still there, and the app goes on writing.
        assert wal.exists() and Path(f"{project}-shm").exists()
        app.annotations.add_entity(doc_id, 2, 4, "LOC")
    with Store(project, read_only=True) as store:
        assert store.stats()["entities"]["total"] == entities + 2


def test_a_missing_project_is_not_created_by_a_command_that_only_reads(tmp_path):
    missing = tmp_path / "nowhere.db"
    for argv in (["stats"], ["check"], ["export", "--format", "jsonl", "-o", str(tmp_path / "o.jsonl")]):
        code, _out, err = cli(*argv, "--db", str(missing))
        assert code == 6, err
        assert "no such project file" in err
    assert not missing.exists()
    assert folder_listing(tmp_path) == set()


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()


def test_another_programs_database_is_refused_without_being_switched_to_wal(tmp_path):
    path = tmp_path / "other.db"
    _foreign(path)
    before = digest(path)
    for read_only in (False, True):
        with pytest.raises(NotAProjectError, match="not an Annotator project .*customers"):
            Store(path, read_only=read_only)
    assert digest(path) == before
    assert path.read_bytes()[18:20] == b"\x01\x01"  # still a rollback-journal file, not WAL
    assert folder_listing(tmp_path) == {"other.db"}


@pytest.mark.parametrize("how", ["user_version", "migration"])
def test_a_project_from_a_newer_annotator_is_refused_and_not_downgraded(how, project):
    conn = sqlite3.connect(project)
    if how == "user_version":
        conn.execute("PRAGMA user_version = 99")
    else:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, '9999_future', 'x')",
            (migrations.MIGRATION_SET,),
        )
    conn.commit()
    conn.close()
    before = digest(project)
    for read_only in (False, True):
        with pytest.raises(NewerProjectError, match="newer version of Annotator"):
            Store(project, read_only=read_only)
    code, _out, err = cli("import", "--db", str(project), str(REPO / "seeds" / min(os.listdir(REPO / "seeds"))))
    assert code == 4 and "newer version" in err
    assert digest(project) == before
    if how == "user_version":
        assert sqlite3.connect(project).execute("PRAGMA user_version").fetchone()[0] == 99


def test_an_empty_file_is_refused_and_stays_empty(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    for read_only in (False, True):
        with pytest.raises(NotAProjectError, match="empty"):
            Store(path, read_only=read_only)
    code, _out, err = cli("import", "--db", str(path), str(REPO / "seeds"))
    assert code == 4 and "0 bytes" in err
    assert path.stat().st_size == 0
    assert folder_listing(tmp_path) == {"empty.db"}


def test_an_sqlite_file_without_tables_is_refused_unchanged(tmp_path):
    path = tmp_path / "blank.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("DROP TABLE t")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotAProjectError, match="no tables"):
        Store(path)
    assert digest(path) == before


def test_a_project_from_an_older_annotator_is_read_as_it_is_and_upgraded_only_when_written(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    import sqlite_utils

    db = sqlite_utils.Database(path)
    migrations.migration_set().apply(db, stop_before=migrations.known_names()[-1])
    db.execute(f"PRAGMA user_version = {len(migrations.known_names()) - 1}")
    db.conn.execute(
        "INSERT INTO documents (id, position, text, content_hash, created_at, updated_at) "
        "VALUES ('d1', 1, '北京', 'h', 'now', 'now')"
    )
    db.conn.commit()
    db.conn.close()
    before = digest(path)
    code, out, err = cli("stats", "--json", "--db", str(path))
    assert code == 0, err
    assert '"total": 1' in out
    assert digest(path) == before
    assert folder_listing(tmp_path) == {"old.db"}
    # Opened to be written: backed up first, then migrated.
    with Store(path) as store:
        assert store.version == len(migrations.known_names())
    backups = list((tmp_path / "backups").glob("old.*.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == len(migrations.known_names()) - 1


def test_a_project_made_by_someone_else_during_our_build_is_kept(tmp_path):
    path = tmp_path / "new.db"

    def build(private: Path) -> None:
        Store(private, _fresh=True).close()
        # Meanwhile another process finishes its own project under the same name.
        Store(path, annotator="other").close()

    assert create_project_file(path, build) is False
    with Store(path, read_only=True) as store:
        assert store.settings.annotators() == ["other"]
    assert folder_listing(tmp_path) == {"new.db"}  # our private copy is gone


def test_two_processes_creating_the_same_project_both_succeed(tmp_path):
    script = (
        "import sys\nfrom annotator.store import Store\n"
        "Store(sys.argv[1], annotator=sys.argv[2]).close()\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for round_ in range(3):
        path = tmp_path / f"race-{round_}.db"
        children = [
            subprocess.Popen([sys.executable, "-c", script, str(path), name], env=env, stderr=subprocess.PIPE, text=True)
            for name in ("first", "second")
        ]
        errors = [child.communicate(timeout=60)[1] for child in children]
        assert [child.returncode for child in children] == [0, 0], errors
        with Store(path, read_only=True) as store:
            assert set(store.settings.annotators()) == {"first", "second"}
            assert store.check() == []
    assert not list(tmp_path.glob(".*.new"))


# --- real file permissions ------------------------------------------------------------------


pytestmark_permissions = pytest.mark.skipif(not can_drop_privileges, reason="POSIX permissions")


@pytestmark_permissions
@pytest.mark.parametrize("locked", ["file", "folder"])
def test_a_read_only_project_can_be_read_and_exported_but_not_written(locked, good_project):
    with shared_folder() as shared:
        home, project_folder, out = shared / "home", shared / "project", shared / "out"
        for folder in (home, project_folder, out):
            folder.mkdir()
        project = project_folder / "project.db"
        shutil.copyfile(good_project, project)
        os.chmod(project, 0o444 if locked == "file" else 0o644)
        if locked == "folder":
            os.chmod(project_folder, 0o555)
        before = digest(project)
        stats = run_unprivileged(["stats", "--db", str(project)], home)
        assert stats.returncode == 0, stats.stderr
        assert "Documents:" in stats.stdout
        export = run_unprivileged(
            ["export", "--db", str(project), "--format", "jsonl", "--status", "all", "-o", str(out / "x.jsonl")], home
        )
        assert export.returncode == 0, export.stderr
        assert (out / "x.jsonl").stat().st_size > 0
        written = run_unprivileged(["import", "--db", str(project), str(REPO / "seeds")], home)
        assert written.returncode == 4
        assert "read-only" in written.stderr
        assert digest(project) == before
        assert folder_listing(project_folder) == {"project.db"}


@pytestmark_permissions
def test_a_project_left_with_its_wal_in_a_read_only_folder_is_read_whole(good_project):
    with shared_folder() as shared:
        home, project_folder = shared / "home", shared / "project"
        for folder in (home, project_folder):
            folder.mkdir()
        project = project_folder / "project.db"
        shutil.copyfile(good_project, project)
        # The app wrote an entity and was killed: its -wal holds the change.
        writer = sqlite3.connect(project, isolation_level=None)
        writer.execute("PRAGMA journal_mode = WAL")
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("UPDATE documents SET status = 'skipped' WHERE id = (SELECT MIN(id) FROM documents)")
        copies = {}
        for suffix in ("", "-wal", "-shm"):
            copies[suffix] = Path(f"{project}{suffix}").read_bytes()
        writer.close()
        for suffix, data in copies.items():
            Path(f"{project}{suffix}").write_bytes(data)
            os.chmod(f"{project}{suffix}", 0o444)
        os.chmod(project_folder, 0o555)
        stats = run_unprivileged(["stats", "--db", str(project)], home)
        assert stats.returncode == 0, stats.stderr
        assert "skipped 1" in stats.stdout
        assert folder_listing(project_folder) == {"project.db", "project.db-wal", "project.db-shm"}
