"""Drawing annotations over the text: tints, bars, label tags, candidates and relation arcs.

What a reviewer needs to read at a glance, in order of weight:

* entities: a soft tint of the label colour behind the text and a solid bar
  under it; nested and crossing entities stack their bars one level lower
  each, so every span stays visible;
* candidates: a dashed outline, no tint: clearly a suggestion, not a fact;
* the focused span: a strong outline and a filled tag with its label;
* relations of the focused entity (never all of them at once): arcs above the
  text from head to tail, with the relation's name on the arc.

Everything is drawn in document coordinates; the caller translates the
painter to the scroll position.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from annotator.review.spans import Span, SpanKey
from annotator.ui import theme

BAR_HEIGHT = 2.5
BAR_PITCH = 4.0
TINT_ALPHA = 52
FOCUS_TINT_ALPHA = 96
CANDIDATE_TINT_ALPHA = 16


@dataclass(frozen=True)
class Arc:
    head: Span
    tail: Span
    label: str
    # drawn dashed: a relation being drawn, not yet made
    preview: bool = False


@dataclass
class PaintScene:
    spans: Sequence[Span]
    levels: dict[SpanKey, int]
    fragments: Callable[[Span], list[QRectF]]
    colors: dict[str, QColor]
    tags: dict[str, str]
    focus: SpanKey | None = None
    # spans outlined as the two ends of a relation (draft or selected relation)
    marked: tuple[SpanKey, ...] = ()
    show_tags: bool = True
    arcs: list[Arc] = field(default_factory=list)
    # find matches (document-coordinate rectangles) and which one is current
    matches: list[list[QRectF]] = field(default_factory=list)
    current_match: int = -1
    # the part that needs painting (document coordinates); None paints everything
    clip: QRectF | None = None

    def needs(self, rects: list[QRectF]) -> bool:
        """Whether any of ``rects`` (with room for bars, tags and outlines) is in the part being painted."""
        if self.clip is None:
            return True
        return any(self.clip.intersects(r.adjusted(-6, -8, 6, 40)) for r in rects)


class SpanPainter:
    def __init__(self) -> None:
        self.tag_font = QFont()
        self.arc_font = QFont()
        self._tag_metrics = QFontMetricsF(self.tag_font)
        self._arc_metrics = QFontMetricsF(self.arc_font)
        self._tag_widths: dict[str, float] = {}

    def _tag_width(self, text: str) -> float:
        width = self._tag_widths.get(text)
        if width is None:
            width = self._tag_widths[text] = self._tag_metrics.horizontalAdvance(text)
        return width

    def set_text_font(self, font: QFont) -> None:
        """Tags and arc labels scale with the text."""
        self.tag_font = QFont(font)
        self.tag_font.setPointSizeF(max(6.5, font.pointSizeF() * 0.62))
        self.tag_font.setWeight(QFont.Weight.DemiBold)
        self.arc_font = QFont(font)
        self.arc_font.setPointSizeF(max(6.5, font.pointSizeF() * 0.66))
        self._tag_metrics = QFontMetricsF(self.tag_font)
        self._arc_metrics = QFontMetricsF(self.arc_font)
        self._tag_widths = {}
        # tints and inks of the label colours, made once: a paint asks for them per span
        self._tints: dict[tuple[int, int], QColor] = {}
        self._inks: dict[int, QColor] = {}

    def _tint(self, color: QColor, alpha: int) -> QColor:
        key = (color.rgba(), alpha)
        tint = self._tints.get(key)
        if tint is None:
            tint = self._tints[key] = theme.with_alpha(color, alpha)
        return tint

    def _ink(self, color: QColor) -> QColor:
        key = color.rgba()
        ink = self._inks.get(key)
        if ink is None:
            ink = self._inks[key] = theme.darker_ink(color)
        return ink

    # --- under the text ------------------------------------------------------------------

    def paint_under(self, painter: QPainter, scene: PaintScene) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        for rects in scene.matches:
            for rect in rects:
                painter.setBrush(theme.FIND_MATCH)
                painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 2, 2)
        if 0 <= scene.current_match < len(scene.matches):
            painter.setBrush(QColor(255, 170, 0, 150))
            for rect in scene.matches[scene.current_match]:
                painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 2, 2)
        for span in scene.spans:
            color = scene.colors.get(span.label, QColor("#888888"))
            if span.is_entity:
                alpha = FOCUS_TINT_ALPHA if span.key == scene.focus else TINT_ALPHA
            else:
                alpha = CANDIDATE_TINT_ALPHA * (3 if span.key == scene.focus else 1)
            rects = scene.fragments(span)
            if not scene.needs(rects):
                continue
            painter.setBrush(self._tint(color, alpha))
            for rect in rects:
                painter.drawRoundedRect(rect.adjusted(-0.5, -1, 0.5, 1), 2.5, 2.5)

    # --- over the text ----------------------------------------------------------------------

    def paint_over(self, painter: QPainter, scene: PaintScene) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        line_depth = self._line_depths(scene)
        tags: list[tuple[QRectF, Span, QColor, bool]] = []
        for span in scene.spans:
            color = scene.colors.get(span.label, QColor("#888888"))
            rects = scene.fragments(span)
            if not rects:
                continue
            focused = span.key == scene.focus
            level = scene.levels.get(span.key, 0)
            if scene.needs(rects):
                if span.is_entity:
                    self._entity_bars(painter, rects, level, color)
                else:
                    self._candidate_outline(painter, rects, level, color, focused)
            if focused or (scene.show_tags and span.is_entity):
                tags.append((rects[0], span, color, focused))
        for key in scene.marked:
            span = next((s for s in scene.spans if s.key == key), None)
            if span is not None:
                self._outline(painter, scene.fragments(span), theme.RELATION_INK, dashed=False, width=1.6)
        focused_span = next((s for s in scene.spans if s.key == scene.focus), None)
        if focused_span is not None:
            color = scene.colors.get(focused_span.label, QColor("#888888"))
            self._outline(painter, scene.fragments(focused_span), theme.darker_ink(color), dashed=focused_span.is_candidate, width=2.0)
        self._tags(painter, tags, scene, line_depth)
        for index, arc in enumerate(scene.arcs):
            self._arc(painter, arc, scene, index)

    def _line_depths(self, scene: PaintScene) -> dict[int, int]:
        """How many bar levels each visible line uses, so tags go below all of them."""
        depths: dict[int, int] = {}
        for span in scene.spans:
            level = scene.levels.get(span.key, 0)
            for rect in scene.fragments(span):
                key = round(rect.bottom())
                depths[key] = max(depths.get(key, 0), level + 1)
        return depths

    def _entity_bars(self, painter: QPainter, rects: list[QRectF], level: int, color: QColor) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        for rect in rects:
            y = rect.bottom() + 2 + level * BAR_PITCH
            painter.drawRoundedRect(QRectF(rect.left(), y, rect.width(), BAR_HEIGHT), 1, 1)

    def _candidate_outline(self, painter: QPainter, rects: list[QRectF], level: int, color: QColor, focused: bool) -> None:
        # Square corners on whole pixels, without antialiasing: a dashed, antialiased,
        # rounded outline costs a millisecond each to stroke, and a page has hundreds.
        pen = QPen(theme.with_alpha(color, 235 if focused else 210), 1)
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setDashPattern([3, 2])
        pen.setCosmetic(True)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = min(level, 2) * 2
        for rect in rects:
            painter.drawRect(rect.adjusted(-1 + inset, -2 + inset, 1 - inset, 2 - inset).toAlignedRect())
        painter.restore()

    def _outline(self, painter: QPainter, rects: list[QRectF], color: QColor, *, dashed: bool, width: float) -> None:
        pen = QPen(color, width)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setDashPattern([3, 2])
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in rects:
            painter.drawRoundedRect(rect.adjusted(-2, -2.5, 2, 2.5), 3.5, 3.5)

    def _tags(self, painter: QPainter, tags, scene: PaintScene, line_depth: dict[int, int]) -> None:
        """Label names under the bars; a tag that would overlap the one before it on its line is left out."""
        painter.setFont(self.tag_font)
        metrics = self._tag_metrics
        height = metrics.height()
        # Focused tags first so they always win their place.
        tags.sort(key=lambda item: (not item[3], item[0].top(), item[0].left()))
        placed: dict[int, list[QRectF]] = {}
        for rect, span, color, focused in tags:
            line = round(rect.bottom())
            depth = line_depth.get(line, 1)
            text = scene.tags.get(span.label, span.label)
            if span.is_candidate and span.score is not None:
                text = f"{text} {span.score:.2f}"
            width = self._tag_width(text) + (8 if focused else 2)
            box = QRectF(rect.left(), rect.bottom() + 3 + depth * BAR_PITCH, width, height)
            padded = box.adjusted(-3, 0, 3, 0)
            on_line = placed.setdefault(line, [])
            if not focused and any(padded.intersects(p) for p in on_line):
                continue
            on_line.append(box)
            if scene.clip is not None and not scene.clip.intersects(box):
                continue
            if focused:
                painter.setPen(Qt.PenStyle.NoPen)
                fill = color if span.is_entity else theme.PAPER
                painter.setBrush(fill)
                painter.drawRoundedRect(box, height / 2, height / 2)
                if span.is_candidate:
                    pen = QPen(theme.darker_ink(color), 1)
                    pen.setStyle(Qt.PenStyle.DashLine)
                    painter.setPen(pen)
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRoundedRect(box, height / 2, height / 2)
                painter.setPen(theme.text_on(color) if span.is_entity else theme.darker_ink(color))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            else:
                painter.setPen(self._ink(color))
                painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    def _arc_path(self, arc: Arc, scene: PaintScene, index: int = 0) -> QPainterPath | None:
        head_rects, tail_rects = scene.fragments(arc.head), scene.fragments(arc.tail)
        if not head_rects or not tail_rects:
            return None
        head, tail = head_rects[0], tail_rects[0]
        start = QPointF(head.center().x(), head.top() - 3)
        end = QPointF(tail.center().x(), tail.top() - 3)
        top = min(start.y(), end.y())
        # Low arcs: they rise into the room between lines, and only far-apart ends need more.
        rise = min(44.0, 10.0 + abs(end.x() - start.x()) * 0.06 + abs(end.y() - start.y()) * 0.15)
        # Several arcs from one entity: each a little higher, so their names do not sit on each other.
        rise += index * 13.0
        control_y = top - rise
        path = QPainterPath(start)
        path.cubicTo(QPointF(start.x(), control_y), QPointF(end.x(), control_y), end)
        return path

    def arcs_bounds(self, scene: PaintScene) -> QRectF:
        """Everything the arcs cover, labels included (document coordinates)."""
        bounds = QRectF()
        for index, arc in enumerate(scene.arcs):
            path = self._arc_path(arc, scene, index)
            if path is not None:
                label_width = self._arc_metrics.horizontalAdvance(arc.label) + 12
                bounds = bounds.united(path.boundingRect().adjusted(-label_width / 2, -20, label_width / 2, 10))
        return bounds

    def _arc(self, painter: QPainter, arc: Arc, scene: PaintScene, index: int = 0) -> None:
        path = self._arc_path(arc, scene, index)
        if path is None:
            return
        end = path.pointAtPercent(1.0)
        pen = QPen(theme.with_alpha(theme.RELATION_INK, 220), 1.6)
        if arc.preview:
            pen.setStyle(Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        # Arrow head at the tail, along the curve's last direction.
        tip = end
        before = path.pointAtPercent(0.96)
        direction = QLineF(tip, before)
        left = QLineF(tip, before)
        left.setLength(7)
        left.setAngle(direction.angle() + 25)
        right = QLineF(tip, before)
        right.setLength(7)
        right.setAngle(direction.angle() - 25)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.RELATION_INK)
        painter.drawPolygon(QPolygonF([tip, left.p2(), right.p2()]))
        # The relation's name on the arc.
        painter.setFont(self.arc_font)
        metrics = self._arc_metrics
        middle = path.pointAtPercent(0.5)
        width = metrics.horizontalAdvance(arc.label) + 10
        height = metrics.height() + 2
        box = QRectF(middle.x() - width / 2, middle.y() - height / 2, width, height)
        painter.setBrush(theme.with_alpha(theme.PAPER, 225))
        border = QPen(theme.RELATION_INK, 1)
        if arc.preview:
            border.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(border)
        painter.drawRoundedRect(box, height / 2, height / 2)
        painter.setPen(theme.RELATION_INK)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, arc.label)
