"""What survives a restart, the time recorded per document, the window's own settings, the status bar."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from ui_projects import ARTICLE, span

from annotator.review.session import ActivityClock
from annotator.store import Store
from annotator.ui.app import build_main_window


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_work_is_in_the_database_at_once_and_there_after_a_restart(window, qtbot, project):
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    with Store(project, annotator="reader") as other:  # another connection sees it before any "save"
        assert [e.text for e in other.entities("a1")] == ["邹倜然"]
    window.close()
    again = build_main_window(project, "tester")
    qtbot.addWidget(again)
    again.start(background=False)
    assert again.controller.doc_id == "a1"
    assert [e.text for e in again.store.entities("a1")] == ["邹倜然"]
    again.close()


def test_time_on_a_document_is_recorded_for_the_annotator(window, qtbot):
    clock = FakeClock()
    window.controller.activity = ActivityClock(idle_limit=60, clock=clock)
    window.controller.open_document("a1")
    clock.now += 12
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    clock.now += 8
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # opens a2
    assert window.store.time_spent("a1") == {"tester": 20}
    clock.now += 5
    window.controller.flush_time()
    assert window.store.time_spent("a2") == {"tester": 5}


def test_status_bar_shows_progress_annotator_and_speed(window, qtbot):
    status = window.status
    assert status.progress.text() == "0 of 2 done"
    assert status.annotator.text() == "tester"
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert "1" in status.speed.text()
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert status.progress.text() == "1 of 2 done"


def test_window_settings_go_to_qsettings_and_come_back(window, qtbot, qsettings_tmp, project):
    window.view.set_point_size(17)
    window.close()
    files = list(qsettings_tmp.rglob("*.ini"))
    assert files, "QSettings wrote nothing to the temporary folder"
    assert QSettings().value("view/point_size") in (17, 17.0, "17", "17.0")
    again = build_main_window(project, "tester")
    qtbot.addWidget(again)
    assert again.view.point_size == 17
    again.close()


def test_switching_annotator_attributes_new_work_to_them(window, qtbot):
    window.set_annotator("李明")
    assert window.status.annotator.text() == "李明"
    window.view.select(*span(ARTICLE, "张萍"))
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.store.entities("a1")[0].annotator == "李明"


def test_header_shows_title_byline_and_import_flags(window):
    header = window.header
    assert header.title.text() == "“工会专家团”，给力！"
    assert "邹倜然" in header.byline.text()
    flags = [header.flags.itemAt(i).widget().text() for i in range(header.flags.count())]
    assert any("low-confidence join" in f for f in flags)
