"""Team work in the app: adjudication by keyboard with exact undo, the agreement view, merging in the
background, assigning, and the menu entries that open them."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from team_projects import TEXTS, merged_project, packed_project

from annotator.model import AnnotatedDocument, Document, SourceFile
from annotator.store import Store
from annotator.team import adjudication
from annotator.ui import team_actions
from annotator.ui.adjudication_view import AdjudicationView
from annotator.ui.agreement_view import AgreementView
from annotator.ui.app import build_main_window
from annotator.ui.assign_dialog import AssignDialog
from annotator.ui.merge_dialog import MergeDialog


@pytest.fixture
def lead(tmp_path):
    return merged_project(tmp_path)


@pytest.fixture
def lead_store(lead):
    with Store(lead, annotator="lead") as store:
        yield store


@pytest.fixture
def view(lead_store, qtbot):
    widget = AdjudicationView(lead_store)
    qtbot.addWidget(widget)
    widget.show()
    widget.open_first()
    return widget


def spans(layer) -> list[tuple]:
    return sorted((e.start, e.end, e.label, e.made_by) for e in layer.entities)


def test_the_view_shows_each_version_and_the_gold_with_the_disagreements(view):
    assert view.doc_id == "S1"
    assert [view.documents.item(i).data(Qt.ItemDataRole.UserRole) for i in range(view.documents.count())] == ["S1", "S2"]
    assert list(view.panes) == ["alice", "bob", ""]
    # the gold is still empty: PER 0-2 (the versions agree, gold lacks it) and LOC 3-5 (bob only)
    assert [(d.start, d.end) for d in view.disagreements] == [(0, 2), (3, 5)]
    assert "张三" in view.panes["alice"].toPlainText()


def test_deciding_disagreements_by_keyboard_with_exact_undo(view, lead_store, qtbot):
    empty = lead_store.layers.get("S1")
    qtbot.keyClick(view, Qt.Key.Key_1)  # alice's spans in the first disagreement
    assert spans(lead_store.layers.get("S1")) == [(0, 2, "PER", "alice")]
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert (view.focused().start, view.focused().end) == (3, 5)
    qtbot.keyClick(view, Qt.Key.Key_2)  # bob's spans there
    assert spans(lead_store.layers.get("S1")) == [(0, 2, "PER", "alice"), (3, 5, "LOC", "bob")]
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # none there after all
    assert spans(lead_store.layers.get("S1")) == [(0, 2, "PER", "alice")]
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert lead_store.layers.get("S1") == empty
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert spans(lead_store.layers.get("S1")) == [(0, 2, "PER", "alice")]


def test_whole_versions_union_and_agreed_part(view, lead_store, qtbot):
    qtbot.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert spans(lead_store.layers.get("S1")) == [(0, 2, "PER", "bob"), (3, 5, "LOC", "bob")]
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert spans(lead_store.layers.get("S1")) == [(0, 2, "PER", "alice")]
    qtbot.keyClick(view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert spans(lead_store.layers.get("S1")) == [(0, 2, "PER", "alice"), (3, 5, "LOC", "bob")]
    # the status waits for accepting
    assert lead_store.documents.get("S1").status.value == "todo"


def test_accepting_settles_the_document_and_opens_the_next(view, lead_store, qtbot):
    qtbot.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(view.goldChanged):
        qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert lead_store.adjudications.get("S1").method == "version:bob"
    assert lead_store.documents.get("S1").status.value == "done"
    assert adjudication.pending(lead_store) == ["S2"]
    assert view.doc_id == "S2"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert adjudication.pending(lead_store) == ["S1", "S2"]
    assert lead_store.documents.get("S1").status.value == "todo"
    assert view.doc_id == "S1"


def test_e_asks_to_edit_the_gold_in_the_main_window(view, qtbot):
    with qtbot.waitSignal(view.editRequested) as asked:
        qtbot.keyClick(view, Qt.Key.Key_E)
    assert asked.args == ["S1"]


def test_the_agreement_view_lists_the_worst_documents_first(lead_store, qtbot):
    widget = AgreementView(lead_store)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=10000) as loaded:
        widget.show()
    report = loaded.args[0]
    assert report.documents_compared == 2
    assert "0.400" in widget.summary.text()
    assert widget.worst.item(0, 0).data(Qt.ItemDataRole.UserRole) == "S2"
    assert widget.pairs.item(0, 0).text() == "alice / bob"
    with qtbot.waitSignal(widget.documentChosen) as chosen:
        widget.worst.itemClicked.emit(widget.worst.item(0, 0))
    assert chosen.args == ["S2"]
    widget.shutdown()


def test_merging_in_the_background(tmp_path, qtbot):
    lead = packed_project(tmp_path)
    with Store(lead, annotator="lead") as store:
        dialog = MergeDialog(store)
        qtbot.addWidget(dialog)
        dialog.add_paths([str(tmp_path / "alice.annotator"), str(tmp_path / "bob.annotator")])
        assert dialog.merge_button.isEnabled()
        with qtbot.waitSignal(dialog.merged, timeout=20000) as merged:
            dialog.merge_button.click()
        assert merged.args[0].pending_adjudication == 2
        assert "2 documents wait for adjudication" in dialog.status.text()
        assert sorted(store.versions.annotators()) == ["alice", "bob"]
        dialog.done(0)


def test_a_refused_package_says_why_and_merges_nothing(tmp_path, qtbot):
    lead = packed_project(tmp_path)
    broken = tmp_path / "broken.annotator"
    broken.write_text("not a package", encoding="utf-8")
    with Store(lead, annotator="lead") as store:
        dialog = MergeDialog(store)
        qtbot.addWidget(dialog)
        dialog.add_paths([str(tmp_path / "alice.annotator"), str(broken)])
        dialog.merge_button.click()
        qtbot.waitUntil(lambda: "Nothing was merged" in dialog.status.text(), timeout=20000)
        assert "not an Annotator package" in dialog.status.text()
        assert store.versions.annotators() == []
        dialog.done(0)


@pytest.fixture
def unassigned(tmp_path):
    """A lead's project of the team texts, nothing assigned yet."""
    with Store(tmp_path / "p.db", annotator="lead") as store:
        store.documents.import_source(SourceFile(
            "p", "p", hashlib.sha256(b"p").hexdigest(), 1, "test",
            documents=[AnnotatedDocument(Document(d, t, title=d)) for d, t in TEXTS.items()]))
        yield store


