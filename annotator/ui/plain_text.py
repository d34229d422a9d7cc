"""Stored text is shown as text: never read as markup, never loading anything.

Titles, file names, annotator names, labels and document text come from
files people import and databases they share. Qt guesses whether a string
is HTML (``Qt.TextFormat.AutoText``), so a headline holding
``<img src="file:///...">`` would load a local image and ``<b>`` would turn
bold. Every label in the app therefore says which format it has: plain
text, or rich text whose every stored value went through ``html.escape``.
Tooltips have no such setting: ``plain_tooltip`` escapes the text and says
it is rich text, so Qt never guesses.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows ``text`` (and whatever is set later) exactly as it is."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def rich_label(parent: QWidget | None = None) -> QLabel:
    """A label for markup the app writes itself; stored values in it must be escaped (``html.escape``)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def make_plain(widget: QWidget) -> None:
    """Every label under ``widget`` that has not chosen rich text shows plain text (for dialogs built elsewhere)."""
    for label in widget.findChildren(QLabel):
        if label.textFormat() == Qt.TextFormat.AutoText:
            label.setTextFormat(Qt.TextFormat.PlainText)


def plain_message_box(parent: QWidget | None, title: str, text: str, icon=QMessageBox.Icon.Warning) -> QMessageBox:
    """A message box whose text (often naming a file or a record) shows as it is."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def menu_text(text: str) -> str:
    """``text`` for a menu entry or a button: an ``&`` in a name is shown, not taken as a shortcut mark."""
    return text.replace("&", "&&")


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as it is, line breaks kept."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap; margin:0'>" + html.escape(text).replace("\n", "<br>") + "</p>"
