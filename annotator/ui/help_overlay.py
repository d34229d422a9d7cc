"""The keyboard help (F1 or ?): every key of the keymap and the label keys, over the window.

Built from the keymap and the schema in use, so it always tells the truth
about the keys as configured. Any key or click closes it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from annotator.label_schema import LabelSchema
from annotator.review import keymap as km
from annotator.review.keymap import Keymap
from annotator.review.label_keys import key_for_label
from annotator.ui.keys import native_text


def action_titles(context: QObject) -> dict[str, str]:
    """What each keymap action does, in words (translated); shared by the menus and this overlay."""
    tr = context.tr
    return {
        "focus_next": tr("Next candidate or entity"),
        "focus_previous": tr("Previous candidate or entity"),
        "accept": tr("Accept the candidate"),
        "reject_or_delete": tr("Reject the candidate / delete the entity"),
        "label_occurrences": tr("Label all occurrences…"),
        "cancel": tr("Cancel: drop the focus, selection or relation"),
        "move_end_left": tr("Move the end left"),
        "move_end_right": tr("Move the end right"),
        "move_start_left": tr("Move the start left"),
        "move_start_right": tr("Move the start right"),
        "start_relation": tr("Start a relation (Tab to the tail, then a number)"),
        "document_labels": tr("Document labels (topic)…"),
        "done_and_next": tr("Mark done and open the next unfinished"),
        "skip_and_next": tr("Skip with a reason…"),
        "next_document": tr("Next document"),
        "previous_document": tr("Previous document"),
        "split_document": tr("Split the article at the cursor"),
        "merge_with_next": tr("Merge with the next article"),
        "undo": tr("Undo"),
        "redo": tr("Redo"),
        "find": tr("Find…"),
        "zoom_in": tr("Larger text"),
        "zoom_out": tr("Smaller text"),
        "zoom_reset": tr("Normal text size"),
        "toggle_label_names": tr("Show label names"),
        "help": tr("Keyboard shortcuts"),
    }


def group_titles(context: QObject) -> dict[str, str]:
    tr = context.tr
    return {
        "review": tr("Review"),
        "boundaries": tr("Boundaries"),
        "relations": tr("Relations"),
        "document": tr("Document"),
        "edit": tr("Edit"),
        "view": tr("View"),
    }


class HelpOverlay(QWidget):
    def __init__(self, keymap: Keymap, schema: LabelSchema, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("HelpOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.card = QFrame(self)
        self.card.setObjectName("HelpCard")
        self.card.setStyleSheet(
            "#HelpCard { background: #ffffff; border-radius: 12px; border: 1px solid #d9e2ec; }"
            "QLabel { color: #1f2933; }"
        )
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(28, 22, 28, 22)
        self.text = QLabel(self.card)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.set_content(keymap, schema)
        parent.installEventFilter(self)
        self.hide()

    def set_content(self, keymap: Keymap, schema: LabelSchema) -> None:
        titles = action_titles(self)
        groups = group_titles(self)
        columns: dict[str, list[str]] = {}
        for spec in km.ACTIONS:
            keys = keymap.keys(spec.name)
            if not keys:
                continue
            row = (
                f"<tr><td style='padding:2px 14px 2px 0; white-space:nowrap'>{_keycaps(keys)}</td>"
                f"<td style='padding:2px 0'>{html.escape(titles.get(spec.name, spec.name))}</td></tr>"
            )
            columns.setdefault(spec.group, []).append(row)
        labels = key_for_label(schema)
        label_rows = [
            f"<tr><td style='padding:2px 14px 2px 0'>{_keycaps((labels[e.name],))}</td>"
            f"<td><span style='color:{e.color}'>■</span> {html.escape(e.display or e.name)} "
            f"<span style='color:#9aa5b1'>{html.escape(e.name)}</span></td></tr>"
            for e in schema.entities
            if e.name in labels
        ]
        mouse = [
            self.tr("Select text: the label menu opens"),
            self.tr("Double-click: select the word (jieba) and label it"),
            self.tr("Click a span: focus it; click again: the span around it"),
            self.tr("Ctrl + wheel: zoom"),
        ]

        def table(title: str, rows: list[str]) -> str:
            return (
                f"<h3 style='margin:10px 0 4px 0; color:#2f6fdf'>{html.escape(title)}</h3>"
                f"<table cellspacing='0'>{''.join(rows)}</table>"
            )

        left = "".join(table(groups[g], columns[g]) for g in ("review", "boundaries", "relations") if g in columns)
        left += table(self.tr("Labels (selection, or the focused span)"), label_rows)
        right = "".join(table(groups[g], columns[g]) for g in ("document", "edit", "view") if g in columns)
        right += table(self.tr("Mouse"), [f"<tr><td>{html.escape(m)}</td></tr>" for m in mouse])
        where = keymap.user_file or km.user_keymap_path()
        footer = self.tr("Change keys in %1 · any key closes this").replace("%1", html.escape(str(where)))
        self.text.setText(
            f"<h2 style='margin:0'>{html.escape(self.tr('Keyboard shortcuts'))}</h2>"
            f"<table width='100%'><tr><td valign='top' style='padding-right:36px'>{left}</td>"
            f"<td valign='top'>{right}</td></tr></table>"
            f"<p style='color:#7b8794; margin-top:12px'>{footer}</p>"
        )

    def show_over_parent(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self._place_card()
        self.show()
        self.raise_()
        self.setFocus()

    def _place_card(self) -> None:
        hint = self.card.sizeHint()
        width = min(self.width() - 40, max(hint.width(), 720))
        self.card.setFixedWidth(width)
        height = min(self.height() - 40, self.card.heightForWidth(width) if self.card.hasHeightForWidth() else hint.height())
        self.card.setFixedHeight(max(height, 200))
        self.card.move((self.width() - self.card.width()) // 2, max(20, (self.height() - self.card.height()) // 2))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(31, 41, 51, 120))
        painter.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
            self._place_card()
        return False

    def keyPressEvent(self, event) -> None:  # noqa: N802
        self.hide()
        event.accept()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.hide()
        event.accept()

    def hideEvent(self, event) -> None:  # noqa: N802
        super().hideEvent(event)
        parent = self.parentWidget()
        view = parent.findChild(QWidget, "DocumentView") if parent else None
        if view is not None:
            view.setFocus()


def _keycaps(keys: tuple[str, ...]) -> str:
    caps = []
    for key in native_text(keys).split(", "):
        caps.append(
            "<span style='background:#f0f4f8; border:1px solid #cbd2d9; border-radius:3px; "
            f"font-family:monospace'>&nbsp;{html.escape(key)}&nbsp;</span>"
        )
    return " ".join(caps)
