"""File ▸ Import on a real project, offscreen: files in, bad files reported, search ready, cancelling."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from annotator.formats.registry import ReadOptions
from annotator.project.importing import FILES, ImportSettings, run_import
from annotator.project.search import SearchIndex
from annotator.ui.import_dialog import ImportDialog
from annotator.ui.transfer_common import CancelFlag


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    good = []
    for i in range(3):
        text = f"第{i}篇：劳模工匠座谈会在北京召开。"
        start = text.index("北京")
        good.append({"id": f"g{i}", "text": text,
                     "entities": [{"start": start, "end": start + 2, "label": "LOC", "text": "北京"}]})
    (folder / "good.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in good) + "\n",
                                       encoding="utf-8")
    (folder / "bad.jsonl").write_text(json.dumps({"id": "b1", "text": "短文", "entities": [
        {"start": 0, "end": 9, "label": "PER", "text": "短文"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "page.txt").write_text("职工书屋开到了车间里\n\n本报讯 记者张萍报道：职工书屋开进车间，工人们下班就能读书。\n",
                                     encoding="utf-8")
    return folder


def run(import_dialog, qtbot):
    with qtbot.waitSignal(import_dialog.imported, timeout=20000) as imported:
        qtbot.mouseClick(import_dialog.import_button, Qt.MouseButton.LeftButton)
    return imported.args[0]


def test_a_folder_comes_in_and_the_bad_file_is_explained(import_dialog, fresh_store, qtbot, inbox):
    import_dialog.suggest.setChecked(False)
    import_dialog.add_paths([str(inbox)])
    doc_ids = run(import_dialog, qtbot)
    assert {"g0", "g1", "g2"} <= set(doc_ids)
    assert fresh_store.documents.count() == len(doc_ids)
    assert not fresh_store.documents.exists("b1")
    text = import_dialog.result_view.plain_text
    assert "from 2 of 3 files" in text
    assert "bad.jsonl" in text and "outside the text" in text
    assert fresh_store.db.conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0] == 3


def test_new_documents_are_searchable_at_once(import_dialog, fresh_store, qtbot, inbox):
    import_dialog.suggest.setChecked(False)
    import_dialog.add_paths([str(inbox / "page.txt")])
    run(import_dialog, qtbot)
    index = SearchIndex(fresh_store)
    assert index.pending() == 0
    assert index.search("书屋", auto_sync=False).total == 1


def test_importing_again_changes_nothing(import_dialog, fresh_store, qtbot, inbox, qsettings_tmp):
    import_dialog.suggest.setChecked(False)
    import_dialog.add_paths([str(inbox / "good.jsonl")])
    run(import_dialog, qtbot)
    again = ImportDialog(fresh_store)
    qtbot.addWidget(again)
    again.suggest.setChecked(False)
    again.add_paths([str(inbox / "good.jsonl")])
    assert run(again, qtbot) == []
    assert "Already imported before: 1" in again.result_view.plain_text
    again.close()


def test_a_forced_format(import_dialog, fresh_store, qtbot, tmp_path):
    records = tmp_path / "records.txt"  # JSON Lines behind a .txt name
    records.write_text(json.dumps({"id": "f1", "text": "工会送清凉到工地。"}, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    import_dialog.suggest.setChecked(False)
    import_dialog.format.setCurrentIndex(import_dialog.format.findData("jsonl"))
    import_dialog.add_paths([str(records)])
    assert run(import_dialog, qtbot) == ["f1"]
    assert fresh_store.documents.text("f1") == "工会送清凉到工地。"


def test_the_list_of_paths(import_dialog, inbox):
    assert not import_dialog.import_button.isEnabled()
    import_dialog.add_paths([str(inbox), str(inbox)])
    assert import_dialog.chosen_paths() == [str(inbox)]
    assert import_dialog.import_button.isEnabled()
    import_dialog.paths.item(0).setSelected(True)
    import_dialog.remove_button.click()
    assert import_dialog.chosen_paths() == [] and not import_dialog.import_button.isEnabled()


def test_a_missing_path_is_reported_before_starting(import_dialog, tmp_path):
    import_dialog.add_paths([str(tmp_path / "nowhere")])
    import_dialog.start()
    assert "no such file or folder" in import_dialog.problem.text()


def test_cancel_stops_between_files(fresh_store, inbox):
    # What the dialog's Cancel does: its flag is the pipeline's should_stop, asked between files.
    cancel = CancelFlag()
    seen = []

    def progress(stage, done, total, name):
        seen.append((stage, name))
        if stage == FILES and done == 1:
            cancel.set()

    result = run_import(fresh_store, [str(inbox)], ImportSettings(read=ReadOptions(annotator="tester"), suggest=False),
                        progress=progress, should_stop=lambda: cancel.is_set)
    assert result.stopped
    assert [r.file.rsplit("/", 1)[-1] for r in result.reports] == ["bad.jsonl"]
    assert fresh_store.documents.count() == 0
    assert all(stage == FILES for stage, _ in seen)  # nothing after the files ran


def test_imported_documents_can_arrive_as_done(import_dialog, fresh_store, qtbot, inbox):
    import_dialog.suggest.setChecked(False)
    import_dialog.mark_done.setChecked(True)
    import_dialog.add_paths([str(inbox / "good.jsonl")])
    doc_ids = run(import_dialog, qtbot)
    assert sorted(doc_ids) == ["g0", "g1", "g2"]
    assert fresh_store.documents.ids(["done"]) == doc_ids
