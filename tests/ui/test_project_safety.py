"""The window and an unsafe project: read-only (a banner, editing off), damaged (restore offered), disk full,
and the backups it takes."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from review_projects import ARTICLE

from annotator.store import Store, backups
from annotator.ui.app import build_main_window, open_store_or_restore
from annotator.ui.main_window import MainWindow
from annotator.ui.project_safety import EDITING_ACTIONS

TIMEOUT_MS = 30_000


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def entity_rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute('SELECT id, doc_id, start, "end", label FROM entities ORDER BY id').fetchall()
    finally:
        conn.close()


def zero_first_page_of(project: Path, table: str) -> None:
    conn = sqlite3.connect(f"{project.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    (page,) = conn.execute("SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno LIMIT 1", (table,)).fetchone()
    conn.close()
    data = bytearray(project.read_bytes())
    data[(page - 1) * 4096 : page * 4096] = bytes(4096)
    project.write_bytes(bytes(data))


class DialogAnswers:
    """Answers the message boxes that come up, in order, by the text of a button; records what they said."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._answer)
        self.timer.start()

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not self.answers:
            return
        self.seen.append(f"{box.text()}\n{box.informativeText()}")
        wanted = self.answers.pop(0)
        for button in box.buttons():
            if box.buttonRole(button) is not None and button.text().replace("&", "") == wanted:
                button.click()
                return
        raise AssertionError(f"no button '{wanted}' in {[b.text() for b in box.buttons()]}")

    def stop(self) -> None:
        self.timer.stop()
        self.timer.deleteLater()


@pytest.fixture
def damaged_with_backup(project) -> Path:
    """The small project, backed up, then damaged (its first half zeroed)."""
    with Store(project, annotator="tester") as store:
        store.annotations.add_entity("a1", 0, 3, "ORG")
    assert backups.take_backup(project) is not None
    data = bytearray(project.read_bytes())
    data[4096 : len(data) // 2] = bytes(len(data) // 2 - 4096)
    project.write_bytes(bytes(data))
    return project


# --- read-only ------------------------------------------------------------------------------


@pytest.fixture
def read_only_project(project, monkeypatch):
    """The small project, on a file and folder that cannot be written (as os.access reports it)."""
    real_access = os.access

    def access(path, mode, *args, **kwargs):
        if mode == os.W_OK and Path(path) in (project, project.parent):
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    return project


def test_a_read_only_project_opens_with_a_banner_and_nothing_changes_it(
    read_only_project, qtbot, qsettings_tmp, monkeypatch
):
    before = digest(read_only_project)
    window = build_main_window(read_only_project, "tester")
    files = {p.name for p in read_only_project.parent.iterdir()} - {"settings"}
    qtbot.addWidget(window)
    window.start(background=False)
    window.show()
    qtbot.waitExposed(window)
    assert window.store.read_only
    banner = window.read_only_banner
    assert banner.isVisible() and banner.textFormat() == Qt.TextFormat.PlainText
    assert "This project is read-only" in banner.text()
    assert "(read-only)" in window.windowTitle()
    assert [name for name in EDITING_ACTIONS if window.actions_by_name[name].isEnabled()] == []
    assert window.actions_by_name["export_data"].isEnabled() and window.actions_by_name["next_document"].isEnabled()
    said: list[str] = []
    window.controller.message.connect(said.append)
    window.view.setFocus()
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_1, Qt.Key.Key_Delete):
        qtbot.keyClick(window.view, key)
    assert "This project is read-only: it can be read and exported, not changed." in said
    # Of the background jobs only jieba's warm-up starts: every other one writes.
    started: list[str] = []
    monkeypatch.setattr(window.jobs, "warm_up", lambda: started.append("warm_up"))
    window.jobs.start()
    window.jobs.back_up(check=True)
    window.jobs.prepare("a1")
    window.jobs.propagate(["张萍"])
    assert started == ["warm_up"]
    assert not window.jobs.tasks.busy
    window.close()
    assert digest(read_only_project) == before
    assert {p.name for p in read_only_project.parent.iterdir()} - {"settings"} == files


# --- damaged ---------------------------------------------------------------------------------


def test_a_damaged_project_is_restored_from_its_backup_when_the_user_agrees(damaged_with_backup, qtbot, qapp):
    backup = backups.list_backups(damaged_with_backup)[0]
    damaged = digest(damaged_with_backup)
    answers = DialogAnswers("Restore the backup", "OK")
    try:
        store = open_store_or_restore(damaged_with_backup, "tester", None)
    finally:
        answers.stop()
    assert store is not None
    with store:
        assert [e.text for e in store.annotations.entities("a1")] == [ARTICLE[0:3]]
    assert "Restore the newest good backup" in answers.seen[0] and "damaged" in answers.seen[0]
    assert f"Restored the backup {backup.path.name}." in answers.seen[1]
    (set_aside,) = damaged_with_backup.parent.joinpath("backups").glob("project.set-aside-*.db")
    assert digest(set_aside) == damaged


def test_declining_the_restore_leaves_the_damaged_file_alone(damaged_with_backup, qtbot, qapp):
    damaged = digest(damaged_with_backup)
    answers = DialogAnswers("Close")
    try:
        assert open_store_or_restore(damaged_with_backup, "tester", None) is None
    finally:
        answers.stop()
    assert digest(damaged_with_backup) == damaged
    assert not list(damaged_with_backup.parent.joinpath("backups").glob("*.set-aside-*"))


