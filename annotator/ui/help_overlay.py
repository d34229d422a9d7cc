"""The keyboard help (F1 or ?): every key of the keymap and the label keys, over the window.

Built from the keymap and the schema in use, so it always tells the truth
about the keys as configured. Any key or click closes it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from annotator.label_schema import LabelSchema
from annotator.review import keymap as km
from annotator.review.keymap import Keymap
from annotator.review.label_keys import key_for_label
from annotator.ui.keys import native_text


def action_titles() -> dict[str, str]:
    """What each keymap action does, in words (translated); shared by the menus and this overlay."""
    return {
        "focus_next": QCoreApplication.translate("Actions", "Next candidate or entity"),
        "focus_previous": QCoreApplication.translate("Actions", "Previous candidate or entity"),
        "accept": QCoreApplication.translate("Actions", "Accept the candidate, then go to the next candidate"),
        "reject_or_delete": QCoreApplication.translate("Actions", "Reject the candidate / delete the entity"),
        "label_occurrences": QCoreApplication.translate("Actions", "Label all occurrences…"),
        "cancel": QCoreApplication.translate("Actions", "Cancel: drop the focus, selection or relation"),
        "move_end_left": QCoreApplication.translate("Actions", "Move the end left"),
        "move_end_right": QCoreApplication.translate("Actions", "Move the end right"),
        "move_start_left": QCoreApplication.translate("Actions", "Move the start left"),
        "move_start_right": QCoreApplication.translate("Actions", "Move the start right"),
        "start_relation": QCoreApplication.translate("Actions", "Start a relation (Tab to the tail, then a number)"),
        "document_labels": QCoreApplication.translate("Actions", "Document labels (topic)…"),
        "done_and_next": QCoreApplication.translate("Actions", "Mark done and open the next unfinished"),
        "skip_and_next": QCoreApplication.translate("Actions", "Skip with a reason…"),
        "next_document": QCoreApplication.translate("Actions", "Next document"),
        "previous_document": QCoreApplication.translate("Actions", "Previous document"),
        "split_document": QCoreApplication.translate("Actions", "Split the article at the cursor"),
        "merge_with_next": QCoreApplication.translate("Actions", "Merge with the next article"),
        "move_to_previous": QCoreApplication.translate("Actions", "Move the selection to the previous article"),
        "move_to_next": QCoreApplication.translate("Actions", "Move the selection to the next article"),
        "undo": QCoreApplication.translate("Actions", "Undo"),
        "redo": QCoreApplication.translate("Actions", "Redo"),
        "open_project": QCoreApplication.translate("Actions", "Open project…"),
        "import_files": QCoreApplication.translate("Actions", "Import…"),
        "export_data": QCoreApplication.translate("Actions", "Export…"),
        "find": QCoreApplication.translate("Actions", "Find in this document…"),
        "search_documents": QCoreApplication.translate("Actions", "Search all documents"),
        "zoom_in": QCoreApplication.translate("Actions", "Larger text"),
        "zoom_out": QCoreApplication.translate("Actions", "Smaller text"),
        "zoom_reset": QCoreApplication.translate("Actions", "Normal text size"),
        "toggle_label_names": QCoreApplication.translate("Actions", "Show label names"),
        "help": QCoreApplication.translate("Actions", "Keyboard shortcuts"),
    }


def group_titles() -> dict[str, str]:
    return {
        "review": QCoreApplication.translate("Actions", "Review"),
        "boundaries": QCoreApplication.translate("Actions", "Boundaries"),
        "relations": QCoreApplication.translate("Actions", "Relations"),
        "document": QCoreApplication.translate("Actions", "Document"),
        "edit": QCoreApplication.translate("Actions", "Edit"),
        "view": QCoreApplication.translate("Actions", "View"),
        "project": QCoreApplication.translate("Actions", "Project"),
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
        titles = action_titles()
        groups = group_titles()
        columns: dict[str, list[str]] = {}
        for spec in km.ACTIONS:
            keys = _shown_keys(keymap.keys(spec.name))
            if not keys:
                continue
            row = (
                f"<tr><td style='padding:2px 14px 2px 0; white-space:nowrap'>{_keycaps(keys)}</td>"
                f"<td style='padding:2px 0; white-space:nowrap'>{html.escape(titles.get(spec.name, spec.name))}</td></tr>"
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
        number_rule = (
            self.tr(
                "A label key labels the selection, accepts the focused candidate with that label, or relabels the "
                "focused entity. The focus stays on that span, so a second key corrects the label; %1 or %2 "
                "moves on."
            )
            .replace("%1", native_text(_shown_keys(keymap.keys("accept"))[:1]) or "Return")
            .replace("%2", native_text(_shown_keys(keymap.keys("focus_next"))[:1]) or "Tab")
        )
        left += f"<p style='color:#52606d; margin:6px 0 0 0'>{html.escape(number_rule)}</p>"
        right = "".join(table(groups[g], columns[g]) for g in ("document", "edit", "view", "project") if g in columns)
        right += table(self.tr("Mouse"), [f"<tr><td>{html.escape(m)}</td></tr>" for m in mouse])
        where = keymap.user_file or km.user_keymap_path()
        footer = self.tr("Change keys in %1 · any key closes this").replace("%1", html.escape(str(where)))
        title = self.tr("Keyboard shortcuts")
        self.text.setText(
            f"<h2 style='margin:0'>{html.escape(title)}</h2>"
            f"<table width='100%'><tr><td valign='top' style='padding-right:36px'>{left}</td>"
            f"<td valign='top'>{right}</td></tr></table>"
            f"<p style='color:#7b8794; margin-top:12px'>{footer}</p>"
        )

    def show_over_parent(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._place_card()
        self.show()
        self.raise_()
        self.setFocus()

    def _place_card(self) -> None:
        hint = self.card.sizeHint()
        width = min(self.width() - 40, max(hint.width(), 980))
        self.card.setFixedWidth(width)
        height = min(self.height() - 40, self.card.heightForWidth(width) if self.card.hasHeightForWidth() else hint.height())
        self.card.setFixedHeight(max(height, 200))
        self.card.move((self.width() - self.card.width()) // 2, max(20, (self.height() - self.card.height()) // 2))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(31, 41, 51, 120))
        painter.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if parent is not None and watched is parent and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(parent.rect())
            self._place_card()
        return False

    def keyPressEvent(self, event) -> None:
        self.hide()
        event.accept()

    def mousePressEvent(self, event) -> None:
        self.hide()
        event.accept()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        parent = self.parentWidget()
        view = parent.findChild(QWidget, "DocumentView") if parent else None
        if view is not None:
            view.setFocus()


def _shown_keys(keys: tuple[str, ...]) -> tuple[str, ...]:
    """The keys worth listing: Enter next to Return (the keypad's twin) is left out, and at most two."""
    shown = [k for k in keys if not ("Enter" in k and k.replace("Enter", "Return") in keys)]
    return tuple(shown[:2])


def _keycaps(keys: tuple[str, ...]) -> str:
    caps = []
    for key in native_text(keys).split(", "):
        caps.append(
            "<span style='background:#f0f4f8; border:1px solid #cbd2d9; border-radius:3px; "
            f"font-family:monospace'>&nbsp;{html.escape(key)}&nbsp;</span>"
        )
    return " ".join(caps)
