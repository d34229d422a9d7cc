"""Small charts drawn with QPainter: daily bars with a running total, daily lines, horizontal bars.

Qt Charts would add a large package to the installer for three plain
charts, so these are drawn directly. Each chart takes its data through
``set_data`` and shows the exact figures of the day under the mouse in a
tooltip (the column is highlighted), so nobody has to read values off an axis.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import QDate, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from annotator.ui import theme
from annotator.ui.plain_text import plain_tooltip

# Tableau 10: distinct, print-safe, and readable for most colour-blind viewers.
SERIES_COLORS = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)
GRID = QColor("#e4e7eb")
AXIS_INK = QColor("#7b8794")


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round axis values (1, 2, 2.5 or 5 times a power of ten) covering low..high."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(1, count)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if step < 1:
        step = 1.0
    start = math.floor(low / step) * step
    # Up to the first tick at or above ``high``: the tallest bar always has a tick above it.
    ticks, value = [start], start
    while value < high:
        value += step
        ticks.append(value)
    return ticks


def qdate(day: date) -> QDate:
    """A Python date as Qt's, for the locale's date formats."""
    return QDate(day.year, day.month, day.day)


def format_number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


class _DailyChart(QWidget):
    """Shared by the daily charts: axes, day labels, the hovered column and its tooltip."""

    LEFT, RIGHT, TOP, BOTTOM = 44, 16, 14, 28

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: list[date] = []
        self.hovered: int | None = None
        self.empty_text = ""
        self.setMouseTracking(True)
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 220)

    # subclasses: the y range, drawing, and the tooltip of one day
    def _range(self) -> tuple[float, float]:
        raise NotImplementedError

    def _draw_data(self, painter: QPainter, plot: QRectF, to_y) -> None:
        raise NotImplementedError

    def _tooltip(self, index: int) -> str:
        raise NotImplementedError

    def _has_data(self) -> bool:
        raise NotImplementedError

    def _plot_rect(self) -> QRectF:
        return QRectF(self.LEFT, self.TOP, self.width() - self.LEFT - self.RIGHT,
                      self.height() - self.TOP - self.BOTTOM)

    def column_width(self, plot: QRectF) -> float:
        return plot.width() / max(1, len(self.days))

    def column_center(self, plot: QRectF, index: int) -> float:
        return plot.left() + (index + 0.5) * self.column_width(plot)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self._plot_rect()
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        painter.setFont(small)
        metrics = QFontMetricsF(small)
        if not self.days or not self._has_data():
            painter.setPen(theme.FAINT_INK)
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        low, high = self._range()
        ticks = nice_ticks(low, high)
        low, high = min(low, ticks[0]), max(high, ticks[-1])

        def to_y(value: float) -> float:
            return plot.bottom() - (value - low) / (high - low) * plot.height()

        for tick in ticks:
            y = to_y(tick)
            painter.setPen(QPen(GRID if tick else AXIS_INK, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(AXIS_INK)
            painter.drawText(QRectF(0, y - metrics.height() / 2, self.LEFT - 6, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, format_number(tick))
        if self.hovered is not None:
            width = self.column_width(plot)
            painter.fillRect(QRectF(plot.left() + self.hovered * width, plot.top(), width, plot.height()),
                             QColor(47, 111, 223, 22))
        self._draw_data(painter, plot, to_y)
        self._draw_day_labels(painter, plot, metrics)

    def day_label_rects(self, plot: QRectF, metrics: QFontMetricsF) -> list[tuple[QRectF, str]]:
        """Where the day labels go: the last day (today) always, counting back; none cut off at the edges."""
        labels = [self.locale().toString(qdate(day), "M/d") for day in self.days]
        widest = max(metrics.horizontalAdvance(label) for label in labels) + 10
        every = max(1, math.ceil(widest / max(1.0, self.column_width(plot))))
        placed = []
        for index in range(len(self.days) - 1, -1, -every):
            x = self.column_center(plot, index) - widest / 2
            x = max(0.0, min(self.width() - widest, x))
            placed.append((QRectF(x, plot.bottom() + 4, widest, metrics.height()), labels[index]))
        return placed

    def _draw_day_labels(self, painter: QPainter, plot: QRectF, metrics: QFontMetricsF) -> None:
        painter.setPen(AXIS_INK)
        for rect, label in self.day_label_rects(plot, metrics):
            painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        plot = self._plot_rect()
        x = event.position().x()
        index = int((x - plot.left()) // self.column_width(plot)) if plot.left() <= x <= plot.right() else None
        if index is not None and not 0 <= index < len(self.days):
            index = None
        if index != self.hovered:
            self.hovered = index
            self.update()
        if index is None or not self._has_data():
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), plain_tooltip(self._tooltip(index)), self)

    def leaveEvent(self, event) -> None:
        self.hovered = None
        self.update()
        super().leaveEvent(event)

    def day_text(self, index: int) -> str:
        return self.locale().toString(qdate(self.days[index]), "yyyy-MM-dd ddd")


class DailyBarsChart(_DailyChart):
    """Bars per day (may dip below zero) and, optionally, a running total as a line on its own scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[int] = []
        self.line: list[int] = []
        self.bar_name = ""
        self.line_name = ""
        self.bar_color = QColor(theme.ACCENT)
        self.line_color = QColor("#2f9e44")
        # where the running total's figure was drawn last (for the tests that check it is whole)
        self.total_label_rect = QRectF()

    def set_data(self, days: Sequence[date], bars: Sequence[int], line: Sequence[int] = (),
                 bar_name: str = "", line_name: str = "") -> None:
        self.days, self.bars, self.line = list(days), list(bars), list(line)
        self.bar_name, self.line_name = bar_name, line_name
        self.update()

    def _has_data(self) -> bool:
        return any(self.bars) or any(self.line)

    def _range(self) -> tuple[float, float]:
        return float(min(0, *self.bars)), float(max(1, *self.bars))

    def _draw_data(self, painter: QPainter, plot: QRectF, to_y) -> None:
        width = self.column_width(plot)
        bar = max(1.0, min(width * 0.7, 28.0))
        painter.setPen(Qt.PenStyle.NoPen)
        for index, value in enumerate(self.bars):
            if not value:
                continue
            x = self.column_center(plot, index) - bar / 2
            top, bottom = sorted((to_y(value), to_y(0)))
            color = QColor(self.bar_color if value > 0 else theme.WARNING_INK)
            if self.hovered is not None and index != self.hovered:
                color.setAlpha(170)
            painter.setBrush(color)
            painter.drawRoundedRect(QRectF(x, top, bar, max(1.0, bottom - top)), 2, 2)
        if any(self.line):
            # The running total has its own scale, marked on the right edge.
            line_low, line_high = min(self.line), max(self.line)
            span = max(1, line_high - line_low)
            floor = max(0, line_low - span * 0.15)
            top = line_high + span * 0.1

            def line_y(value: float) -> float:
                return plot.bottom() - (value - floor) / max(1e-9, top - floor) * plot.height()

            path = QPainterPath()
            for index, value in enumerate(self.line):
                point = QPointF(self.column_center(plot, index), line_y(value))
                path.moveTo(point) if index == 0 else path.lineTo(point)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(self.line_color, 2.2))
            painter.drawPath(path)
            end = QPointF(self.column_center(plot, len(self.line) - 1), line_y(self.line[-1]))
            painter.setBrush(self.line_color)
            painter.drawEllipse(end, 3.5, 3.5)
            painter.setPen(self.line_color)
            label = format_number(self.line[-1])
            metrics = QFontMetricsF(painter.font())
            self.total_label_rect = self.value_label_rect(end, metrics.horizontalAdvance(label) + 4, metrics.height())
            painter.setBrush(theme.with_alpha(theme.PAPER, 220))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(self.total_label_rect, 3, 3)
            painter.setPen(self.line_color)
            painter.drawText(self.total_label_rect, Qt.AlignmentFlag.AlignCenter, label)

    def value_label_rect(self, point: QPointF, width: float, height: float) -> QRectF:
        """The running total's figure beside its last point: above and to the left, kept inside the chart."""
        x = max(0.0, min(self.width() - width, point.x() - width - 6))
        y = point.y() - height - 4
        if y < 0:
            y = point.y() + 6  # no room above the point: below it
        return QRectF(x, y, width, height)

    def _tooltip(self, index: int) -> str:
        lines = [self.day_text(index), f"{self.bar_name}: {format_number(self.bars[index])}"]
        if self.line:
            lines.append(f"{self.line_name}: {format_number(self.line[index])}")
        return "\n".join(lines)