def test_damage_found_while_the_window_is_open_is_restored_in_a_new_window(project, qtbot, qsettings_tmp, monkeypatch):
    from annotator.ui.project_jobs import ProjectJobs

    # The reopened window starts its background jobs; loading jieba is not what this test is about
    # (and a worker that allocates this much collects other tests' Qt garbage on its own thread).
    monkeypatch.setattr(ProjectJobs, "warm_up", lambda self: None)
    with Store(project, annotator="tester") as store:
        store.annotations.add_entity("a1", 0, 3, "ORG")
    good = backups.take_backup(project)
    window = build_main_window(project, "tester")
    qtbot.addWidget(window)
    window.start(background=False)
    window.show()
    # The disk loses the page of the event log under the open window.
    zero_first_page_of(project, "events")
    answers = DialogAnswers("Restore the backup", "OK")
    try:
        with qtbot.waitSignal(window.jobs.damaged, timeout=TIMEOUT_MS) as damage:
            window.jobs.back_up(check=True)
        assert "the project file is damaged" in damage.args[0] and good.path.name in damage.args[0]
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT_MS)
    finally:
        answers.stop()
    reopened = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
    # Not given to qtbot: the window deletes itself as it closes (below), and qtbot would close it again.
    try:
        assert reopened is not window
        assert reopened.store.path == project and not reopened.store.read_only
        assert entity_rows(project) == entity_rows(good.path)
        assert reopened.store.check() == []
    finally:
        reopened.close()


# --- disk full -------------------------------------------------------------------------------


def test_an_action_on_a_full_disk_is_refused_with_a_clear_message_and_the_others_stay(window, qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    store, controller = window.store, window.controller
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full: the file cannot grow
    made = 0
    for start in range(0, 60, 2):
        if not controller.apply_label("PER", (start, start + 2)):
            break
        made += 1
    else:
        pytest.fail("thirty entities fitted in the pages the project had")
    assert shown and "the disk is full" in shown[0] and "the change was not saved" in shown[0]
    assert controller.undo_stack.count() == made  # the refused step is not on the undo stack
    store.db.execute(f"PRAGMA max_page_count = {pages + 10_000}")  # space again
    assert controller.apply_label("LOC", (61, 63))
    with Store(window.store.path, read_only=True) as other:
        assert len(other.annotations.entities("a1")) == made + 1


# --- backups ---------------------------------------------------------------------------------


def test_the_window_backs_the_project_up_in_the_background(window, qtbot):
    with qtbot.waitSignal(window.jobs.backedUp, timeout=TIMEOUT_MS) as taken:
        window.jobs.back_up(check=True)
    (backup,) = backups.list_backups(window.store.path)
    assert taken.args == [str(backup.path)]
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.jobs.backedUp, timeout=TIMEOUT_MS):
        window.jobs.back_up()
    assert len(backups.list_backups(window.store.path)) == 2


def test_damage_met_while_reading_is_shown_in_plain_words_not_as_a_bug(qtbot, monkeypatch):
    from annotator.ui.excepthook import ErrorReporter

    shown: list[str] = []

    def shown_as_message(box: QMessageBox) -> int:
        # a bug's dialog has another title and the log file's place in its details
        assert (box.windowTitle(), box.detailedText()) == ("Annotator", ""), f"a bug dialog: {box.informativeText()}"
        assert box.textFormat() == Qt.TextFormat.PlainText
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown_as_message)
    reporter = ErrorReporter()
    error = sqlite3.DatabaseError("database disk image is malformed")
    reporter.handle(type(error), error, None)
    try:
        b"\xe5\x8c".decode("utf-8")
    except UnicodeDecodeError as undecodable:
        reporter.handle(type(undecodable), undecodable, None)
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert shown == [
        "the project file is damaged (SQLite: database disk image is malformed)",
        "the project file is damaged (it holds text that is not valid UTF-8)",
    ]


def test_a_background_task_that_meets_a_damaged_file_says_so(qtbot):
    from annotator.ui.workers import BackgroundTasks

    tasks = BackgroundTasks()

    def work(_progress):
        raise sqlite3.DatabaseError("database disk image is malformed")

    try:
        with qtbot.waitSignal(tasks.start(work).failed, timeout=TIMEOUT_MS) as failed:
            pass
        assert failed.args == ["the project file is damaged (SQLite: database disk image is malformed)"]
    finally:
        tasks.shutdown()


def test_a_backup_that_cannot_be_written_is_reported_and_changes_nothing(window, qtbot, annotator_home, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backups folder would go", encoding="utf-8")
    (annotator_home / "data").mkdir(exist_ok=True)
    (annotator_home / "data" / "backups.toml").write_text(
        f"[backups]\nfolder = '{blocker / 'backups'}'\n", encoding="utf-8"
    )
    before = entity_rows(window.store.path)
    with qtbot.waitSignal(window.jobs.failed, timeout=TIMEOUT_MS) as failed:
        window.jobs.back_up(check=True)
    assert failed.args[0].startswith("Backup not made: ")
    assert "cannot write a backup there" in failed.args[0]
    assert entity_rows(window.store.path) == before
    assert blocker.read_text(encoding="utf-8").startswith("a file")
