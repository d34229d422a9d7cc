"""File ▸ Open project…: another project (or an annotator's package) in the window, and remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from review_projects import add_document

from annotator.platform import profile
from annotator.store import Store
from annotator.ui.main_window import MainWindow


@pytest.fixture
def other_project(tmp_path: Path) -> Path:
    path = tmp_path / "other" / "wang.annotator"
    path.parent.mkdir()
    with Store(path, annotator="wang") as store:
        add_document(store, "b1", "另一个项目：上海市总工会召开会议。", title="另一篇")
    return path


def _choose(monkeypatch, path: Path) -> list[str]:
    asked: list[str] = []

    def open_file(parent, caption="", folder="", file_filter="", *args, **kwargs):
        asked.append(file_filter)
        return str(path), file_filter

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_file))
    return asked


def _main_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_open_project_opens_the_chosen_file_in_place_of_the_current_one(window, qtbot, monkeypatch, other_project):
    asked = _choose(monkeypatch, other_project)
    first_store = window.store
    window.actions_by_name["open_project"].trigger()
    assert asked and "*.annotator" in asked[0]
    qtbot.waitUntil(lambda: any(w.store is not None and w.store.path == other_project for w in _main_windows()))
    (opened,) = _main_windows()
    assert opened is not window
    assert opened.controller.doc_id == "b1"
    assert opened.store.annotator == "tester"  # who is annotating does not change with the project
    assert not window.isVisible()
    with pytest.raises(Exception, match="closed"):
        first_store.documents.count()  # the first project was closed, its time and layout written
    assert profile.remembered_project() == other_project.resolve()
    opened.close()


def test_a_file_that_is_not_a_project_leaves_the_current_one_open(window, qtbot, monkeypatch, tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_bytes(b"not a database at all" * 50)
    _choose(monkeypatch, notes)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window.actions_by_name["open_project"].trigger()
    assert shown and "notes.db" in shown[0]
    assert window.isVisible() and window.store.documents.count() == 2  # still open, still usable
    assert _main_windows() == [window]
    assert profile.remembered_project() is None


def test_choosing_the_open_project_again_changes_nothing(window, monkeypatch):
    _choose(monkeypatch, window.store.path)
    window.actions_by_name["open_project"].trigger()
    assert _main_windows() == [window] and window.store.documents.count() == 2


def test_a_package_opens_as_the_annotator_it_was_made_for(window, qtbot, monkeypatch, tmp_path):
    from annotator.team.assignment import plan_assignment
    from annotator.team.packages import pack

    package = tmp_path / "zhao.annotator"
    with Store(window.store.path, annotator="lead") as lead:
        lead.assignments.assign(plan_assignment(lead.documents.ids(), ["zhao"], overlap=0.0).documents)
        pack(lead, "zhao", package)
    _choose(monkeypatch, package)
    window.actions_by_name["open_project"].trigger()
    qtbot.waitUntil(lambda: any(w.store is not None and w.store.path == package for w in _main_windows()))
    (opened,) = _main_windows()
    assert opened.store.annotator == "zhao"
    opened.close()


def test_the_remembered_project_is_forgotten_when_its_file_is_gone(other_project):
    profile.remember_project(other_project)
    assert profile.remembered_project() == other_project.resolve()
    other_project.unlink()
    assert profile.remembered_project() is None
