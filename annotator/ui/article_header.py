"""The top of the document: title, kicker and subtitle, byline, provenance, import flags, status and topic.

Metadata comes from the importer and its shape varies (a byline is a
table of reporters and correspondents, or a plain string; flags are tables
with a message and an offset, or plain strings). Whatever is there is shown;
nothing is required. Clicking a flag scrolls the text to where it points.

Everything here comes from imported files, so every label shows plain text:
a headline holding ``<img src=...>`` or ``<b>`` shows those characters and
loads nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from annotator.model import Document, Status
from annotator.ui.flag_text import flag_text
from annotator.ui.plain_text import plain_tooltip
from annotator.ui.review_controller import ReviewController

STATUS_COLORS = {
    Status.TODO: ("#52606d", "#e4e7eb"),
    Status.IN_PROGRESS: ("#8d4b00", "#ffeccc"),
    Status.DONE: ("#1d6b3a", "#dcf5e3"),
    Status.SKIPPED: ("#52606d", "#f0f0f0"),
}

_BYLINE_ROLES = ("reporters", "correspondents", "photographers", "others")


def _joined(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value if v)
    return str(value)


def describe_byline(byline: Any, role_names: dict[str, str]) -> str:
    """A byline table (reporters, correspondents, place, date) as one line of text."""
    if isinstance(byline, str):
        return byline
    if not isinstance(byline, dict):
        return ""
    parts = []
    for role in _BYLINE_ROLES:
        names = byline.get(role)
        if names:
            parts.append(f"{role_names.get(role, role)} {_joined(names)}")
    where_when = " ".join(_joined(byline.get(k)) for k in ("agency", "place", "date") if byline.get(k))
    if where_when:
        parts.append(where_when)
    return " · ".join(parts) or _joined(byline.get("raw"))


def flag_entries(flags: Any) -> list[tuple[str, int | None]]:
    """(message, offset) for each import flag, whatever form the importer used."""
    entries: list[tuple[str, int | None]] = []
    for flag in flags if isinstance(flags, list) else []:
        if isinstance(flag, dict):
            message = str(flag.get("message") or flag.get("kind") or "")
            offset = flag.get("offset")
            entries.append((message, offset if isinstance(offset, int) else None))
        elif flag:
            entries.append((str(flag), None))
    return entries


class FlagLabel(QLabel):
    """One import flag; clicking it asks to show its place in the text."""

    clicked = Signal(int)

    def __init__(self, message: str, offset: int | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText("⚑ " + flag_text(message))
        self.setObjectName("ImportFlag")
        self.setWordWrap(True)
        self.offset = offset
        if offset is not None:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip(self.tr("Click to see the place in the text"))

    def mousePressEvent(self, event) -> None:
        if self.offset is not None:
            self.clicked.emit(self.offset)
        super().mousePressEvent(event)


class ArticleHeader(QWidget):
    # the reviewer clicked an import flag that points into the text
    flagActivated = Signal(int)

    def __init__(self, controller: ReviewController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ArticleHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 14, 28, 12)
        layout.setSpacing(4)

        self.kicker = self._label("ArticleMeta")
        self.title = self._label("ArticleTitle")
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.7)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(title_font)
        self.subtitle = self._label("ArticleMeta")
        self.byline = self._label("ArticleMeta")
        self.provenance = self._label("ArticleMeta")
        small = QFont(self.provenance.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.provenance.setFont(small)

        chips = QHBoxLayout()
        chips.setSpacing(6)
        self.status_chip = self._label("StatusChip")
        self.doc_label_chips = QHBoxLayout()
        self.doc_label_chips.setSpacing(6)
        chips.addWidget(self.status_chip)
        chips.addLayout(self.doc_label_chips)
        chips.addStretch(1)

        self._doc_label_chips: list[QLabel] = []
        self._chips_shown: tuple | None = None
        self.flags = QVBoxLayout()
        self.flags.setSpacing(3)
        for widget in (self.kicker, self.title, self.subtitle, self.byline, self.provenance):
            layout.addWidget(widget)
        layout.addLayout(chips)
        layout.addLayout(self.flags)

        controller.documentOpened.connect(self.refresh)
        controller.annotationsChanged.connect(self._refresh_chips)
        controller.documentsChanged.connect(self._refresh_chips)
        self.refresh()

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        return label

    def refresh(self, *_args) -> None:
        state = self.controller.state
        document = state.document if state else None
        meta = document.meta if document else {}
        self._set(self.kicker, _joined(meta.get("kicker")) + ("  ·  " + _joined(meta.get("section")) if meta.get("section") else ""))
        self._set(self.title, (document.title or self.tr("(untitled)")) if document else self.tr("No document open"))
        self._set(self.subtitle, _joined(meta.get("subtitle")))
        roles = {
            "reporters": self.tr("Reporter"),
            "correspondents": self.tr("Correspondent"),
            "photographers": self.tr("Photo"),
            "others": self.tr("Also"),
        }
        self._set(self.byline, describe_byline(meta.get("byline"), roles))
        self._set(self.provenance, self._provenance_text(document) if document else "")
        self._refresh_flags(flag_entries(meta.get("flags")))
        self._chips_shown = None
        self._refresh_chips()

    def _provenance_text(self, document: Document) -> str:
        provenance = document.provenance
        kinds = {
            "news": self.tr("news"),
            "feature": self.tr("feature"),
            "photo": self.tr("photo"),
            "text": self.tr("text"),
        }
        parts = [kinds.get(document.kind, document.kind), document.id]
        if provenance is not None:
            pieces = len(provenance.pieces)
            files = sorted({p.file for p in provenance.pieces} or {provenance.file})
            source = ", ".join(files)
            parts.append(self.tr("from %1").replace("%1", source))
            if pieces > 1:
                parts.append(self.tr("pieces: %1").replace("%1", str(pieces)))
            self.provenance.setToolTip(
                plain_tooltip("\n".join(f"{p.file}  {p.src_start}–{p.src_end}  →  {p.start}–{p.end}" for p in provenance.pieces))
            )
        parts.append(self.tr("length %1").replace("%1", str(len(document.text))))
        return "  ·  ".join(parts)

    def _refresh_flags(self, entries: list[tuple[str, int | None]]) -> None:
        while self.flags.count():
            item = self.flags.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        for message, offset in entries[:6]:
            label = FlagLabel(message, offset, self)
            label.clicked.connect(self.flagActivated)
            self.flags.addWidget(label)
        if len(entries) > 6:
            more = QLabel(self)
            more.setTextFormat(Qt.TextFormat.PlainText)
            more.setText(self.tr("… flags not shown: %1").replace("%1", str(len(entries) - 6)))
            more.setObjectName("ArticleMeta")
            self.flags.addWidget(more)

    def _refresh_chips(self, *_args) -> None:
        state = self.controller.state
        if state is None:
            self.status_chip.hide()
            return
        shown = (state.document.status, state.document.status_reason, tuple(sorted(state.doc_labels.items())))
        if shown == self._chips_shown:
            return  # most changes are to spans; rebuilding the chips would re-lay out the window
        self._chips_shown = shown
        status = state.document.status
        names = {
            Status.TODO: self.tr("To do"),
            Status.IN_PROGRESS: self.tr("In progress"),
            Status.DONE: self.tr("Done"),
            Status.SKIPPED: self.tr("Skipped"),
        }
        text = names[status]
        if status is Status.SKIPPED and state.document.status_reason:
            text += f": {state.document.status_reason}"
        ink, paper = STATUS_COLORS[status]
        self.status_chip.setText(text)
        self.status_chip.setStyleSheet(f"color: {ink}; background: {paper};")
        self.status_chip.show()
        schema = self.controller.schema
        for index, doc_label in enumerate(schema.document_labels):
            if index >= len(self._doc_label_chips):
                chip = QLabel(self)
                chip.setTextFormat(Qt.TextFormat.PlainText)
                chip.setObjectName("DocLabelChip")
                self.doc_label_chips.addWidget(chip)
                self._doc_label_chips.append(chip)
            chip = self._doc_label_chips[index]
            value = state.doc_labels.get(doc_label.name)
            name = doc_label.display or doc_label.name
            chip.setText(f"{name}: {value}" if value else self.tr("%1: not set (D)").replace("%1", name))
            chip.setStyleSheet("" if value else "color: #7b8794; background: #f0f4f8;")
            chip.show()
        for chip in self._doc_label_chips[len(schema.document_labels) :]:
            chip.hide()

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))
