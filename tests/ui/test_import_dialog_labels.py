"""File ▸ Import with "Add the labels these files use": the labels are listed first, a second Import adds them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.store import Store

BRAT = Path(__file__).resolve().parent.parent / "data" / "peers" / "brat-news"


def test_the_labels_are_listed_first_then_added_and_imported(import_dialog, fresh_store, qtbot):
    import_dialog.suggest.setChecked(False)
    import_dialog.add_labels.setChecked(True)
    import_dialog.add_paths([str(BRAT)])
    qtbot.mouseClick(import_dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: import_dialog.import_button.text() == "Add labels and import", timeout=20000)
    listed = import_dialog.result_view.plain_text
    assert "entity label Merge-org" in listed and "relation label Org-Arg" in listed
    assert "annotation.conf" in listed
    assert not fresh_store.schema.current.has_entity("Merge-org") and fresh_store.documents.count() == 0  # nothing changed yet
    with qtbot.waitSignal(import_dialog.imported, timeout=20000) as imported:
        qtbot.mouseClick(import_dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(imported.args[0]) == 4
    with Store(fresh_store.path) as fresh:  # the worker wrote through a store of its own
        assert fresh.schema.current.has_entity("Merge-org")
        assert any(e.label == "Merge-org" for e in fresh.annotations.entities("080-event-annotation"))


def test_changing_the_files_asks_again(import_dialog, qtbot, tmp_path):
    import_dialog.add_labels.setChecked(True)
    import_dialog.add_paths([str(BRAT)])
    qtbot.mouseClick(import_dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: import_dialog.import_button.text() == "Add labels and import", timeout=20000)
    (tmp_path / "note.txt").write_text("张萍在北京。", encoding="utf-8")
    import_dialog.add_paths([str(tmp_path / "note.txt")])
    assert import_dialog.import_button.text() == "Import"
