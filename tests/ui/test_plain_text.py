"""Stored text is shown as text on the real widgets: a headline with <img src> loads nothing, <b> stays two characters.

Issue 12: the article title, the provenance line, the status bar's annotator
name and span tooltips rendered stored text as rich text.
"""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QLabel, QToolTip

from annotator.model import AnnotatedDocument, Document, Piece, Provenance, SourceFile
from annotator.store import Store

MARKUP = "<b>粗体</b>"


@pytest.fixture
def hostile_project(db_path, tmp_path):
    """A document whose stored text is full of markup, and an image that markup would load."""
    image = tmp_path / "big.png"
    picture = QImage(400, 400, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    picture.save(str(image))
    title = f'<img src="file://{image}"> {MARKUP} 标题'
    text = f"本报讯 {MARKUP}：北京市总工会召开会议，<i>张萍</i>出席。"
    file_name = "<b>page</b>.txt"
    with Store(db_path, annotator="<i>wang</i>") as store:
        source = SourceFile(path=file_name, name=file_name, sha256="e" * 64, size=len(text), format="text")
        document = Document(
            "h1", text, title=title,
            meta={"kicker": f"<u>引题</u> {MARKUP}", "byline": {"reporters": ["<s>记者</s>"]},
            "flags": [{"kind": "note", "offset": 0, "confidence": 0.5, "message": f"{MARKUP} flagged"}]},
            provenance=Provenance(file_name, pieces=[Piece(0, len(text), file_name, 0, len(text))]),
        )
        source.documents.append(AnnotatedDocument(document))
        store.documents.import_source(source)
        start = text.index("<i>张萍</i>")
        store.annotations.add_entity("h1", start, start + len("<i>张萍</i>"), "PER")
    return db_path, image


@pytest.fixture
def hostile_window(hostile_project, qtbot, qsettings_tmp):
    from annotator.ui.app import build_main_window

    db, _image = hostile_project
    win = build_main_window(db, "<i>wang</i>", restore_settings=False)
    qtbot.addWidget(win)
    win.start(background=False)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def shows_as_text(label: QLabel, stored: str) -> None:
    assert label.textFormat() == Qt.TextFormat.PlainText, f"{label.objectName()} guesses its format"
    assert stored in label.text()


def test_the_article_header_shows_markup_as_text_and_loads_no_image(hostile_window):
    header = hostile_window.header
    shows_as_text(header.title, MARKUP)
    assert "<img src=" in header.title.text()
    # As rich text the 400×400 picture would make the title at least that tall.
    assert header.title.sizeHint().height() < 120
    shows_as_text(header.kicker, "<u>引题</u>")
    shows_as_text(header.byline, "<s>记者</s>")
    shows_as_text(header.provenance, "<b>page</b>.txt")
    assert "<b>" not in header.provenance.toolTip() and "&lt;b&gt;page&lt;/b&gt;.txt" in header.provenance.toolTip()
    flag = header.flags.itemAt(0).widget()
    shows_as_text(flag, f"{MARKUP} flagged")


def test_the_status_bar_shows_the_annotator_name_as_text(hostile_window):
    shows_as_text(hostile_window.status.annotator, "<i>wang</i>")
    assert "&lt;i&gt;wang&lt;/i&gt;" in hostile_window.status.annotator.toolTip()


def test_a_span_tooltip_shows_its_text_as_text(hostile_window, qtbot):
    view = hostile_window.view
    span = next(s for s in hostile_window.controller.state.spans if s.is_entity)
    point = view.span_rects(span)[0].center().toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    shown = QToolTip.text()
    assert html.escape("<i>张萍</i>") in shown and "<i>张萍" not in shown
    QToolTip.hideText()


def test_the_focused_span_panel_and_the_lists_show_the_text_as_text(hostile_window):
    controller = hostile_window.controller
    span = next(s for s in controller.state.spans if s.is_entity)
    controller.set_focus(span.key)
    hostile_window.flush_panels()
    details = hostile_window.details
    shows_as_text(details.text, "<i>张萍</i>")
    assert details.body.textFormat() == Qt.TextFormat.RichText  # its markup is the app's own...
    assert html.escape("<i>wang</i>") in details.body.text()  # ...and the stored text in it is escaped
    model = hostile_window.lists.entities_model
    assert model.data(model.index(0, 0)) == "<i>张萍</i>"  # item views draw plain text
    tooltip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;i&gt;wang&lt;/i&gt;" in tooltip
    documents = hostile_window.documents.model
    row_tooltip = documents.data(documents.index(0), Qt.ItemDataRole.ToolTipRole)
    assert "<b>" not in row_tooltip and html.escape(MARKUP) in row_tooltip


def test_the_window_title_and_the_skip_reason_are_text(hostile_window, qtbot):
    assert MARKUP in hostile_window.windowTitle()
    hostile_window.controller.skip_and_next(f"{MARKUP} reason")
    hostile_window.controller.open_document("h1")
    chip = hostile_window.header.status_chip
    shows_as_text(chip, f"{MARKUP} reason")


def test_every_label_of_the_window_says_its_format(hostile_window):
    """No label is left for Qt to guess (AutoText): a new one must choose, plain or escaped rich text."""
    guessing = [
        f"{type(label.parent()).__name__}.{label.objectName() or label.text()[:30]!r}"
        for label in hostile_window.findChildren(QLabel)
        if label.textFormat() == Qt.TextFormat.AutoText
    ]
    assert not guessing, guessing


