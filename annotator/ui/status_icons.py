"""Review-status icons (to do, in progress, done, skipped), drawn rather than shipped as files.

Drawn with QPainter at the size asked for, so they are sharp at any screen
scale and need no resources. Colours and shapes differ, so the four states
read apart for colour-blind users too: an empty ring, a half-filled ring, a
filled disc with a tick, a filled disc with a bar.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from annotator.model import Status

STATUS_COLORS = {
    Status.TODO: QColor("#9aa5b1"),
    Status.IN_PROGRESS: QColor("#2f6fdf"),
    Status.DONE: QColor("#2f9e44"),
    Status.SKIPPED: QColor("#b7791f"),
}


def status_color(status: Status | str) -> QColor:
    return QColor(STATUS_COLORS[Status(status)])


def paint_status(painter: QPainter, rect: QRectF, status: Status | str) -> None:
    """Draw the icon for ``status`` centred in ``rect``."""
    status = Status(status)
    color = STATUS_COLORS[status]
    side = min(rect.width(), rect.height())
    pen_width = max(1.2, side / 9)
    inner = side - pen_width
    circle = QRectF(0, 0, inner, inner)
    circle.moveCenter(rect.center())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if status in (Status.TODO, Status.IN_PROGRESS):
        painter.setPen(QPen(color, pen_width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(circle)
        if status is Status.IN_PROGRESS:
            half = QPainterPath()
            core = circle.adjusted(pen_width * 1.2, pen_width * 1.2, -pen_width * 1.2, -pen_width * 1.2)
            half.moveTo(core.center())
            half.arcTo(core, 90, -180)
            half.closeSubpath()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPath(half)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(circle.adjusted(-pen_width / 2, -pen_width / 2, pen_width / 2, pen_width / 2))
        mark = QPen(QColor("#ffffff"), pen_width * 1.15, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                    Qt.PenJoinStyle.RoundJoin)
        painter.setPen(mark)
        c, r = circle.center(), inner / 2
        if status is Status.DONE:
            tick = QPainterPath(QPointF(c.x() - r * 0.45, c.y() + r * 0.02))
            tick.lineTo(c.x() - r * 0.1, c.y() + r * 0.36)
            tick.lineTo(c.x() + r * 0.48, c.y() - r * 0.34)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(tick)
        else:
            painter.drawLine(QPointF(c.x() - r * 0.45, c.y()), QPointF(c.x() + r * 0.45, c.y()))
    painter.restore()


@lru_cache(maxsize=64)
def status_pixmap(status: Status | str, size: int = 16, ratio: float = 2.0) -> QPixmap:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_status(painter, QRectF(0, 0, size, size), status)
    painter.end()
    return pixmap


@lru_cache(maxsize=8)
def status_icon(status: Status | str) -> QIcon:
    icon = QIcon()
    for size in (12, 16, 20, 24, 32):
        icon.addPixmap(status_pixmap(Status(status), size, 2.0))
    return icon


def status_name(status: Status | str) -> str:
    """The status as the user reads it, in the interface language."""
    status = Status(status)
    if status is Status.TODO:
        return QCoreApplication.translate("Status", "To do")
    if status is Status.IN_PROGRESS:
        return QCoreApplication.translate("Status", "In progress")
    if status is Status.DONE:
        return QCoreApplication.translate("Status", "Done")
    return QCoreApplication.translate("Status", "Skipped")
