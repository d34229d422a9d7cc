"""Starting the app for real: the empty project is seeded in the background and the first article opens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from annotator.platform import profile
from annotator.store import Store
from annotator.ui.app import run_app
from annotator.ui.main_window import MainWindow

TIMEOUT_MS = 60_000


@pytest.fixture(autouse=True)
def no_translations_left_behind():
    """run_app installs the interface translation for the whole process; take it away again."""
    yield
    from annotator.ui import i18n

    i18n.remove_translators()


def test_run_app_seeds_a_new_project_opens_the_first_article_and_exits_cleanly(db_path, qapp, qsettings_tmp):
    seen: dict = {}

    def main_window() -> MainWindow | None:
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)

    def poll() -> None:
        window = main_window()
        ready = (
            window is not None
            and window.store is not None
            and window.controller.doc_id is not None
            and not window.jobs.tasks.busy
            and window.panels_built  # the docks fill once the first article has painted
        )
        if ready:
            seen["doc_id"] = window.controller.doc_id
            seen["listed"] = window.documents.current_document()
            seen["docked"] = window.docks["documents"].widget() is window.documents
            seen["focus"] = QApplication.focusWidget() is window.view
            seen["text"] = window.view.toPlainText()[:20]
            window.close()
        elif not seen.get("finished"):
            QTimer.singleShot(25, poll)

    def give_up() -> None:
        for widget in QApplication.topLevelWidgets():
            widget.close()

    # A timer object, stopped once run_app returns: a pending single shot would fire in a later
    # test and close that test's window under it.
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.timeout.connect(give_up)
    timeout.start(TIMEOUT_MS)
    QTimer.singleShot(0, poll)
    try:
        code = run_app(db_path, "新人")
    finally:
        timeout.stop()
        seen["finished"] = True
    assert code == 0
    assert seen.get("doc_id"), "no document was opened before the time-out"
    assert seen["focus"]
    assert seen["text"]
    assert seen["docked"] and seen["listed"] == seen["doc_id"]
    assert profile.remembered_annotator() == "新人"
    with Store(db_path, annotator="check") as store:
        assert store.documents.count() >= 1
        assert seen["doc_id"] in store.documents.ids()
        assert store.settings.get("seeded_at") is not None


def test_run_app_reports_a_database_it_cannot_open(tmp_path, qapp, qsettings_tmp, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_bytes(b"this is not sqlite at all" * 100)
    code = run_app(not_a_db, "tester")
    assert code == 4
    assert shown and "not an SQLite database" in shown[0]
