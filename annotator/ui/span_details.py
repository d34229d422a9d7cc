"""What is known about the focused span: label, text, and where it came from (a candidate's source and score)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from annotator.label_schema import LabelSchema
from annotator.review.spans import Span
from annotator.ui import theme
from annotator.ui.coalesce import Coalescer
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


class SpanDetails(QWidget):
    def __init__(self, controller: ReviewController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SpanDetails")
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The text changes with every focus; its size must not, or the docks would
        # re-lay out the window (and re-wrap the document) on every keypress.
        self.body.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.body)
        layout.addStretch(1)
        # A moment after the text: laying out rich text is not part of a keypress's feedback.
        self._refresh_later = Coalescer(self.refresh, DETAILS_DELAY_MS, self)
        for signal in (controller.focusChanged, controller.annotationsChanged, controller.documentOpened):
            signal.connect(self._refresh_later.schedule)
        self.refresh()

    def flush(self) -> None:
        self._refresh_later.flush()

    def sizeHint(self) -> QSize:
        return QSize(320, 180)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 80)

    def refresh(self, *_args) -> None:
        span = self.controller.focused_span()
        if span is None:
            state = self.controller.state
            pending = state.pending_count() if state else 0
            hint = self.tr("Tab focuses the next candidate or entity.")
            if pending:
                hint = self.tr("Candidates to review: %1. ").replace("%1", str(pending)) + hint
            self.body.setText(f"<span style='color:#7b8794'>{html.escape(hint)}</span>")
            return
        schema = self.controller.schema
        label = next((e for e in schema.entities if e.name == span.label), None)
        color = theme.label_color(label.color if label else "#888888")
        name = (label.display or label.name) if label else span.label
        rows = [
            f"<div style='font-size:15pt; margin-bottom:4px'>{html.escape(span.text)}</div>",
            (
                f"<span style='background:{color.name()}; color:{theme.text_on(color).name()}; "
                f"border-radius:3px'>&nbsp;{html.escape(name)}&nbsp;</span>&nbsp;"
                f"<span style='color:#9aa5b1'>{html.escape(span.label)} · {span.start}–{span.end}</span>"
            ),
        ]
        facts: list[tuple[str, str]] = []
        if span.is_candidate:
            facts.append((self.tr("Status"), self.tr("candidate, not yet decided")))
            facts.append((self.tr("Source"), describe_source(span.source)))
            facts.append((self.tr("Score"), f"{span.score:.2f}" if span.score is not None else "—"))
        else:
            origin = span.origin
            if origin.startswith("candidate:"):
                origin = self.tr("accepted candidate from %1").replace("%1", describe_source(origin.split(":", 1)[1]))
            facts.append((self.tr("Origin"), origin))
            facts.append((self.tr("By"), span.annotator or "?"))
            relations = self.controller.state.relations_of(span.key.id)
            if relations:
                facts.append((self.tr("Relations"), str(len(relations))))
        if label is not None and label.description:
            facts.append((self.tr("Label"), label.description))
        table = "".join(
            f"<tr><td style='color:#7b8794; padding-right:10px'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
            for k, v in facts
        )
        self.body.setText("".join(rows) + f"<table style='margin-top:8px'>{table}</table>")
