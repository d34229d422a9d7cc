"""File ▸ Import with "Add the labels these files use": the labels are listed first, a second Import adds them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.store import Store
from annotator.ui.import_dialog import ImportDialog

BRAT = Path(__file__).resolve().parent.parent / "data" / "peers" / "brat-news"


@pytest.fixture
def store(db_path):
    with Store(db_path, annotator="tester") as store:
        yield store


@pytest.fixture
def dialog(store, qtbot, qsettings_tmp):
    widget = ImportDialog(store)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.close()


def test_the_labels_are_listed_first_then_added_and_imported(dialog, store, qtbot):
    dialog.suggest.setChecked(False)
    dialog.add_labels.setChecked(True)
    dialog.add_paths([str(BRAT)])
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_button.text() == "Add labels and import", timeout=20000)
    listed = dialog.result_view.plain_text
    assert "entity label Merge-org" in listed and "relation label Org-Arg" in listed
    assert "annotation.conf" in listed
    assert not store.schema.current.has_entity("Merge-org") and store.documents.count() == 0  # nothing changed yet
    with qtbot.waitSignal(dialog.imported, timeout=20000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(imported.args[0]) == 4
    with Store(store.path) as fresh:  # the worker wrote through a store of its own
        assert fresh.schema.current.has_entity("Merge-org")
        assert any(e.label == "Merge-org" for e in fresh.annotations.entities("080-event-annotation"))


def test_changing_the_files_asks_again(dialog, qtbot, tmp_path):
    dialog.add_labels.setChecked(True)
    dialog.add_paths([str(BRAT)])
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_button.text() == "Add labels and import", timeout=20000)
    (tmp_path / "note.txt").write_text("张萍在北京。", encoding="utf-8")
    dialog.add_paths([str(tmp_path / "note.txt")])
    assert dialog.import_button.text() == "Import"
