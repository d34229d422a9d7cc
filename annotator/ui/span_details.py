"""What is known about the focused span: label, text, and where it came from (a candidate's source and score)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from annotator.label_schema import LabelSchema
from annotator.review.spans import Span
from annotator.ui import schema_texts, theme
from annotator.ui.coalesce import Coalescer
from annotator.ui.plain_text import plain_label, plain_tooltip, rich_label
from annotator.ui.review_controller import ReviewController

DETAILS_DELAY_MS = 60


def describe_source(source: str) -> str:
    """A candidate's source in words: ``jieba:nr`` -> ``jieba (POS nr)``, ``rule:place`` -> ``rule place``."""
    kind, _, detail = source.partition(":")
    if kind == "jieba" and detail:
        return f"jieba (POS {detail})"
    return f"{kind} {detail}".strip() if detail else kind


def span_tooltip(schema: LabelSchema, spans: list[Span]) -> str:
    """One line per span under the mouse: label, text, and who made it or where it came from."""
    lines = []
    for span in spans:
        label = next((e for e in schema.entities if e.name == span.label), None)
        name = (label.display or label.name) if label else span.label
        if span.is_candidate:
            line = (
                QCoreApplication.translate("SpanTooltip", "Candidate %1 “%2” · %3 · score %4")
                .replace("%1", name)
                .replace("%2", span.text)
                .replace("%3", describe_source(span.source))
                .replace("%4", f"{span.score:.2f}" if span.score is not None else "—")
            )
        else:
            line = QCoreApplication.translate("SpanTooltip", "%1 “%2” · by %3").replace("%1", name).replace("%2", span.text).replace("%3", span.annotator or "?")
        lines.append(line)
    return "\n".join(lines)


class SpanDetails(QScrollArea):
    """The focused span: its text on one line, its label as a tag that never breaks, then the facts.

    Made to fit the small dock it has at the default window size: the text
    is cut to one line (all of it in the tooltip), the facts come after the
    label, and whatever is still too tall scrolls instead of being cut off.
    """

    def __init__(self, controller: ReviewController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SpanDetails")
        self.controller = controller
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(self)
        inner.setObjectName("SpanDetailsBody")
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        self.text = plain_label("", inner)
        self.text.setObjectName("SpanText")
        font = QFont(self.text.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.text.setFont(font)
        # The text changes with every focus; its size must not, or the docks would
        # re-lay out the window (and re-wrap the document) on every keypress.
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        tag_row = QHBoxLayout()
        tag_row.setSpacing(6)
        self.tag = plain_label("", inner)
        self.tag.setObjectName("SpanTag")
        self.where = plain_label("", inner)
        self.where.setObjectName("PanelHint")
        self.where.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        tag_row.addWidget(self.tag)
        tag_row.addWidget(self.where, 1)
        # The app's own markup (a table); every stored value in it is escaped.
        self.body = rich_label(inner)
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.text)
        layout.addLayout(tag_row)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.setWidget(inner)
        self._full_text = ""
        # A moment after the text: laying out rich text is not part of a keypress's feedback.
        self._refresh_later = Coalescer(self.refresh, DETAILS_DELAY_MS, self)
        for signal in (controller.focusChanged, controller.annotationsChanged, controller.documentOpened):
            signal.connect(self._refresh_later.schedule)
        self.refresh()

    def flush(self) -> None:
        self._refresh_later.flush()

    def sizeHint(self) -> QSize:
        return QSize(320, 170)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 80)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        """The span's text on one line, cut with … where the panel ends."""
        width = max(40, self.viewport().width() - 24)
        self.text.setText(self.text.fontMetrics().elidedText(self._full_text, Qt.TextElideMode.ElideRight, width))

    def refresh(self, *_args) -> None:
        span = self.controller.focused_span()
        if span is None:
            state = self.controller.state
            pending = state.pending_count() if state else 0
            hint = self.tr("Tab focuses the next candidate or entity.")
            if pending:
                hint = self.tr("Candidates to review: %1. ").replace("%1", str(pending)) + hint
            self._full_text = ""
            self.text.hide()
            self.tag.hide()
            self.where.setText(hint)
            self.where.setWordWrap(True)
            self.body.setText("")
            self.setToolTip("")
            return
        schema = self.controller.schema
        label = next((e for e in schema.entities if e.name == span.label), None)
        color = theme.label_color(label.color if label else "#888888")
        name = (label.display or label.name) if label else span.label
        self._full_text = span.text
        self.text.show()
        self._elide()
        self.setToolTip(plain_tooltip(span.text))
        self.tag.setText(name)
        self.tag.setStyleSheet(
            f"background: {color.name()}; color: {theme.text_on(color).name()}; border-radius: 3px; padding: 0 5px;"
        )
        self.tag.show()
        self.where.setWordWrap(False)
        self.where.setText(f"{span.label} · {span.start}–{span.end}")
        facts: list[tuple[str, str]] = []
        if span.is_candidate:
            score = f"{span.score:.2f}" if span.score is not None else "—"
            facts.append((self.tr("Status"), self.tr("candidate, not yet decided")))
            facts.append((self.tr("Source"), f"{describe_source(span.source)} · {score}"))
        else:
            origin = span.origin
            if origin.startswith("candidate:"):
                origin = self.tr("accepted candidate from %1").replace("%1", describe_source(origin.split(":", 1)[1]))
            facts.append((self.tr("Origin"), origin))
            facts.append((self.tr("By"), span.annotator or "?"))
            relations = self.controller.state.relations_of(span.key.id) if self.controller.state else []
            if relations:
                facts.append((self.tr("Relations"), str(len(relations))))
        if label is not None and label.description:
            facts.append((self.tr("Label"), schema_texts.shown(label.description)))
        table = "".join(
            f"<tr><td style='color:#7b8794; padding-right:10px; white-space:nowrap'>{html.escape(k)}</td>"
            f"<td>{html.escape(v)}</td></tr>"
            for k, v in facts
        )
        self.body.setText(f"<table cellspacing='0' cellpadding='1'>{table}</table>")
