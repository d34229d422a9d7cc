"""File ▸ Export on a real project, offscreen: what lands on disk, the options per format, cancelling."""

from __future__ import annotations

import hashlib
import json
import threading

import pytest
from PySide6.QtCore import Qt

from annotator.model import AnnotatedDocument, Document, SourceFile, Status
from annotator.store import Store
from annotator.ui.export_dialog import ExportDialog


@pytest.fixture
def store(db_path):
    with Store(db_path, annotator="alice") as store:
        docs = [AnnotatedDocument(Document(id=f"d{i}", text=f"第{i}篇：北京市总工会主席张萍出席会议。", title=f"标题{i}"))
                for i in range(12)]
        store.documents.import_source(SourceFile(path="x", name="x", sha256=hashlib.sha256(b"x").hexdigest(), size=1,
                                       format="test", documents=docs))
        for i in range(12):
            text = store.documents.text(f"d{i}")
            store.annotations.add_entity(f"d{i}", text.index("北京市总工会"), text.index("北京市总工会") + 6, "ORG")
            store.annotations.add_entity(f"d{i}", text.index("张萍"), text.index("张萍") + 2, "PER")
            if i < 9:
                store.documents.set_status(f"d{i}", Status.DONE)
        yield store


@pytest.fixture
def dialog(store, qtbot, qsettings_tmp):
    widget = ExportDialog(store)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.close()


def run_export(dialog, qtbot):
    with qtbot.waitSignal(dialog.exported, timeout=15000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return exported.args[0]


def test_exports_the_done_documents_by_default(dialog, qtbot, tmp_path):
    dialog.set_format("jsonl")
    dialog.output.setText(str(tmp_path / "gold.jsonl"))
    assert dialog.selection_count.text() == "9 documents match."
    summary = run_export(dialog, qtbot)
    lines = (tmp_path / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == summary.documents == 9
    assert summary.entities == 18
    assert (tmp_path / "gold.schema.json").exists()
    assert "Exported 9 documents, 18 entities and 0 relations." in dialog.result_view.plain_text
    assert dialog.close_button.isVisible() and dialog.close_button.isDefault()


def test_a_second_export_in_another_format_after_the_first(dialog, qtbot, tmp_path):
    """After one export the dialog still exports: change the format, press Export again (issue 13, item 9)."""
    dialog.set_format("jsonl")
    dialog.output.setText(str(tmp_path / "gold.jsonl"))
    run_export(dialog, qtbot)
    dialog.set_format("conll")
    assert dialog.export_button.isVisible() and dialog.export_button.isEnabled()
    assert dialog.output.text() == str(tmp_path / "gold.conll")  # the name follows the format
    summary = run_export(dialog, qtbot)
    assert summary.documents == 9
    assert (tmp_path / "gold.jsonl").exists() and (tmp_path / "gold.conll").exists()
    assert "Exported 9 documents" in dialog.result_view.plain_text


def test_options_follow_the_format(dialog):
    dialog.set_format("conll")
    assert not dialog.tokens_row.isHidden() and dialog.offsets_row.isHidden()
    assert dialog.include_candidates.isHidden()
    assert dialog.output.text().endswith(".conll")
    dialog.set_format("doccano")
    assert dialog.tokens_row.isHidden() and not dialog.offsets_row.isHidden()
    dialog.set_format("hf")
    assert not dialog.output.text().endswith(".jsonl")  # a folder
    dialog.set_format("jsonl")
    assert not dialog.include_candidates.isHidden()


def test_label_filter_and_word_tokens(dialog, qtbot, tmp_path):
    dialog.set_format("jsonl")
    dialog.output.setText(str(tmp_path / "per.jsonl"))
    dialog.labels.set_chosen(["PER"])
    summary = run_export(dialog, qtbot)
    records = [json.loads(line) for line in (tmp_path / "per.jsonl").read_text(encoding="utf-8").splitlines()]
    labels = {e["label"] for r in records for e in r["entities"]}
    assert labels == {"PER"} and summary.entities == 9


def test_splits_write_a_folder(dialog, qtbot, tmp_path):
    dialog.set_format("jsonl")
    dialog.split.setChecked(True)
    dialog.output.setText(str(tmp_path / "dataset"))
    summary = run_export(dialog, qtbot)
    assert set(summary.splits) == {"train", "dev", "test"}
    assert sum(s["documents"] for s in summary.splits.values()) == 9
    assert (tmp_path / "dataset" / "train.jsonl").exists()


def test_bad_split_ratios_block_the_export(dialog):
    dialog.split.setChecked(True)
    dialog.split_ratios.setText("train=0.8, test=0.1")
    assert not dialog.export_button.isEnabled()
    assert "add up to 0.9" in dialog.problem.text()
    dialog.split_ratios.setText("train=0.9, test=0.1")
    assert dialog.export_button.isEnabled()


def test_choosing_no_status_is_refused(dialog):
    for box in dialog.status_boxes.values():
        box.setChecked(False)
    assert not dialog.export_button.isEnabled()
    assert dialog.problem.text() == "Choose at least one status."


def test_a_failed_export_says_why_and_writes_nothing(dialog, qtbot, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    dialog.set_format("jsonl")
    dialog.output.setText(str(blocker / "gold.jsonl"))
    with qtbot.waitSignal(dialog.result_view.textChanged, timeout=15000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "The export failed. Nothing was written." in dialog.result_view.plain_text
    assert dialog.summary is None
    assert dialog.export_button.isEnabled()


def test_cancel_stops_the_export_and_leaves_nothing(dialog, qtbot, tmp_path, monkeypatch):
    from annotator.project import exporting

    release = threading.Event()
    real_export = exporting.export

    def held_export(*args, **kwargs):
        release.wait(10)
        return real_export(*args, **kwargs)

    monkeypatch.setattr(exporting, "export", held_export)
    dialog.set_format("jsonl")
    dialog.output.setText(str(tmp_path / "gold.jsonl"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert not dialog.options.isEnabled()
    with qtbot.waitSignal(dialog.result_view.textChanged, timeout=15000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        release.set()
    assert "Export cancelled. Nothing was written." in dialog.result_view.plain_text
    assert not (tmp_path / "gold.jsonl").exists()
    assert dialog.isVisible()


def test_only_the_documents_the_list_shows(store, qtbot, qsettings_tmp, tmp_path):
    dialog = ExportDialog(store, doc_ids=["d0", "d1", "d10"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.only_listed.isChecked() and "3" in dialog.only_listed.text()
    assert dialog.selection_count.text() == "2 documents match."  # d10 is not done
    dialog.set_format("jsonl")
    dialog.output.setText(str(tmp_path / "some.jsonl"))
    summary = run_export(dialog, qtbot)
    assert summary.documents == 2
    ids = [json.loads(line)["id"] for line in (tmp_path / "some.jsonl").read_text(encoding="utf-8").splitlines()]
    assert ids == ["d0", "d1"]
    dialog.close()


def test_without_a_list_everything_that_matches(dialog):
    assert dialog.only_listed.isHidden()
    assert dialog.chosen_doc_ids() is None