class DailyLinesChart(_DailyChart):
    """One line per series (e.g. per annotator), with a legend above the plot."""

    TOP = 30

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: dict[str, list[int]] = {}
        self.colors: dict[str, QColor] = {}

    def set_data(self, days: Sequence[date], series: Mapping[str, Sequence[int]]) -> None:
        self.days = list(days)
        self.series = {name: list(values) for name, values in series.items()}
        self.colors = {name: QColor(SERIES_COLORS[i % len(SERIES_COLORS)]) for i, name in enumerate(self.series)}
        self.update()

    def _has_data(self) -> bool:
        return any(any(values) for values in self.series.values())

    def _range(self) -> tuple[float, float]:
        values = [v for series in self.series.values() for v in series] or [0]
        return float(min(0, *values)), float(max(1, *values))

    def _draw_data(self, painter: QPainter, plot: QRectF, to_y) -> None:
        metrics = QFontMetricsF(painter.font())
        x = plot.left()
        for name, color in self.colors.items():
            painter.setPen(QPen(color, 2.5))
            painter.drawLine(QPointF(x, 12), QPointF(x + 14, 12))
            painter.setPen(theme.MUTED_INK)
            painter.drawText(QPointF(x + 18, 12 + metrics.ascent() / 2 - 1), name)
            x += 18 + metrics.horizontalAdvance(name) + 16
        single = len(self.days) == 1
        for name, values in self.series.items():
            color = self.colors[name]
            path = QPainterPath()
            for index, value in enumerate(values):
                point = QPointF(self.column_center(plot, index), to_y(value))
                path.moveTo(point) if index == 0 else path.lineTo(point)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(color, 2.0))
            painter.drawPath(path)
            if single or len(self.days) <= 45:
                painter.setBrush(color)
                painter.setPen(Qt.PenStyle.NoPen)
                for index, value in enumerate(values):
                    if value or index == self.hovered:
                        radius = 3.5 if index == self.hovered else 2.4
                        painter.drawEllipse(QPointF(self.column_center(plot, index), to_y(value)), radius, radius)

    def _tooltip(self, index: int) -> str:
        rows = sorted(self.series.items(), key=lambda item: -item[1][index])
        return "\n".join([self.day_text(index)] + [f"{name}: {format_number(values[index])}" for name, values in rows])


