"""How one document looks in the list: status and title, counts, and (while searching) the matching text.

Drawn with QPainter rather than widgets per row, so a list of 100,000
documents costs only the rows on screen. Every piece of stored text (title,
skip reason, snippet) is drawn as plain text; none of it is read as markup.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from annotator.model import Status
from annotator.project.document_listing import DocumentRow
from annotator.project.search import Snippet
from annotator.ui import theme
from annotator.ui.document_list_model import RowRole, SnippetRole
from annotator.ui.status_icons import paint_status, status_name


class DocumentDelegate(QStyledItemDelegate):
    """Two lines per document (three when searching): status and title, counts, the matching text."""

    PADDING = 8
    ICON = 14

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.show_snippets = False

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.88))
        return title, small

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        title, small = self._fonts(option)
        lines = QFontMetrics(title).height() + QFontMetrics(small).height()
        if self.show_snippets:
            lines += QFontMetrics(small).height() + 2
        return QSize(200, lines + 2 * self.PADDING + 3)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        row: DocumentRow | None = index.data(RowRole)
        painter.save()
        rect = QRect(option.rect)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if selected:
            painter.fillRect(rect, QColor("#e3edfd"))
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), theme.ACCENT)
        elif hovered:
            painter.fillRect(rect, QColor("#f5f7fa"))
        painter.setPen(theme.RULE)
        painter.drawLine(rect.left() + self.PADDING, rect.bottom(), rect.right(), rect.bottom())
        if row is None:
            painter.restore()
            return
        title_font, small_font = self._fonts(option)
        title_metrics, small_metrics = QFontMetrics(title_font), QFontMetrics(small_font)
        left = rect.left() + self.PADDING + 4
        text_left = left + self.ICON + 8
        width = rect.right() - self.PADDING - text_left
        y = rect.top() + self.PADDING

        icon_rect = QRectF(left, y + (title_metrics.height() - self.ICON) / 2, self.ICON, self.ICON)
        paint_status(painter, icon_rect, row.status)

        counts = self._counts_text(row)
        painter.setFont(small_font)
        counts_width = small_metrics.horizontalAdvance(counts)

        painter.setFont(title_font)
        painter.setPen(theme.FAINT_INK if not row.title else theme.INK)
        title = title_metrics.elidedText(row.display_title or "—", Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(text_left, y, width, title_metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        y += title_metrics.height()

        painter.setFont(small_font)
        painter.setPen(theme.MUTED_INK)
        detail = self._detail_text(row)
        detail_width = max(0, width - counts_width - 12)
        painter.drawText(QRect(text_left, y, detail_width, small_metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         small_metrics.elidedText(detail, Qt.TextElideMode.ElideRight, detail_width))
        self._draw_counts(painter, row, QRect(text_left + width - counts_width, y, counts_width, small_metrics.height()),
                          small_metrics)
        y += small_metrics.height() + 2

        if self.show_snippets:
            snippet: Snippet | None = index.data(SnippetRole)
            if snippet is not None:
                self._draw_snippet(painter, snippet, QRect(text_left, y, width, small_metrics.height()), small_metrics)
        painter.restore()

    def _detail_text(self, row: DocumentRow) -> str:
        if row.status is Status.SKIPPED and row.status_reason:
            return self.tr("%1: %2").replace("%1", status_name(row.status)).replace("%2", row.status_reason)
        return row.doc_id

    def _counts_text(self, row: DocumentRow) -> str:
        parts = [self.tr("%n entities", "", row.entities)]
        if row.pending_candidates:
            parts.append(self.tr("%n to review", "", row.pending_candidates))
        return " · ".join(parts)

    def _draw_counts(self, painter: QPainter, row: DocumentRow, rect: QRect, metrics: QFontMetrics) -> None:
        entities = self.tr("%n entities", "", row.entities)
        painter.setPen(theme.MUTED_INK if row.entities else theme.FAINT_INK)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, entities)
        if row.pending_candidates:
            x = rect.left() + metrics.horizontalAdvance(entities)
            painter.setPen(theme.FAINT_INK)
            painter.drawText(QRect(x, rect.top(), rect.width(), rect.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, " · ")
            x += metrics.horizontalAdvance(" · ")
            painter.setPen(theme.WARNING_INK)
            painter.drawText(QRect(x, rect.top(), rect.width(), rect.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.tr("%n to review", "", row.pending_candidates))

    def _draw_snippet(self, painter: QPainter, snippet: Snippet, rect: QRect, metrics: QFontMetrics) -> None:
        """The excerpt on one line, centred on its first hit, hits on a yellow ground."""
        text = snippet.text.replace("\n", " ")
        first = snippet.hits[0][0] - snippet.start
        # Start a little before the first hit so it is visible however narrow the list.
        room = max(4, rect.width() // max(1, metrics.horizontalAdvance("中")))
        begin = max(0, first - room // 4)
        prefix = "…" if begin > 0 or snippet.start > 0 else ""
        x = rect.left()
        if prefix:
            painter.setPen(theme.FAINT_INK)
            painter.drawText(QRect(x, rect.top(), rect.width(), rect.height()), Qt.AlignmentFlag.AlignVCenter, prefix)
            x += metrics.horizontalAdvance(prefix)
        marks = sorted((a - snippet.start, b - snippet.start) for a, b in snippet.hits)
        cursor = begin
        for hit_start, hit_end in marks + [(len(text), len(text))]:
            hit_start, hit_end = max(hit_start, cursor), max(hit_end, cursor)
            for piece, is_hit in ((text[cursor:hit_start], False), (text[hit_start:hit_end], True)):
                if not piece or x >= rect.right():
                    continue
                advance = metrics.horizontalAdvance(piece)
                if is_hit:
                    painter.fillRect(QRect(x, rect.top() + 1, min(advance, rect.right() - x), rect.height() - 2),
                                     QColor(255, 214, 10, 140))
                painter.setPen(theme.INK)
                clipped = metrics.elidedText(piece, Qt.TextElideMode.ElideRight, rect.right() - x)
                painter.drawText(QRect(x, rect.top(), rect.right() - x, rect.height()),
                                 Qt.AlignmentFlag.AlignVCenter, clipped)
                x += advance
            cursor = max(cursor, hit_end)
