"""Where the keyboard goes after each way of moving around: always into the text, so Tab reaches the next span.

Driven with real key events through pytest-qt, sent to whichever widget has
the keyboard at that moment, as a reviewer's keys would be (issue 13, item 2:
thirteen review keys were lost in the document list).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from review_projects import add_document, candidate

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

SECOND = "第二篇文章：北京市总工会召开会议。"


@pytest.fixture
def project(project):
    """The small project, with candidates in the second article too."""
    from annotator.store import Store

    with Store(project, annotator="tester") as store:
        add_document(store, "a3", "第三篇：上海市总工会主席王芳讲话。", title="第三篇",
                     candidates=[candidate("a3", "第三篇：上海市总工会主席王芳讲话。", "王芳", "PER")])
        store.candidates.replace({"a2": [candidate("a2", SECOND, "北京市总工会", "ORG")]})
    return project


def keys(qtbot, *presses) -> None:
    """Each key to whichever widget has the keyboard now."""
    for press in presses:
        key, modifier = press if isinstance(press, tuple) else (press, Qt.KeyboardModifier.NoModifier)
        qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def in_text(window) -> bool:
    return QApplication.focusWidget() is window.view


def tab_reaches_a_span(window, qtbot, expected: str) -> None:
    assert in_text(window), f"the keyboard is in {type(QApplication.focusWidget()).__name__}, not the text"
    keys(qtbot, Qt.Key.Key_Tab)
    focused = window.controller.focused_span()
    assert focused is not None and focused.text == expected


def list_row_rect(window, doc_id: str):
    panel = window.documents
    index = panel.model.index(panel.model.row_of(doc_id))
    return panel.view.visualRect(index)


def test_a_click_in_the_document_list_puts_the_keyboard_in_the_text(window, qtbot):
    panel = window.documents
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=list_row_rect(window, "a2").center())
    assert window.controller.doc_id == "a2"
    tab_reaches_a_span(window, qtbot, "北京市总工会")
    keys(qtbot, Qt.Key.Key_Return)
    assert [(e.text, e.label) for e in window.store.annotations.entities("a2")] == [("北京市总工会", "ORG")]


def test_arrows_browse_the_list_and_return_or_tab_go_into_the_text(window, qtbot):
    panel = window.documents
    panel.view.setFocus()
    keys(qtbot, Qt.Key.Key_Down)
    assert window.controller.doc_id == "a2" and QApplication.focusWidget() is panel.view  # still browsing
    keys(qtbot, Qt.Key.Key_Down)
    assert window.controller.doc_id == "a3"
    keys(qtbot, Qt.Key.Key_Return)
    tab_reaches_a_span(window, qtbot, "王芳")
    panel.view.setFocus()
    keys(qtbot, Qt.Key.Key_Up)
    assert window.controller.doc_id == "a2"
    keys(qtbot, Qt.Key.Key_Tab)  # Tab leaves the list for the text; it does not open the next document
    assert window.controller.doc_id == "a2"
    tab_reaches_a_span(window, qtbot, "北京市总工会")


def test_return_in_the_search_box_opens_the_first_result_with_the_keyboard_in_its_text(window, qtbot):
    panel = window.documents
    keys(qtbot, (Qt.Key.Key_F, CTRL | SHIFT))
    assert QApplication.focusWidget() is panel.search_box
    event = QInputMethodEvent()
    event.setCommitString("上海")
    QApplication.sendEvent(panel.search_box, event)
    keys(qtbot, Qt.Key.Key_Return)
    assert window.controller.doc_id == "a3"
    tab_reaches_a_span(window, qtbot, "王芳")


@pytest.mark.parametrize("press", [(Qt.Key.Key_PageDown, CTRL), (Qt.Key.Key_Return, CTRL)], ids=["next", "done and next"])
def test_the_next_document_from_anywhere_puts_the_keyboard_in_its_text(window, qtbot, press):
    window.documents.view.setFocus()
    keys(qtbot, press)
    assert window.controller.doc_id == "a2"
    tab_reaches_a_span(window, qtbot, "北京市总工会")


def test_undo_from_the_entity_list_puts_the_keyboard_back_in_the_text(window, qtbot):
    keys(qtbot, Qt.Key.Key_Tab, Qt.Key.Key_Return)  # accept 邹倜然, on to 嘉兴市
    window.lists.flush()
    window.lists.entities.setFocus()
    keys(qtbot, (Qt.Key.Key_Z, CTRL))
    assert window.store.annotations.entities("a1") == []
    assert in_text(window)
    assert window.controller.focused_span().text == "邹倜然"  # the candidate it was, back
    keys(qtbot, Qt.Key.Key_Tab)
    assert window.controller.focused_span().text == "嘉兴市"


def test_undo_that_goes_to_another_document_puts_the_keyboard_in_its_text(window, qtbot):
    keys(qtbot, Qt.Key.Key_Tab, Qt.Key.Key_Return)
    keys(qtbot, (Qt.Key.Key_PageDown, CTRL))
    window.documents.view.setFocus()
    keys(qtbot, (Qt.Key.Key_Z, CTRL))
    assert window.controller.doc_id == "a1" and in_text(window)
    keys(qtbot, Qt.Key.Key_Tab)
    assert window.controller.focused_span().text == "嘉兴市"


def test_a_click_in_the_entity_list_focuses_the_entity_with_the_keyboard_in_the_text(window, qtbot):
    keys(qtbot, Qt.Key.Key_Tab, Qt.Key.Key_Return)
    window.lists.flush()
    table = window.lists.entities
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(window.lists.entities_model.index(0, 0)).center())
    assert window.controller.focused_span().text == "邹倜然"
    tab_reaches_a_span(window, qtbot, "嘉兴市")


def test_closing_the_help_returns_the_keyboard_to_the_text(window, qtbot):
    keys(qtbot, Qt.Key.Key_F1)
    assert window.help_overlay.isVisible()
    keys(qtbot, Qt.Key.Key_Escape)
    tab_reaches_a_span(window, qtbot, "邹倜然")


def test_the_find_bar_gives_the_keyboard_back_on_escape(window, qtbot):
    keys(qtbot, (Qt.Key.Key_F, CTRL))
    assert QApplication.focusWidget() is not window.view
    keys(qtbot, Qt.Key.Key_Escape)
    tab_reaches_a_span(window, qtbot, "邹倜然")

