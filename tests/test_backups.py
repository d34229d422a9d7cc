"""Rolling backups: taken whole and checked, kept by the settings, restored without overwriting anything."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from safety_helpers import benchmark_modules, cli, digest

from annotator.errors import DamagedProjectError, DatabaseError, InputError
from annotator.store import Store, backups
from annotator.store.backups import BackupSettings


@pytest.fixture(scope="module")
def good_project(tmp_path_factory) -> Path:
    with benchmark_modules():
        from damage import build_good_project

        return build_good_project(tmp_path_factory.mktemp("good") / "good")


@pytest.fixture
def project(good_project, tmp_path) -> Path:
    """A copy of the good project, without backups yet."""
    path = tmp_path / "project.db"
    shutil.copyfile(good_project, path)
    return path


def entity_rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute('SELECT id, doc_id, start, "end", label, text FROM entities ORDER BY id').fetchall()
    finally:
        conn.close()


def test_a_backup_is_a_complete_checked_copy_in_the_backups_folder(project):
    backup = backups.take_backup(project)
    assert backup is not None
    assert backup.path.parent == project.parent / "backups"
    assert backup.path.name.startswith("project.") and backup.path.suffix == ".db"
    conn = sqlite3.connect(backup.path)
    # One self-contained file: rollback journal, nothing in a -wal to go with it.
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert entity_rows(backup.path) == entity_rows(project)
    assert not list(backup.path.parent.glob("*.part"))


def test_no_backup_when_nothing_changed_and_a_new_one_when_something_did(project):
    first = backups.take_backup(project)
    assert backups.take_backup(project) is None
    with Store(project, annotator="wang") as store:
        store.annotations.add_entity(store.documents.ids()[-1], 0, 2, "ORG")
    second = backups.take_backup(project)
    assert second is not None and second.path != first.path
    assert [b.path for b in backups.list_backups(project)] == [second.path, first.path]


def test_a_project_without_documents_is_not_backed_up(tmp_path):
    path = tmp_path / "empty-project.db"
    Store(path).close()
    assert backups.take_backup(path) is None
    assert backups.list_backups(path) == []


def test_old_backups_are_pruned_keeping_the_recent_ones_and_one_a_day(project):
    settings = BackupSettings(keep_recent=2, keep_daily=3)
    start = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)
    moments = [start + timedelta(days=day, hours=hour) for day in range(5) for hour in (0, 5)]
    for moment in moments:
        with Store(project, annotator="wang") as store:  # a change, so each backup is taken
            store.annotations.add_time(store.documents.ids()[0], 1.0)
        assert backups.take_backup(project, settings, now=moment) is not None
    kept = sorted(b.taken_at for b in backups.list_backups(project, settings))
    # the two newest, plus the newest of each of the three newest days
    local_days = sorted({m.astimezone().date() for m in moments})[-3:]
    expected = set(moments[-2:]) | {max(m for m in moments if m.astimezone().date() == day) for day in local_days}
    assert kept == sorted(expected)


def test_settings_come_from_the_data_folder_and_bad_values_name_the_file(tmp_path, annotator_home):
    user = tmp_path / "backups.toml"
    user.write_text("[backups]\nkeep_recent = 2\nfolder = 'safe'\n", encoding="utf-8")
    settings = backups.load_settings(user_path=user)
    assert (settings.keep_recent, settings.folder, settings.keep_daily) == (2, "safe", 5)
    user.write_text("[backups]\nkeep_recent = 0\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"backups.toml: backup setting 'keep_recent' must be a whole number, 1 or more"):
        backups.load_settings(user_path=user)
    user.write_text("[backups]\nkeep = 3\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown backup setting 'keep'"):
        backups.load_settings(user_path=user)
    # The data folder's own file is the one read by default.
    (annotator_home / "data").mkdir(exist_ok=True)
    (annotator_home / "data" / "backups.toml").write_text("[backups]\ninterval_minutes = 5\n", encoding="utf-8")
    assert backups.load_settings().interval_minutes == 5


def test_a_killed_backup_leaves_only_a_part_file_that_is_never_listed_and_is_cleared(project):
    folder = project.parent / "backups"
    folder.mkdir()
    stale = folder / ".project.abc123.part"
    stale.write_bytes(b"half a backup")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    assert backups.list_backups(project) == []
    backups.take_backup(project)
    assert not stale.exists()
    assert len(backups.list_backups(project)) == 1


def test_a_damaged_project_is_not_backed_up_and_its_good_backups_stay(project):
    good = backups.take_backup(project)
    with benchmark_modules():
        from damage import make_damage

        make_damage(project, "pages zeroed")
    with pytest.raises(DamagedProjectError, match="damaged"):
        backups.take_backup(project, only_if_changed=False)
    with pytest.raises(DamagedProjectError, match=f"the newest of its 1 backups .*{good.path.name}"):
        backups.safeguard(project)
    assert [b.path for b in backups.list_backups(project)] == [good.path]
    assert not list(good.path.parent.glob("*.part"))


def test_restore_puts_the_newest_good_backup_back_and_keeps_the_replaced_file(project):
    older = backups.take_backup(project)
    with Store(project, annotator="wang") as store:
        store.annotations.add_entity(store.documents.ids()[-1], 0, 2, "ORG")
    newest = backups.take_backup(project)
    # The newest backup is itself damaged: it is passed over.
    data = bytearray(newest.path.read_bytes())
    data[len(data) // 2 :] = bytes(len(data) - len(data) // 2)
    newest.path.write_bytes(bytes(data))
    with benchmark_modules():
        from damage import make_damage

        make_damage(project, "bytes flipped")
    damaged = digest(project)
    restored = backups.restore(project)
    assert restored.backup == older.path
    assert digest(restored.set_aside) == damaged
    assert restored.set_aside.parent == project.parent / "backups"
    assert entity_rows(project) == entity_rows(older.path)
    assert backups.verify(project) == []
    # The set-aside file is not a backup: never listed, never pruned.
    assert restored.set_aside not in [b.path for b in backups.list_backups(project)]


def test_restore_refuses_while_the_project_is_open(project):
    (backup,) = [backups.take_backup(project)]
    with Store(project, annotator="app") as app:
        with pytest.raises(DatabaseError, match="open in Annotator or another program"):
            backups.restore(project)
        app.annotations.add_entity(app.documents.ids()[-1], 0, 2, "ORG")  # the app goes on working
    assert {p.name for p in (project.parent / "backups").iterdir()} == {backup.path.name}


def test_the_restore_command_lists_and_restores_a_named_backup(project):
    first = backups.take_backup(project)
    with Store(project, annotator="wang") as store:
        store.annotations.add_entity(store.documents.ids()[-1], 0, 2, "ORG")
    backups.take_backup(project)
    code, out, err = cli("restore", "--db", str(project), "--list")
    assert code == 0, err
    listed = [line.split("\t")[0] for line in out.splitlines()]
    assert listed[1] == first.path.name and len(listed) == 2
    code, _out, err = cli("restore", "--db", str(project), first.path.name)
    assert code == 0, err
    assert f"restored {first.path}" in err and "kept as" in err
    assert entity_rows(project) == entity_rows(first.path)
    code, _out, err = cli("restore", "--db", str(project), "no-such-backup.db")
    assert code == 6 and "no such backup" in err


def test_restore_without_backups_says_so(project):
    code, _out, err = cli("restore", "--db", str(project))
    assert code == 4
    assert "no good backup to restore" in err


def test_messages_about_damage_name_a_backup_only_when_one_exists(project):
    with benchmark_modules():
        from damage import make_damage

        make_damage(project, "truncated")
    code, _out, err = cli("check", "--db", str(project))
    assert code == 4
    assert "truncated" in err and "no backup of it exists" in err and "annotator restore" not in err


def test_import_backs_the_project_up_first(project, seeds_dir):
    code, _out, err = cli("import", "--db", str(project), "--no-candidates", "-q", str(seeds_dir))
    assert code == 0, err
    (backup,) = backups.list_backups(project)
    assert entity_rows(backup.path) == entity_rows(project)  # taken before the import: it has what was there
    with Store(project, read_only=True) as store:
        now = store.documents.count()
    with sqlite3.connect(backup.path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] < now


def test_merging_packages_into_a_project_backs_it_up_first(project, tmp_path):
    from annotator.team import packages

    with Store(project, annotator="lead") as store:
        store.assignments.assign({doc_id: ["alice"] for doc_id in store.documents.ids()[:2]})
        packages.pack(store, "alice", tmp_path / "alice.annotator")
    before = entity_rows(project)
    code, _out, err = cli("merge", "--out", str(project), str(tmp_path / "alice.annotator"))
    assert code == 0, err
    (backup,) = backups.list_backups(project)
    assert entity_rows(backup.path) == before  # taken before the merge
