"""Drawing annotations over the text: tints, bars, label tags, candidates and relation arcs.

What a reviewer needs to read at a glance, in order of weight:

* entities: a soft tint of the label colour behind the text and a solid bar
  under it; nested and crossing entities stack their bars one level lower
  each, and their label names one row lower each, so every span and every
  label stays visible;
* candidates: a dashed outline with solid ends, no tint: clearly a
  suggestion, not a fact; where two spans touch, a gap and their ends show
  where one stops and the next begins;
* the focused span: a strong outline and a filled tag with its label;
* relations of the focused entity (never all of them at once): arcs in
  tiers above the line, from head to tail, with the relation's name on the
  arc (``arc_layout`` places them; the view keeps room for them).

Everything is drawn in document coordinates; the caller translates the
painter to the scroll position. The painter draws the text's annotations,
never the text: stored text is only ever drawn as plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
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
from annotator.ui.arc_layout import Segment

BAR_HEIGHT = 2.5
BAR_PITCH = 4.0
# Room between the top of the text and the lowest tier of arcs.
ARC_BASE = 4.0
# Left between two spans that touch, so each one's ends show.
END_GAP = 1.0
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
    # stacking levels: ``levels`` of every span (candidates' outlines step inwards by it),
    # ``entity_levels`` among entities alone (bars and label rows)
    levels: dict[SpanKey, int]
    fragments: Callable[[Span], list[QRectF]]
    colors: dict[str, QColor]
    tags: dict[str, str]
    focus: SpanKey | None = None
    # spans outlined as the two ends of a relation (draft or selected relation)
    marked: tuple[SpanKey, ...] = ()
    show_tags: bool = True
    entity_levels: dict[SpanKey, int] = field(default_factory=dict)
    arcs: list[Arc] = field(default_factory=list)
    # where each arc is drawn, line by line (see arc_layout)
    segments: list[Segment] = field(default_factory=list)
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
        # what the last paint put where (document coordinates): label names and arc labels,
        # with their text; for hit tests and for the tests that check nothing overlaps
        self.drawn_tags: list[tuple[str, QRectF]] = []
        self.drawn_arc_labels: list[tuple[str, QRectF]] = []

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
                # Inside the glyph box at the ends, like the bars: touching entities keep a seam.
                painter.drawRoundedRect(rect.adjusted(END_GAP / 2, -1, -END_GAP / 2, 1), 2.5, 2.5)

    # --- over the text ----------------------------------------------------------------------

    def paint_over(self, painter: QPainter, scene: PaintScene) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.drawn_tags, self.drawn_arc_labels = [], []
        line_depth = self._line_depths(scene)
        tags: list[tuple[QRectF, Span, QColor, bool]] = []
        for span in scene.spans:
            color = scene.colors.get(span.label, QColor("#888888"))
            rects = scene.fragments(span)
            if not rects:
                continue
            focused = span.key == scene.focus
            if scene.needs(rects):
                if span.is_entity:
                    self._entity_bars(painter, rects, scene.entity_levels.get(span.key, 0), color)
                else:
                    self._candidate_outline(painter, rects, scene.levels.get(span.key, 0), color, focused)
            if focused or (scene.show_tags and span.is_entity):
                tags.append((rects[0], span, color, focused))
        for key in scene.marked:
            marked = next((s for s in scene.spans if s.key == key), None)
            if marked is not None:
                self._outline(painter, scene.fragments(marked), theme.RELATION_INK, dashed=False, width=1.6)
        focused_span = next((s for s in scene.spans if s.key == scene.focus), None)
        if focused_span is not None:
            color = scene.colors.get(focused_span.label, QColor("#888888"))
            self._outline(painter, scene.fragments(focused_span), theme.darker_ink(color), dashed=focused_span.is_candidate, width=2.0)
        self._tags(painter, tags, scene, line_depth)
        self._arcs(painter, scene)

    def _line_depths(self, scene: PaintScene) -> dict[int, int]:
        """How many rows of bars (and of label names) each visible line uses: its entities' deepest nesting."""
        depths: dict[int, int] = {}
        for span in scene.spans:
            if not span.is_entity:
                continue
            level = scene.entity_levels.get(span.key, 0)
            for rect in scene.fragments(span):
                key = round(rect.bottom())
                depths[key] = max(depths.get(key, 0), level + 1)
        return depths

    def tag_row_height(self) -> float:
        """How far apart rows of label names are (the view keeps room for nested entities' rows)."""
        return self._tag_metrics.height() + 1

    def tier_height(self) -> float:
        """How far apart tiers of arcs are (the view keeps room for the tiers above each line)."""
        return self._arc_metrics.height() + 7

    def _entity_bars(self, painter: QPainter, rects: list[QRectF], level: int, color: QColor) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        for rect in rects:
            y = rect.bottom() + 2 + level * BAR_PITCH
            # A hair short at both ends, so the bars of two entities that touch stay two bars.
            painter.drawRoundedRect(QRectF(rect.left() + END_GAP, y, max(1.0, rect.width() - 2 * END_GAP), BAR_HEIGHT), 1, 1)

    def _candidate_outline(self, painter: QPainter, rects: list[QRectF], level: int, color: QColor, focused: bool) -> None:
        # Square corners on whole pixels, without antialiasing: a dashed, antialiased,
        # rounded outline costs a millisecond each to stroke, and a page has hundreds.
        ink = theme.with_alpha(color, 235 if focused else 210)
        dashed = QPen(ink, 1)
        dashed.setStyle(Qt.PenStyle.DashLine)
        dashed.setDashPattern([3, 2])
        dashed.setCosmetic(True)
        solid = QPen(ink, 1)
        solid.setCosmetic(True)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = min(level, 2) * 2
        for index, rect in enumerate(rects):
            # Inside the glyph box by a pixel at each end: two candidates that touch
            # (工会主席|孙超) keep a gap between them, and each shows its own solid ends.
            box = rect.adjusted(END_GAP + inset, -2 + inset, -END_GAP - inset, 2 - inset).toAlignedRect()
            painter.setPen(dashed)
            painter.drawLine(box.topLeft(), box.topRight())
            painter.drawLine(box.bottomLeft(), box.bottomRight())
            painter.setPen(solid)
            if index == 0:  # where the span starts (a span over two lines has one start and one end)
                painter.drawLine(box.topLeft(), box.bottomLeft())
                painter.drawLine(box.topLeft(), box.topLeft() + QPoint(2, 0))
                painter.drawLine(box.bottomLeft(), box.bottomLeft() + QPoint(2, 0))
            if index == len(rects) - 1:
                painter.drawLine(box.topRight(), box.bottomRight())
                painter.drawLine(box.topRight(), box.topRight() - QPoint(2, 0))
                painter.drawLine(box.bottomRight(), box.bottomRight() - QPoint(2, 0))
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
        """Label names under the bars, one row per level of nesting.

        A nested entity's name goes on its own row (its level), so the
        inner LOC of an ORG shows its name under the ORG's. A name that
        would still touch another one on the rows its line has room for is
        left out (its tooltip and the focus still tell); the focused span's
        name is always drawn.
        """
        painter.setFont(self.tag_font)
        metrics = self._tag_metrics
        height = metrics.height()
        row_height = self.tag_row_height()
        # Focused tags first so they always win their place; then outer spans before nested ones.
        tags.sort(key=lambda item: (not item[3], item[0].top(), item[0].left(), -(item[1].end - item[1].start)))
        placed: dict[tuple[int, int], list[QRectF]] = {}
        for rect, span, color, focused in tags:
            line = round(rect.bottom())
            depth = max(1, line_depth.get(line, 1))
            level = scene.entity_levels.get(span.key, 0) if span.is_entity else 0
            text = scene.tags.get(span.label, span.label)
            if span.is_candidate and span.score is not None:
                text = f"{text} {span.score:.2f}"
            width = self._tag_width(text) + (8 if focused else 2)
            top = rect.bottom() + 3 + depth * BAR_PITCH
            box = None
            for row in [min(level, depth - 1), *range(depth)]:
                candidate = QRectF(rect.left() + END_GAP, top + row * row_height, width, height)
                padded = candidate.adjusted(-3, 0, 3, 0)
                if not any(padded.intersects(p) for p in placed.get((line, row), [])):
                    box = candidate
                    placed.setdefault((line, row), []).append(candidate)
                    break
            if box is None:
                if not focused:
                    continue
                box = QRectF(rect.left() + END_GAP, top + min(level, depth - 1) * row_height, width, height)
            if scene.clip is not None and not scene.clip.intersects(box):
                continue
            self.drawn_tags.append((text, box))
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

    # --- relation arcs ------------------------------------------------------------------------------

    def arc_label_width(self, label: str) -> float:
        return self._arc_metrics.horizontalAdvance(label) + 12

    def _tier_y(self, segment: Segment) -> float:
        return segment.line.top - ARC_BASE - (segment.tier + 0.5) * self.tier_height()

    def arcs_bounds(self, scene: PaintScene) -> QRectF:
        """Everything the arcs cover, labels included (document coordinates)."""
        bounds = QRectF()
        half = self.tier_height() / 2
        for segment in scene.segments:
            y = self._tier_y(segment)
            box = QRectF(segment.left - 4, y - half - 2, segment.right - segment.left + 8, segment.line.top - y + half + 4)
            bounds = bounds.united(box)
        return bounds

    def _segment_path(self, segment: Segment) -> QPainterPath:
        """Up from the head (or in from the line's edge), across at the tier's height, down onto the tail."""
        y = self._tier_y(segment)
        foot = segment.line.top - 2
        radius = min(5.0, abs(segment.x_to - segment.x_from) / 2, (foot - y) / 2)
        step = radius if segment.x_to >= segment.x_from else -radius
        path = QPainterPath()
        if segment.starts_on_span:
            path.moveTo(segment.x_from, foot)
            path.lineTo(segment.x_from, y + radius)
            path.quadTo(segment.x_from, y, segment.x_from + step, y)
        else:
            path.moveTo(segment.x_from, y)
        if segment.arrow:
            path.lineTo(segment.x_to - step, y)
            path.quadTo(segment.x_to, y, segment.x_to, y + radius)
            path.lineTo(segment.x_to, foot)
        else:
            path.lineTo(segment.x_to, y)
        return path

    def _arcs(self, painter: QPainter, scene: PaintScene) -> None:
        if not scene.segments:
            return
        # Lines first, labels over them: a label may sit across another arc's leg, never under it.
        for segment in scene.segments:
            arc = scene.arcs[segment.arc]
            pen = QPen(theme.with_alpha(theme.RELATION_INK, 220), 1.5)
            if arc.preview:
                pen.setStyle(Qt.PenStyle.DashLine)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self._segment_path(segment))
            foot = QPointF(segment.x_to, segment.line.top - 2)
            if segment.arrow:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(theme.RELATION_INK)
                painter.drawPolygon(QPolygonF([foot, foot + QPointF(-3.5, -7), foot + QPointF(3.5, -7)]))
            else:
                # The arc goes on at the line's edge: an open end, pointing the way it continues.
                y = self._tier_y(segment)
                direction = 1 if segment.x_to >= segment.x_from else -1
                end = QPointF(segment.x_to, y)
                painter.setPen(pen)
                painter.drawLine(end, end + QPointF(-4 * direction, -3))
                painter.drawLine(end, end + QPointF(-4 * direction, 3))
        painter.setFont(self.arc_font)
        metrics = self._arc_metrics
        height = metrics.height() + 2
        for segment in scene.segments:
            arc = scene.arcs[segment.arc]
            y = self._tier_y(segment)
            box = QRectF(segment.label_x - segment.label_width / 2, y - height / 2, segment.label_width, height)
            self.drawn_arc_labels.append((arc.label, box))
            painter.setBrush(theme.PAPER)
            border = QPen(theme.RELATION_INK, 1)
            if arc.preview:
                border.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(border)
            painter.drawRoundedRect(box, height / 2, height / 2)
            painter.setPen(theme.RELATION_INK)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, arc.label)
