"""The document list panel on a real project, offscreen: filters, search, picking, and following changes."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from annotator.model import AnnotatedDocument, Document, SourceFile, Status
from annotator.store import Store
from annotator.ui.document_list import DocIdRole, DocumentListPanel, RowRole


def add_documents(store: Store, docs: list[tuple[str, str, str]], name: str) -> None:
    source = SourceFile(
        path=name, name=name, sha256=hashlib.sha256(name.encode()).hexdigest(), size=1, format="test",
        documents=[AnnotatedDocument(Document(id=d, text=text, title=title)) for d, title, text in docs],
    )
    assert store.documents.import_source(source).documents == len(docs)


@pytest.fixture
def store(db_path):
    with Store(db_path, annotator="tester") as store:
        add_documents(store, [
            ("n1", "工会专家团", "记者邹倜然报道：姚庄镇总工会成立工会专家团。"),
            ("n2", "服务站点", "福建工会创建2600多个户外劳动者服务站点。"),
            ("n3", "抗疫一线", "北京市总工会慰问坚守岗位的职工。"),
            ("n4", "技能竞赛", "上海举办职工技能竞赛，张萍获得一等奖。"),
        ], "first")
        text = store.documents.text("n1")
        store.annotations.add_entity("n1", text.index("邹倜然"), text.index("邹倜然") + 3, "PER")
        store.documents.set_status("n3", Status.DONE)
        yield store


@pytest.fixture
def panel(store, qtbot):
    widget = DocumentListPanel(store)
    qtbot.addWidget(widget)
    widget.resize(360, 600)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def listed(panel: DocumentListPanel) -> list[str]:
    model = panel.model
    return [model.index(row).data(DocIdRole) for row in range(model.rowCount())]


def type_text(widget, text: str) -> None:
    """Commit text as an input method does (keyClicks cannot type Chinese)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_opens_on_every_document_with_status_and_counts(panel):
    assert listed(panel) == ["n1", "n2", "n3", "n4"]
    first = panel.model.index(0).data(RowRole)
    assert first.entities == 1 and first.status is Status.IN_PROGRESS
    assert panel.model.index(2).data(RowRole).status is Status.DONE
    assert panel.summary.text() == "4 documents"
    assert panel.status_buttons[Status.DONE].text() == "1"


def test_status_chip_filters_and_clear_restores(panel, qtbot):
    qtbot.mouseClick(panel.status_buttons[Status.DONE], Qt.MouseButton.LeftButton)
    assert listed(panel) == ["n3"]
    assert panel.summary.text() == "1 of 4 documents"
    assert panel.clear_button.isVisible()
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert listed(panel) == ["n1", "n2", "n3", "n4"]
    assert not panel.status_buttons[Status.DONE].isChecked()


def test_label_filter_from_its_menu(panel):
    actions = {a.data(): a for a in panel.label_button.menu_.actions()}
    actions["PER"].setChecked(True)
    assert listed(panel) == ["n1"]
    assert panel.label_button.text() == "人名 ▾"


def test_typing_chinese_searches_after_a_pause(panel, qtbot):
    with qtbot.waitSignal(panel.searchChanged, timeout=2000) as changed:
        type_text(panel.search_box, "职工")
    assert changed.args == ["职工"]
    assert listed(panel) == ["n3", "n4"]
    snippet = panel.model.index(0).data(Qt.ItemDataRole.UserRole + 3)
    assert snippet is not None and snippet.text[snippet.hits[0][0] - snippet.start:][:2] == "职工"
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Escape)
    assert listed(panel) == ["n1", "n2", "n3", "n4"]


def test_clicking_a_row_picks_the_document(panel, qtbot):
    rect = panel.view.visualRect(panel.model.index(1))
    with qtbot.waitSignal(panel.documentPicked, timeout=1000) as picked:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picked.args == ["n2"]
    with qtbot.waitSignal(panel.documentPicked, timeout=1000) as picked:
        qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert picked.args == ["n3"]


def test_following_the_window_emits_nothing(panel, qtbot):
    with qtbot.assertNotEmitted(panel.documentPicked):
        assert panel.select_document("n4")
    assert panel.current_document() == "n4"
    assert not panel.select_document("nope")


def test_down_from_the_search_box_goes_to_the_results(panel, qtbot):
    type_text(panel.search_box, "工会")
    with qtbot.waitSignal(panel.documentPicked, timeout=1000) as picked:
        qtbot.keyClick(panel.search_box, Qt.Key.Key_Down)
    assert picked.args == ["n1"]
    assert panel.view.hasFocus()


def test_changes_from_another_connection_show_up(panel, qtbot, db_path):
    with Store(db_path, annotator="worker") as other:
        other.documents.set_status("n1", Status.DONE)
        add_documents(other, [("n5", "新文档", "新来的文档：劳模工匠。")], "second")
    qtbot.waitUntil(lambda: listed(panel) == ["n1", "n2", "n3", "n4", "n5"], timeout=3000)
    qtbot.waitUntil(lambda: panel.model.index(0).data(RowRole).status is Status.DONE, timeout=3000)
    assert panel.status_buttons[Status.DONE].text() == "2"


def test_rows_stay_put_until_the_filter_changes(panel, qtbot, store):
    qtbot.mouseClick(panel.status_buttons[Status.IN_PROGRESS], Qt.MouseButton.LeftButton)
    assert listed(panel) == ["n1"]
    store.documents.set_status("n1", Status.DONE)
    panel.refresh()
    assert listed(panel) == ["n1"]
    assert panel.model.index(0).data(RowRole).status is Status.DONE
    qtbot.mouseClick(panel.status_buttons[Status.IN_PROGRESS], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.status_buttons[Status.IN_PROGRESS], Qt.MouseButton.LeftButton)
    assert listed(panel) == []


def test_a_long_index_queue_is_worked_off_in_the_background(panel, qtbot, db_path):
    with Store(db_path, annotator="importer") as other:
        add_documents(other, [(f"m{i:03d}", "", f"第{i}篇：劳动者港湾服务。") for i in range(320)], "many")
    panel.refresh()
    type_text(panel.search_box, "港湾")
    panel._search_now()
    assert "indexing" in panel.summary.text().lower()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 320, timeout=10000)
    assert "indexing" not in panel.summary.text().lower()


def test_the_listed_ids_follow_the_filter(panel, qtbot):
    assert panel.listed_document_ids() == ["n1", "n2", "n3", "n4"]
    qtbot.mouseClick(panel.status_buttons[Status.DONE], Qt.MouseButton.LeftButton)
    assert panel.listed_document_ids() == ["n3"]


def test_clearing_the_search_takes_the_snippet_line_away_again(panel, qtbot):
    """Issue 13, item 11: a blank snippet line stayed in every row after a search was cleared."""
    header = panel.view.verticalHeader()
    plain = header.sectionSize(0)
    with qtbot.waitSignal(panel.searchChanged, timeout=2000):
        type_text(panel.search_box, "工会")
    assert header.sectionSize(0) > plain
    with qtbot.waitSignal(panel.searchChanged, timeout=2000):
        panel.search_box.clear()
    assert header.sectionSize(0) == plain


def test_return_in_the_search_box_opens_the_first_result_and_asks_for_the_text(panel, qtbot):
    type_text(panel.search_box, "上海")
    with qtbot.waitSignal(panel.textRequested, timeout=1000), qtbot.waitSignal(panel.documentPicked, timeout=1000) as picked:
        qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    assert picked.args == ["n4"]
