"""File ▸ Import on a real project, offscreen: files in, bad files reported, search ready, cancelling."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from annotator.formats.registry import ReadOptions
from annotator.project.search import SearchIndex
from annotator.store import Store
from annotator.ui.import_dialog import ImportDialog, run_import
from annotator.ui.transfer_common import CancelFlag


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


def run(dialog, qtbot):
    with qtbot.waitSignal(dialog.imported, timeout=20000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    return imported.args[0]


def test_a_folder_comes_in_and_the_bad_file_is_explained(dialog, store, qtbot, inbox):
    dialog.suggest.setChecked(False)
    dialog.add_paths([str(inbox)])
    doc_ids = run(dialog, qtbot)
    assert {"g0", "g1", "g2"} <= set(doc_ids)
    assert store.documents.count() == len(doc_ids)
    assert not store.documents.exists("b1")
    text = dialog.result_view.plain_text
    assert "from 2 of 3 files" in text
    assert "bad.jsonl" in text and "outside the text" in text
    assert store.db.conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0] == 3


def test_new_documents_are_searchable_at_once(dialog, store, qtbot, inbox):
    dialog.suggest.setChecked(False)
    dialog.add_paths([str(inbox / "page.txt")])
    run(dialog, qtbot)
    index = SearchIndex(store)
    assert index.pending() == 0
    assert index.search("书屋", auto_sync=False).total == 1


def test_importing_again_changes_nothing(dialog, store, qtbot, inbox, qsettings_tmp):
    dialog.suggest.setChecked(False)
    dialog.add_paths([str(inbox / "good.jsonl")])
    run(dialog, qtbot)
    again = ImportDialog(store)
    qtbot.addWidget(again)
    again.suggest.setChecked(False)
    again.add_paths([str(inbox / "good.jsonl")])
    assert run(again, qtbot) == []
    assert "Already imported before: 1" in again.result_view.plain_text
    again.close()


def test_a_forced_format(dialog, store, qtbot, tmp_path):
    records = tmp_path / "records.txt"  # JSON Lines behind a .txt name
    records.write_text(json.dumps({"id": "f1", "text": "工会送清凉到工地。"}, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    dialog.suggest.setChecked(False)
    dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))
    dialog.add_paths([str(records)])
    assert run(dialog, qtbot) == ["f1"]
    assert store.documents.text("f1") == "工会送清凉到工地。"


def test_the_list_of_paths(dialog, inbox):
    assert not dialog.import_button.isEnabled()
    dialog.add_paths([str(inbox), str(inbox)])
    assert dialog.chosen_paths() == [str(inbox)]
    assert dialog.import_button.isEnabled()
    dialog.paths.item(0).setSelected(True)
    dialog.remove_button.click()
    assert dialog.chosen_paths() == [] and not dialog.import_button.isEnabled()


def test_a_missing_path_is_reported_before_starting(dialog, tmp_path):
    dialog.add_paths([str(tmp_path / "nowhere")])
    dialog.start()
    assert "no such file or folder" in dialog.problem.text()


def test_cancel_stops_between_files(store, inbox):
    cancel = CancelFlag()
    seen = []

    def progress(done, total, what):
        seen.append(what)
        if done == 1 and what.startswith("files:") and what != "files:":
            cancel.set()

    reports = run_import(store, [str(inbox)], format=None, options=ReadOptions(annotator="tester"),
                         suggest=False, progress=progress, cancel=cancel)
    assert len(reports) == 1
    assert reports[0].file.endswith("bad.jsonl")
    assert store.documents.count() == 0
