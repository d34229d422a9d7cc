"""The keymap driven on a real window, offscreen: each test checks the database after the keys, and that undo restores it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from review_projects import ARTICLE, snapshot, span

from annotator.model import CandidateState, Status
from annotator.review.spans import SpanKind

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1):
    for _ in range(times):
        qtbot.keyClick(window.view, key, modifier)


def entities(window):
    return [(e.text, e.label) for e in window.store.annotations.entities(window.controller.doc_id)]


def test_window_opens_on_the_first_unfinished_document_with_the_keyboard_in_the_text(window):
    assert window.controller.doc_id == "a1"
    assert QApplication.focusWidget() is window.view
    assert window.view.toPlainText().startswith("本报讯")


def test_tab_then_return_accepts_the_first_candidate_and_undo_redo_restore(window, qtbot):
    before = snapshot(window.store)
    press(qtbot, window, Qt.Key.Key_Tab)
    assert window.controller.focused_span().text == "邹倜然"
    press(qtbot, window, Qt.Key.Key_Return)
    assert entities(window) == [("邹倜然", "PER")]
    assert window.controller.focused_span().text == "嘉兴市"  # on to the next candidate
    after = snapshot(window.store)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert snapshot(window.store) == before
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert snapshot(window.store) == after
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    press(qtbot, window, Qt.Key.Key_Y, CTRL)
    assert snapshot(window.store) == after


def test_shift_tab_goes_backwards_and_wraps(window, qtbot):
    press(qtbot, window, Qt.Key.Key_Backtab, SHIFT)
    assert window.controller.focused_span().text == "张萍"
    press(qtbot, window, Qt.Key.Key_Tab)
    assert window.controller.focused_span().text == "邹倜然"


def test_a_digit_relabels_the_focused_candidate_and_accepts_it(window, qtbot):
    before = snapshot(window.store)
    press(qtbot, window, Qt.Key.Key_Tab, times=3)
    assert window.controller.focused_span().text == "姚庄镇总工会"
    press(qtbot, window, Qt.Key.Key_3)
    assert entities(window) == [("姚庄镇总工会", "LOC")]
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert snapshot(window.store) == before


def test_a_digit_relabels_the_focused_entity(window, qtbot):
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Backtab, SHIFT)
    assert window.controller.focus.kind == SpanKind.ENTITY
    before = snapshot(window.store)
    press(qtbot, window, Qt.Key.Key_4)
    assert entities(window) == [("邹倜然", "TITLE")]
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert snapshot(window.store) == before


def test_delete_rejects_a_candidate_and_backspace_deletes_an_entity(window, qtbot):
    before = snapshot(window.store)
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_Delete)
    rejected = [c.text for c in window.store.candidates.for_document("a1", [CandidateState.REJECTED])]
    assert rejected == ["邹倜然"]
    assert window.controller.focused_span().text == "嘉兴市"
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Backtab, SHIFT)
    assert window.controller.focused_span().is_entity
    press(qtbot, window, Qt.Key.Key_Backspace)
    assert entities(window) == []
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert snapshot(window.store) == before


def test_deleting_an_entity_used_by_a_relation_is_undone_as_a_whole(window, qtbot):
    store = window.store
    org = store.annotations.add_entity("a1", *span(ARTICLE, "姚庄镇总工会", 1), "ORG")
    per = store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    store.annotations.add_relation(per.id, org.id, "works_at")
    window.controller.reload()
    window.controller.set_focus(window.controller.state.entity_span(org.id).key)
    before = snapshot(store)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert store.annotations.relations("a1") == []
    assert "relations" in window.status.currentMessage()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert snapshot(store) == before


def test_selecting_text_and_pressing_a_digit_labels_it_even_after_astral_characters(window, qtbot):
    before = snapshot(window.store)
    window.view.select(*span(ARTICLE, "𠮷野家"))
    press(qtbot, window, Qt.Key.Key_2)
    assert entities(window) == [("𠮷野家", "ORG")]
    entity = window.store.annotations.entities("a1")[0]
    assert ARTICLE[entity.start : entity.end] == "𠮷野家"
    assert not window.view.textCursor().hasSelection()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert snapshot(window.store) == before


def test_keyboard_selection_with_shift_arrows_when_nothing_is_focused(window, qtbot):
    start, _end = span(ARTICLE, "浙江省")
    cursor = window.view.textCursor()
    cursor.setPosition(window.view.mapping.to_qt(start))
    window.view.setTextCursor(cursor)
    press(qtbot, window, Qt.Key.Key_Right, SHIFT, times=3)
    press(qtbot, window, Qt.Key.Key_3)
    assert entities(window) == [("浙江省", "LOC")]


def test_shift_and_alt_arrows_move_the_ends_of_an_entity_as_one_undo_step(window, qtbot):
    store = window.store
    start, end = span(ARTICLE, "姚庄镇总工")
    entity = store.annotations.add_entity("a1", start, end, "ORG")
    window.controller.reload()
    window.controller.set_focus(window.controller.state.entity_span(entity.id).key)
    before = snapshot(store)
    press(qtbot, window, Qt.Key.Key_Right, SHIFT)
    assert store.annotations.entity(entity.id).text == "姚庄镇总工会"
    press(qtbot, window, Qt.Key.Key_Left, ALT)
    assert store.annotations.entity(entity.id).text == "市姚庄镇总工会"
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    press(qtbot, window, Qt.Key.Key_Left, SHIFT)
    assert store.annotations.entity(entity.id).text == "姚庄镇总工"
    press(qtbot, window, Qt.Key.Key_Right, SHIFT)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert snapshot(store) == before


def test_moving_a_candidates_end_accepts_it_with_the_new_boundary(window, qtbot):
    before = snapshot(window.store)
    press(qtbot, window, Qt.Key.Key_Tab, times=3)
    press(qtbot, window, Qt.Key.Key_Left, SHIFT)
    assert entities(window) == [("姚庄镇总工", "ORG")]
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert snapshot(window.store) == before


def test_r_tab_and_a_number_make_a_relation_and_invalid_pairs_are_refused(window, qtbot):
    store = window.store
    per = store.annotations.add_entity("a1", *span(ARTICLE, "邹倜然"), "PER")
    loc = store.annotations.add_entity("a1", *span(ARTICLE, "嘉兴市"), "LOC")
    org = store.annotations.add_entity("a1", *span(ARTICLE, "姚庄镇总工会"), "ORG")
    window.controller.reload()
    window.controller.set_focus(window.controller.state.entity_span(per.id).key)
    before = snapshot(store)
    press(qtbot, window, Qt.Key.Key_R)
    assert window.controller.draft is not None
    press(qtbot, window, Qt.Key.Key_Tab)  # tail: 嘉兴市 (LOC)
    assert window.controller.draft.tail.id == loc.id
    press(qtbot, window, Qt.Key.Key_1)
    assert store.annotations.relations("a1") == []
    assert "No relation type goes from PER to LOC" in window.status.currentMessage()
    press(qtbot, window, Qt.Key.Key_Tab)  # tail: 姚庄镇总工会 (ORG)
    press(qtbot, window, Qt.Key.Key_1)
    relations = store.annotations.relations("a1")
    assert [(r.label, r.head_id, r.tail_id) for r in relations] == [("works_at", per.id, org.id)]
    assert window.controller.draft is None
    assert window.controller.focus.id == per.id
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert snapshot(store) == before


def test_escape_cancels_a_relation_and_return_confirms_the_only_choice(window, qtbot):
    store = window.store
    per = store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    org = store.annotations.add_entity("a1", *span(ARTICLE, "姚庄镇总工会", 1), "ORG")
    window.controller.reload()
    window.controller.set_focus(window.controller.state.entity_span(per.id).key)
    press(qtbot, window, Qt.Key.Key_R)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.controller.draft is None
    press(qtbot, window, Qt.Key.Key_R)
    press(qtbot, window, Qt.Key.Key_Backtab, SHIFT)
    assert window.controller.draft.tail.id == org.id
    press(qtbot, window, Qt.Key.Key_Return)
    assert [r.label for r in store.annotations.relations("a1")] == ["works_at"]


def test_ctrl_return_marks_done_and_opens_the_next_unfinished_and_undo_goes_back(window, qtbot):
    before = snapshot(window.store)
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert window.store.documents.get("a1").status is Status.DONE
    assert window.controller.doc_id == "a2"
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert snapshot(window.store) == before
    assert window.controller.doc_id == "a1"


def test_skip_asks_for_a_reason(window, qtbot):
    from annotator.ui.skip_dialog import SkipDialog

    before = snapshot(window.store)
    press(qtbot, window, Qt.Key.Key_Return, CTRL | SHIFT)
    dialog = window.findChild(SkipDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reason.setCurrentIndex(1)
    dialog.accept()
    document = window.store.documents.get("a1")
    assert document.status is Status.SKIPPED and "OCR" in document.status_reason
    assert window.controller.doc_id == "a2"
    window.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert snapshot(window.store) == before


def test_d_sets_a_document_label_from_the_keyboard(window, qtbot):
    before = snapshot(window.store)
    press(qtbot, window, Qt.Key.Key_D)
    menu = window.view.doc_label_menu
    assert menu is not None and menu.isVisible()
    qtbot.keyClick(menu, Qt.Key.Key_2)
    assert window.store.annotations.doc_labels("a1") == {"topic": "工会建设"}
    window.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert snapshot(window.store) == before


def test_next_and_previous_document(window, qtbot):
    press(qtbot, window, Qt.Key.Key_PageDown, CTRL)
    assert window.controller.doc_id == "a2"
    press(qtbot, window, Qt.Key.Key_PageDown, CTRL)
    assert window.controller.doc_id == "a2"
    assert "last document" in window.status.currentMessage()
    press(qtbot, window, Qt.Key.Key_PageUp, CTRL)
    assert window.controller.doc_id == "a1"


def test_f1_and_question_mark_show_the_keyboard_help(window, qtbot):
    press(qtbot, window, Qt.Key.Key_F1)
    assert window.help_overlay.isVisible()
    assert "Tab" in window.help_overlay.text.text()
    qtbot.keyClick(window.help_overlay, Qt.Key.Key_Escape)
    assert not window.help_overlay.isVisible()
    qtbot.keyClick(window.view, Qt.Key.Key_Question, SHIFT, )
    assert window.help_overlay.isVisible()


def test_ctrl_f_finds_in_the_document(window, qtbot):
    from PySide6.QtGui import QInputMethodEvent

    press(qtbot, window, Qt.Key.Key_F, CTRL)
    assert window.find_bar.isVisible()
    event = QInputMethodEvent()
    event.setCommitString("总工会")
    QApplication.sendEvent(window.find_bar.field, event)
    assert window.view.matches == [span(ARTICLE, "总工会"), span(ARTICLE, "总工会", 1)]
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.view.current_match == 1
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible() and window.view.matches == []


def test_zoom_keys_change_the_text_size(window, qtbot):
    size = window.view.point_size
    press(qtbot, window, Qt.Key.Key_Plus, CTRL)
    assert window.view.point_size == size + 1
    press(qtbot, window, Qt.Key.Key_Minus, CTRL, times=2)
    assert window.view.point_size == size - 1
    press(qtbot, window, Qt.Key.Key_0, CTRL)
    assert window.view.point_size == size


def test_ctrl_shift_x_splits_at_the_cursor_and_ctrl_shift_m_merges_back(window, qtbot):
    store = window.store
    before = snapshot(store)
    offset = ARTICLE.index("\n") + 1
    window.view.reveal(offset, offset)
    press(qtbot, window, Qt.Key.Key_X, CTRL | SHIFT)
    assert store.documents.text("a1") == ARTICLE[: offset - 1]
    assert window.view.toPlainText() == ARTICLE[: offset - 1]
    assert store.documents.count() == 3
    press(qtbot, window, Qt.Key.Key_M, CTRL | SHIFT)
    assert store.documents.text("a1") == ARTICLE
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert snapshot(store) == before
    assert window.view.toPlainText().startswith("本报讯")


def test_moving_the_selection_to_the_next_article(window, qtbot):
    store = window.store
    before = snapshot(store)
    start = ARTICLE.index("\n") + 1
    window.view.select(start, len(ARTICLE))
    press(qtbot, window, Qt.Key.Key_Down, CTRL | SHIFT)
    assert store.documents.text("a1") == ARTICLE[: start - 1]
    assert store.documents.text("a2").startswith(ARTICLE[start:])
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert snapshot(store) == before


def test_a_labels_all_occurrences_after_review(window, qtbot):
    from annotator.ui.occurrences_dialog import OccurrencesDialog

    store = window.store
    entity = store.annotations.add_entity("a1", *span(ARTICLE, "姚庄镇总工会"), "ORG")
    window.controller.reload()
    window.controller.set_focus(window.controller.state.entity_span(entity.id).key)
    before = snapshot(store)
    press(qtbot, window, Qt.Key.Key_A)
    dialog = window.findChild(OccurrencesDialog)
    assert dialog is not None and dialog.isVisible()
    assert len(dialog.occurrences) == 2 and len(dialog.chosen()) == 1  # the one already labelled is left out
    dialog.everywhere.setChecked(True)
    qtbot.waitUntil(lambda: dialog._searching is None)
    assert len(dialog.occurrences) == 2  # the second article says 北京市总工会, not 姚庄镇总工会
    dialog.accept()
    assert [e.text for e in store.annotations.entities("a1")] == ["姚庄镇总工会", "姚庄镇总工会"]
    window.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert snapshot(store) == before


def test_a_leaves_no_candidate_pending_under_what_it_labelled(window, qtbot):
    """Issue 13, item 3: "A" left a pending candidate under each entity it made; Tab found it again."""
    from annotator.model import Candidate
    from annotator.ui.occurrences_dialog import OccurrencesDialog

    store = window.store
    second = span(ARTICLE, "姚庄镇总工会", 1)
    store.candidates.replace({"a1": [*store.candidates.for_document("a1"), Candidate("a1", *second, "ORG", "姚庄镇总工会", "gazetteer", 0.7)]})
    window.controller.reload()
    press(qtbot, window, Qt.Key.Key_Tab, times=3)
    assert window.controller.focused_span().text == "姚庄镇总工会"
    press(qtbot, window, Qt.Key.Key_2)  # ORG; the focus stays on it
    pending_before = window.controller.state.pending_count()
    press(qtbot, window, Qt.Key.Key_A)
    dialog = window.findChild(OccurrencesDialog)
    assert len(dialog.chosen()) == 1
    dialog.accept()
    assert window.controller.state.pending_count() == pending_before - 1
    texts = []
    for _ in range(len(window.controller.state.spans)):
        press(qtbot, window, Qt.Key.Key_Tab)
        span_now = window.controller.focused_span()
        if span_now.is_candidate:
            texts.append(span_now.text)
    assert "姚庄镇总工会" not in texts


def test_looking_in_all_documents_runs_in_the_background(window, qtbot):
    from annotator.ui.occurrences_dialog import OccurrencesDialog

    store = window.store
    entity = store.annotations.add_entity("a1", *span(ARTICLE, "总工会"), "ORG")
    window.controller.reload()
    window.controller.set_focus(window.controller.state.entity_span(entity.id).key)
    press(qtbot, window, Qt.Key.Key_A)
    dialog = window.findChild(OccurrencesDialog)
    dialog.everywhere.setChecked(True)
    # nothing found yet on the window's thread: the search went to a worker
    assert dialog._searching is not None and dialog.occurrences == []
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    qtbot.waitUntil(lambda: dialog._searching is None)
    assert sorted({o.doc_id for o in dialog.occurrences}) == ["a1", "a2"]
    dialog.reject()
