"""The mouse on the text: selecting pops the label menu, double-click selects a jieba word, a click focuses a span."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from review_projects import ARTICLE, snapshot, span

from annotator.text.segmenter import get_segmenter

LEFT = Qt.MouseButton.LeftButton


def point_at(window, position: int, inside: bool = True) -> QPoint:
    """A point on the character at ``position`` (code points), in viewport coordinates."""
    view = window.view
    cursor = view.textCursor()
    cursor.setPosition(view.mapping.to_qt(position))
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + (4 if inside else 0), rect.center().y())


def test_dragging_over_text_opens_the_label_menu_and_picking_labels_it(window, qtbot):
    before = snapshot(window.store)
    start, end = span(ARTICLE, "浙江省")
    viewport = window.view.viewport()
    qtbot.mousePress(viewport, LEFT, pos=point_at(window, start, inside=False))
    qtbot.mouseMove(viewport, point_at(window, end, inside=False))
    qtbot.mouseRelease(viewport, LEFT, pos=point_at(window, end, inside=False))
    assert window.view.selection() == (start, end)
    menu = window.view.label_menu
    assert menu is not None and menu.isVisible()
    # the menu opens beside the selection, never on top of it (issue 13, item 10)
    view = window.view
    for rect in view.geometry_cache.fragments(*view.mapping.span_to_qt(start, end)):
        on_screen = rect.translated(view._offset() + viewport.mapToGlobal(QPoint(0, 0)).toPointF()).toAlignedRect()
        assert not menu.geometry().adjusted(-2, -2, 2, 2).intersects(on_screen), (menu.geometry(), on_screen)
    loc = next(a for a in menu.actions() if a.data() == "LOC")
    loc.trigger()
    assert [(e.text, e.label) for e in window.store.annotations.entities("a1")] == [("浙江省", "LOC")]
    assert window.view.selection() is None
    menu.close()
    window.controller.undo()
    assert snapshot(window.store) == before


def test_double_click_selects_the_jieba_word_under_the_mouse(window, qtbot):
    window.view.set_tokenizer(get_segmenter())
    start, _end = span(ARTICLE, "专职")
    qtbot.mouseDClick(window.view.viewport(), LEFT, pos=point_at(window, start))
    selected = window.view.selection()
    assert selected is not None
    assert ARTICLE[selected[0] : selected[1]] in {"专职", "专职副主席"}
    assert window.view.label_menu.isVisible()
    window.view.label_menu.close()


def test_clicking_an_entity_focuses_it_and_clicking_again_steps_outwards(window, qtbot):
    store = window.store
    outer = store.annotations.add_entity("a1", *span(ARTICLE, "姚庄镇总工会"), "ORG")
    inner = store.annotations.add_entity("a1", *span(ARTICLE, "姚庄镇"), "LOC")
    window.controller.reload()
    at = point_at(window, span(ARTICLE, "庄")[0])
    qtbot.mouseClick(window.view.viewport(), LEFT, pos=at)
    assert window.controller.focus.id == inner.id
    qtbot.mouseClick(window.view.viewport(), LEFT, pos=at)
    assert window.controller.focus.id == outer.id
    # the list follows the focus, a moment after the text
    model = window.lists.entities_model
    qtbot.waitUntil(lambda: window.lists.entities.currentIndex().row() == model.row_of(window.controller.focus) >= 0)


def test_clicking_a_row_in_the_entity_list_jumps_to_the_span(window, qtbot):
    store = window.store
    entity = store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    window.controller.reload()
    window.lists.flush()
    model = window.lists.entities_model
    row = model.row_of(window.controller.state.entity_span(entity.id).key)
    rect = window.lists.entities.visualRect(model.index(row, 0))
    window.docks["annotations"].raise_()
    qtbot.mouseClick(window.lists.entities.viewport(), LEFT, pos=rect.center())
    assert window.controller.focus.id == entity.id
    assert window.view.mapping.from_qt(window.view.textCursor().position()) == entity.start


def test_palette_click_labels_the_selection(window, qtbot):
    start, end = span(ARTICLE, "邹倜然")
    window.view.select(start, end)
    row = window.palette_panel.rows["PER"]
    qtbot.mouseClick(row, LEFT)
    assert [(e.text, e.label) for e in window.store.annotations.entities("a1")] == [("邹倜然", "PER")]


def test_right_click_on_a_candidate_offers_accept_and_reject(window, qtbot):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu

    start, _end = span(ARTICLE, "张萍")
    at = point_at(window, start)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, window.view.viewport().mapToGlobal(at))
    QApplication.sendEvent(window.view.viewport(), event)
    menus = [m for m in window.view.findChildren(QMenu) if m.isVisible()]
    assert len(menus) == 1
    accept = next(a for a in menus[0].actions() if a.text() == "Accept")
    accept.trigger()
    menus[0].close()
    assert [(e.text, e.label) for e in window.store.annotations.entities("a1")] == [("张萍", "PER")]


def test_hovering_a_candidate_shows_its_source_and_score(window):
    from annotator.ui.span_details import span_tooltip

    spans = window.controller.state.spans.at(span(ARTICLE, "张萍")[0])
    text = span_tooltip(window.controller.schema, spans)
    assert text == "Candidate 人名 “张萍” · jieba (POS nr) · score 0.88"
