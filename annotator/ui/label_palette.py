"""The label palette: each entity label with its colour, key and count in this document; relation types below.

Clicking a label does what its key does: labels the selection, or relabels
the focused span.
"""

from __future__ import annotations

import html
from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from annotator.review.label_keys import key_for_label
from annotator.ui import schema_texts, theme
from annotator.ui.coalesce import Coalescer
from annotator.ui.plain_text import plain_label, plain_tooltip, rich_label
from annotator.ui.review_controller import ReviewController

# The counts catch up a moment after the text (a keypress repaints the text first).
COUNTS_DELAY_MS = 120


class LabelRow(QFrame):
    clicked = Signal(str)

    def __init__(self, name: str, display: str, color: QColor, key: str, description: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName("LabelRow")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(plain_tooltip(description))
        self.setStyleSheet(
            "#LabelRow { border-radius: 6px; } #LabelRow:hover { background: #e8eef7; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 8, 4)
        layout.setSpacing(8)
        badge = plain_label(key or " ", self)
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge.setFixedWidth(22)
        badge.setStyleSheet(
            "border: 1px solid #cbd2d9; border-bottom-width: 2px; border-radius: 4px; "
            "background: #ffffff; color: #3e4c59; font-weight: 600;"
        )
        chip = plain_label("", self)
        chip.setFixedSize(12, 12)
        chip.setStyleSheet(
            f"background: {color.name()}; border-radius: 3px; border: 1px solid {theme.darker_ink(color).name()};"
        )
        title = plain_label(display, self)
        title.setStyleSheet("color: #1f2933;")
        code = plain_label(name if name != display else "", self)
        code.setStyleSheet("color: #9aa5b1;")
        self.count = plain_label("", self)
        self.count.setStyleSheet("color: #616e7c;")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(badge)
        layout.addWidget(chip)
        layout.addWidget(title)
        layout.addWidget(code)
        layout.addStretch(1)
        layout.addWidget(self.count)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.name)
        super().mouseReleaseEvent(event)


class LabelPalette(QScrollArea):
    # a label was clicked; the window applies it like the label's key
    picked = Signal(str)

    def __init__(self, controller: ReviewController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LabelPalette")
        self.controller = controller
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.rows: dict[str, LabelRow] = {}
        self._counts_later = Coalescer(self.refresh_counts, COUNTS_DELAY_MS, self)
        self.rebuild()
        controller.documentOpened.connect(self._counts_later.schedule)
        controller.annotationsChanged.connect(self._counts_later.schedule)

    def rebuild(self) -> None:
        """Build the rows from the schema (again, after the schema was edited)."""
        schema = self.controller.schema
        body = QWidget(self)
        body.setObjectName("PaletteBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(1)
        keys = key_for_label(schema)
        self.rows = {}
        for label in schema.entities:
            row = LabelRow(
                label.name, label.display or label.name, theme.label_color(label.color), keys.get(label.name, ""),
                schema_texts.shown(label.description), body,
            )
            row.clicked.connect(self.picked)
            layout.addWidget(row)
            self.rows[label.name] = row
        if schema.relations:
            heading = plain_label(self.tr("Relations — R, Tab to the tail, then its number"), body)
            heading.setObjectName("PanelHint")
            heading.setWordWrap(True)
            heading.setContentsMargins(6, 10, 6, 2)
            layout.addWidget(heading)
            for relation in schema.relations:
                heads = "/".join(relation.heads) or self.tr("any")
                tails = "/".join(relation.tails) or self.tr("any")
                arrow = "→" if relation.directed else "↔"
                # Rich text for the grey part; every name in it is escaped.
                relation_row = rich_label(body)
                relation_row.setText(
                    f"{html.escape(relation.display or relation.name)}   "
                    f"<span style='color:#9aa5b1'>{html.escape(heads)} {arrow} {html.escape(tails)}</span>"
                )
                relation_row.setToolTip(plain_tooltip(schema_texts.shown(relation.description)))
                relation_row.setContentsMargins(8, 2, 6, 2)
                layout.addWidget(relation_row)
        layout.addStretch(1)
        self.setWidget(body)
        self.refresh_counts()

    def flush(self) -> None:
        self._counts_later.flush()

    def refresh_counts(self, *_args) -> None:
        state = self.controller.state
        counts = Counter(s.label for s in state.spans if s.is_entity) if state else Counter()
        for name, row in self.rows.items():
            row.count.setText(str(counts[name]) if counts[name] else "")