class HorizontalBarsChart(QWidget):
    """Labelled bars, one row each, longest first or in the order given; counts at the bar ends."""

    ROW = 24

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[tuple[str, int, QColor]] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_data(self, items: Sequence[tuple[str, int, str]]) -> None:
        self.items = [(label, value, theme.label_color(color)) for label, value, color in items]
        # Every bar is always shown: the chart is as tall as its rows.
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, max(60, len(self.items) * self.ROW + 8))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetricsF(self.font())
        if not self.items:
            painter.setPen(theme.FAINT_INK)
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        label_width = min(self.width() * 0.4, max(metrics.horizontalAdvance(label) for label, _, _ in self.items) + 12)
        value_width = max(metrics.horizontalAdvance(format_number(v)) for _, v, _ in self.items) + 10
        track = max(10.0, self.width() - label_width - value_width - 4)
        top_value = max(1, max(v for _, v, _ in self.items))
        for row, (label, value, color) in enumerate(self.items):
            y = 4 + row * self.ROW
            painter.setPen(theme.INK)
            painter.drawText(QRectF(0, y, label_width - 8, self.ROW), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 8))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#eef2f7"))
            painter.drawRoundedRect(QRectF(label_width, y + 5, track, self.ROW - 10), 3, 3)
            length = track * value / top_value
            if value:
                painter.setBrush(color)
                painter.drawRoundedRect(QRectF(label_width, y + 5, max(3.0, length), self.ROW - 10), 3, 3)
            painter.setPen(theme.MUTED_INK if value else theme.FAINT_INK)
            painter.drawText(QRectF(label_width + track + 6, y, value_width, self.ROW),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, format_number(value))


class StackedProgressBar(QWidget):
    """One bar split into coloured parts (e.g. documents by status), with a legend below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts: list[tuple[str, int, QColor]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(46)

    def set_data(self, parts: Sequence[tuple[str, int, QColor]]) -> None:
        self.parts = list(parts)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        total = sum(n for _, n, _ in self.parts)
        bar = QRectF(0, 2, self.width(), 12)
        clip = QPainterPath()
        clip.addRoundedRect(bar, 6, 6)
        painter.setClipPath(clip)
        painter.fillRect(bar, QColor("#eef2f7"))
        x = 0.0
        for _, n, color in self.parts:
            if total and n:
                width = bar.width() * n / total
                painter.fillRect(QRectF(x, bar.top(), width, bar.height()), color)
                x += width
        painter.setClipping(False)
        metrics = QFontMetricsF(self.font())
        x = 0.0
        for name, n, color in self.parts:
            share = f" {n / total:.0%}" if total else ""
            text = f"{name} {format_number(n)}{share}"
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(QRectF(x, 24, 10, 10), 2, 2)
            painter.setPen(theme.MUTED_INK)
            painter.drawText(QPointF(x + 14, 24 + 5 + metrics.ascent() / 2 - 1), text)
            x += 14 + metrics.horizontalAdvance(text) + 18