def test_assigning_in_the_app(unassigned, qtbot):
    store = unassigned
    dialog = AssignDialog(store)
    qtbot.addWidget(dialog)
    dialog.names.setText("wang, li")
    dialog.overlap.setValue(50)
    with qtbot.waitSignal(dialog.assigned) as assigned:
        dialog.assign_button.click()
    assert assigned.args[0].shared == 2
    assert store.assignments.counts() == {"li": {"documents": 3, "shared": 2}, "wang": {"documents": 3, "shared": 2}}
    assert dialog.table.rowCount() == 2
    dialog.done(0)


def test_writing_every_package_from_the_assign_dialog(unassigned, tmp_path, qtbot, monkeypatch):
    store = unassigned
    dialog = AssignDialog(store)
    qtbot.addWidget(dialog)
    assert not dialog.pack_button.isEnabled()  # nothing assigned yet
    dialog.names.setText("wang, li")
    dialog.assign_button.click()
    assert dialog.pack_button.isEnabled()
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(out)))
    with qtbot.waitSignal(dialog.packed, timeout=30_000) as packed:
        dialog.pack_button.click()
    assert sorted(r.path.name for r in packed.args[0]) == ["li.annotator", "wang.annotator"]
    counts = store.assignments.counts()
    assert f"li.annotator: {counts['li']['documents']} documents" in dialog.summary.text()
    assert dialog.pack_button.isEnabled() and not dialog.progress.isVisible()
    with Store(out / "wang.annotator", annotator="wang") as package:
        assert len(package.documents.ids()) == counts["wang"]["documents"]
    written = (out / "wang.annotator").stat().st_mtime_ns

    # the packages are there: asked first, and "No" leaves them alone
    asked: list[str] = []

    def answer(yes: bool):
        def question(parent, title, text, *args, **kwargs):
            asked.append(text)
            return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
        return question

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer(False)))
    dialog.pack_button.click()
    assert "li.annotator, wang.annotator" in asked[-1] and dialog._running is None
    assert (out / "wang.annotator").stat().st_mtime_ns == written
    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer(True)))
    with qtbot.waitSignal(dialog.packed, timeout=30_000):
        dialog.pack_button.click()
    assert len(asked) == 2

    # a folder that went away meanwhile: said plainly, and the dialog works on
    dialog.write_packages(tmp_path / "gone")
    qtbot.waitUntil(lambda: "not all written" in dialog.summary.text(), timeout=30_000)
    assert "gone: no such folder" in dialog.summary.text()
    assert dialog.pack_button.isEnabled()
    dialog.done(0)


def test_the_menus_open_the_team_tools(lead, qtbot, qsettings_tmp):
    window = build_main_window(lead, "lead")
    qtbot.addWidget(window)
    window.start(background=False)
    for name in ("merge_packages", "assign_documents", "adjudicate", "agreement"):
        assert window.actions_by_name[name].text()
    assert window.actions_by_name["merge_packages"] in window.file_menu.actions()
    tool = team_actions.open_adjudication(window, "S1")
    assert tool.view.doc_id == "S1"
    window.open_picked_document("S1")
    qtbot.keyClick(tool.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    # the main window shows the new gold at once
    assert sorted(e.label for e in window.controller.state.entities.values()) == ["LOC", "PER"]
    tool.close()
    window.close()
