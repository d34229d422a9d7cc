"""What the text shows of relations: which arcs to draw, and the banner while a relation is being drawn.

Arcs are drawn only for what the reviewer is looking at (drawing every arc
at once makes brat and Label Studio unreadable): the focused entity's
relations, the relation picked in the list, or the relation being drawn.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QWidget

from annotator.review.spans import Span, SpanKey, SpanKind
from annotator.ui import theme
from annotator.ui.review_controller import ReviewController
from annotator.ui.span_painter import Arc


def relation_arcs(
    controller: ReviewController, visible: list[Span], highlighted_relation: int | None
) -> tuple[list[Arc], tuple[SpanKey, ...], list[Span]]:
    """(arcs, spans to outline as relation ends, spans off screen the arcs need)."""
    state = controller.state
    if state is None:
        return [], (), []
    visible_keys = {s.key for s in visible}
    extra: dict[SpanKey, Span] = {}

    def entity(entity_id: int | None) -> Span | None:
        span = state.entity_span(entity_id) if entity_id is not None else None
        if span is not None and span.key not in visible_keys:
            extra[span.key] = span
        return span

    names = {r.name: r.display or r.name for r in controller.schema.relations}
    arcs: list[Arc] = []
    draft = controller.draft
    if draft is not None:
        head = entity(draft.head.id)
        marked = [head.key] if head else []
        if draft.tail is not None:
            tail = entity(draft.tail.id)
            if head and tail:
                marked.append(tail.key)
                choices = draft.choices(state.relations)
                label = "  ".join(f"{c.number} {names.get(c.relation.name)}" for c in choices) or "✕"
                arcs.append(Arc(head, tail, label, preview=True))
        return arcs, tuple(marked), list(extra.values())
    if highlighted_relation is not None:
        relations = [r for r in state.relations if r.id == highlighted_relation]
    elif controller.focus is not None and controller.focus.kind == SpanKind.ENTITY:
        relations = state.relations_of(controller.focus.id)
    else:
        relations = []
    marked = []
    for relation in relations:
        head, tail = entity(relation.head_id), entity(relation.tail_id)
        if head and tail:
            arcs.append(Arc(head, tail, names.get(relation.label, relation.label)))
            marked += [head.key, tail.key]
    return arcs, tuple(k for k in marked if k != controller.focus), list(extra.values())


def every_arc_set(controller: ReviewController) -> list[list[Arc]]:
    """The arcs drawn when each entity that has relations is focused: what the room above the lines must hold."""
    state = controller.state
    if state is None or not state.relations:
        return []
    names = {r.name: r.display or r.name for r in controller.schema.relations}
    ends = {end for relation in state.relations for end in (relation.head_id, relation.tail_id)}
    sets = []
    for entity_id in sorted(ends):
        arcs = []
        for relation in state.relations_of(entity_id):
            head, tail = state.entity_span(relation.head_id), state.entity_span(relation.tail_id)
            if head is not None and tail is not None:
                arcs.append(Arc(head, tail, names.get(relation.label, relation.label)))
        sets.append(arcs)
    return sets


def draft_banner_text(controller: ReviewController) -> str | None:
    """What the keys do now, while a relation is being drawn; None when none is."""
    draft = controller.draft
    if draft is None:
        return None
    if draft.tail is None:
        return (
            QCoreApplication.translate("RelationOverlay", "Relation from “%1” (%2): Tab to the tail entity or click it · Esc cancels")
            .replace("%1", draft.head.text)
            .replace("%2", draft.head.label)
        )
    choices = draft.choices(controller.state.relations if controller.state else [])
    if not choices:
        return (
            QCoreApplication.translate("RelationOverlay", "No relation type goes from %1 to %2 · Tab to another entity · Esc cancels")
            .replace("%1", draft.head.label)
            .replace("%2", draft.tail.label)
        )
    names = {r.name: r.display or r.name for r in controller.schema.relations}
    options = "   ".join(
        f"{c.number} {names[c.relation.name]}" + (QCoreApplication.translate("RelationOverlay", " (exists)") if c.exists else "") for c in choices
    )
    return (
        QCoreApplication.translate("RelationOverlay", "“%1” → “%2”:   %3   · Esc cancels")
        .replace("%1", draft.head.text)
        .replace("%2", draft.tail.text)
        .replace("%3", options)
    )


def paint_banner(widget: QWidget, text: str) -> None:
    """A dark bar at the bottom of ``widget``, where it covers the least of what is being read."""
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(widget.font())
    font.setPointSizeF(max(9.0, widget.font().pointSizeF()))
    painter.setFont(font)
    metrics = painter.fontMetrics()
    width = min(widget.width() - 16, metrics.horizontalAdvance(text) + 24)
    height = metrics.height() + 12
    box = QRect((widget.width() - width) // 2, widget.height() - height - 10, width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(theme.with_alpha(theme.RELATION_INK, 235))
    painter.drawRoundedRect(box, 6, 6)
    painter.setPen(theme.PAPER)
    painter.drawText(
        box.adjusted(12, 0, -12, 0),
        Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
        metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 24),
    )
    painter.end()
