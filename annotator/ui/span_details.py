"""What is known about the focused span: label, text, and where it came from (a candidate's source and score)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from annotator.ui import theme
from annotator.ui.review_controller import ReviewController


def describe_source(source: str) -> str:
    """A candidate's source in words: ``jieba:nr`` -> ``jieba (POS nr)``, ``rule:place`` -> ``rule place``."""
    kind, _, detail = source.partition(":")
    if kind == "jieba" and detail:
        return f"jieba (POS {detail})"
    return f"{kind} {detail}".strip() if detail else kind


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
        layout.addWidget(self.body)
        layout.addStretch(1)
        for signal in (controller.focusChanged, controller.annotationsChanged, controller.documentOpened):
            signal.connect(self.refresh)
        self.refresh()

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
            f"<span style='background:{color.name()}; color:{theme.text_on(color).name()}; "
            f"border-radius:3px'>&nbsp;{html.escape(name)}&nbsp;</span>&nbsp;"
            f"<span style='color:#9aa5b1'>{html.escape(span.label)} · {span.start}–{span.end}</span>",
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
