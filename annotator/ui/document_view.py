"""The document text with its annotations, and the keyboard and mouse on it.

A read-only ``QTextEdit`` shows the text and its selection; annotations are
painted around the text from the reviewer's state (see ``span_painter``).
Keys are looked up in the keymap and handed to the ``ReviewController``;
nothing here writes to the store.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFontMetricsF,
    QGuiApplication,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QRegion,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from annotator.review import keymap as km
from annotator.review.keymap import Keymap
from annotator.review.spans import Edge, Span
from annotator.review.words import Tokenizer, WordIndex
from annotator.ui import theme
from annotator.ui.arc_layout import ArcEnd, ArcSpec, layout_arcs, tiers_by_line
from annotator.ui.keys import KeyLookup
from annotator.ui.label_menu import (
    document_label_menu,
    entity_label_menu,
    span_context_menu,
)
from annotator.ui.line_room import BASE_LINE_HEIGHT_PERCENT, BlockRoom, block_rooms
from annotator.ui.plain_text import plain_tooltip
from annotator.ui.relation_overlay import (
    draft_banner_text,
    every_arc_set,
    paint_banner,
    relation_arcs,
)
from annotator.ui.review_controller import ReviewController
from annotator.ui.span_details import span_tooltip
from annotator.ui.span_geometry import SpanGeometry
from annotator.ui.span_painter import ARC_BASE, BAR_PITCH, Arc, PaintScene, SpanPainter
from annotator.ui.text_mapping import TextMapping

ZOOM_STEP = 1.0
PROPORTIONAL = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value


class DocumentView(QTextEdit):
    # the reviewer asked for something the window does (not the controller)
    labelOccurrencesRequested = Signal()
    # a window-wide key reached the text without triggering its shortcut ("?" typed as Shift+/)
    windowActionRequested = Signal(str)
    zoomChanged = Signal(float)

    def __init__(self, controller: ReviewController, keymap: Keymap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentView")
        self.controller = controller
        self.keymap = keymap
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.setViewportMargins(0, 0, 0, 0)
        self.setMouseTracking(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._point_size = theme.DEFAULT_TEXT_POINT_SIZE
        self.show_tags = True
        self.mapping = TextMapping("")
        self.geometry_cache: SpanGeometry | None = None
        self.painter = SpanPainter()
        self.tokenizer: Tokenizer | None = None
        self._words: WordIndex | None = None
        # find matches in code points, and the current one
        self.matches: list[tuple[int, int]] = []
        self.current_match = -1
        # the relation picked in the relations list, drawn with both its ends
        self.highlighted_relation: int | None = None
        self.label_menu: QMenu | None = None
        self.doc_label_menu: QMenu | None = None
        self._press_position: QPoint | None = None
        # the spans as last painted, and where the arcs were, to repaint only what changes
        self._last_painted: dict | None = None
        self._last_arc_bounds: QRectF | None = None
        self._own_document: QTextDocument | None = None
        # the extra room each paragraph has now (see line_room), and a guard while it is being set
        self._rooms: dict[int, BlockRoom] = {}
        self._placing_room = False
        # the spans and text the label rows were last counted for, and the count
        self._rows_for: tuple[object, QTextDocument, dict[int, int]] | None = None
        self._actions = self._text_actions()
        self._keys = KeyLookup(keymap, km.TEXT)
        self._window_keys = KeyLookup(keymap, km.WINDOW)
        self._set_empty_document()

        controller.documentOpened.connect(self._show_document)
        controller.annotationsChanged.connect(self._annotations_changed)
        controller.focusChanged.connect(self._focus_changed)
        controller.draftChanged.connect(self._draft_changed)
        controller.revealRequested.connect(self.reveal)
        self.cursorPositionChanged.connect(self._caret_moved)

    # --- showing a document -------------------------------------------------------------

    def _new_document(self, text: str) -> QTextDocument:
        document = QTextDocument(self)
        document.setDocumentMargin(28)
        document.setDefaultFont(theme.text_font(self._point_size))
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        document.setUndoRedoEnabled(False)  # read-only text: no need to record its insertion
        cursor = QTextCursor(document)
        block = QTextBlockFormat()
        block.setLineHeight(BASE_LINE_HEIGHT_PERCENT, PROPORTIONAL)
        cursor.setBlockFormat(block)
        cursor.insertText(text)
        return document

    def _install(self, document: QTextDocument) -> None:
        # Qt deletes the document it made itself; the ones made here are ours to delete.
        old = self._own_document
        self.setDocument(document)
        self._own_document = document
        self._rooms = {}
        if old is not None:
            old.deleteLater()
        self.geometry_cache = SpanGeometry(document)
        document.documentLayout().documentSizeChanged.connect(self._layout_changed)
        self.painter.set_text_font(document.defaultFont())

    def _set_empty_document(self) -> None:
        self.mapping = TextMapping("")
        self._install(self._new_document(""))

    def _show_document(self, doc_id: str) -> None:
        state = self.controller.state
        if state is None:
            return
        self.mapping = TextMapping(state.text)
        self._words = None
        self.matches, self.current_match = [], -1
        self.highlighted_relation = None
        document = self._new_document(self.mapping.display)
        # The nested entities' rows are set before the text is shown (and laid out): free then.
        rows = block_rooms(self._tag_rows(document), {}, **self._room_sizes())
        self._apply_rooms(document, rows, {})
        self._install(document)
        self._rooms = rows
        self._update_room()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)
        self.repaint_everything()

    def _layout_changed(self, *_args) -> None:
        if self.geometry_cache is not None:
            self.geometry_cache.invalidate()
        self._last_painted = None

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._layout_changed()  # lines wrap differently; a height change moves nothing
            self._update_room()
        else:
            self._last_painted = None

    def _annotations_changed(self) -> None:
        state = self.controller.state
        if (
            self.highlighted_relation is not None
            and state is not None
            and all(r.id != self.highlighted_relation for r in state.relations)
        ):
            self.highlighted_relation = None
            self._last_painted = None
        if self._update_room():
            self.repaint_everything()
            return
        self._repaint_changes()

    def _draft_changed(self) -> None:
        self._update_room()
        self.repaint_everything()

    def _focus_changed(self) -> None:
        span = self.controller.focused_span()
        if span is not None:
            self.reveal(span.start, span.end)
        self._repaint_changes()

    def repaint_everything(self) -> None:
        self._last_painted = None
        self.viewport().update()

    def schema_changed(self) -> None:
        """Labels or their colours changed: repaint with the new ones (relation names may be wider)."""
        self._update_room()
        self.repaint_everything()

    # --- room between the lines -----------------------------------------------------------------

    def _update_room(self) -> bool:
        """Give each paragraph the room its nested entities' names and its relation arcs need; True if it changed.

        See ``line_room``: the room follows the entities and relations, not
        the focus, so Tab and a decision never move the text.
        """
        state = self.controller.state
        if state is None or self.geometry_cache is None or self._placing_room:
            return False
        self._placing_room = True
        try:
            document = self.document()
            rooms = block_rooms(self._tag_rows(document), self._arc_tiers(), **self._room_sizes())
            if rooms == self._rooms:
                return False
            self._apply_rooms(document, rooms, self._rooms)
            self._rooms = rooms
            self._layout_changed()
            return True
        finally:
            self._placing_room = False

    def _room_sizes(self) -> dict[str, float]:
        return {
            "row_pitch": self.painter.tag_row_height() + BAR_PITCH,
            "tier_height": self.painter.tier_height(),
            "arc_base": ARC_BASE,
        }

    @staticmethod
    def _apply_rooms(document: QTextDocument, rooms: dict[int, BlockRoom], before: dict[int, BlockRoom]) -> None:
        """Set the paragraphs' line height and top margin where their room changed from ``before``."""
        # The font's height, not a laid-out line's: asking a line would lay the whole text out
        # before the room is set, and again after.
        line_height = QFontMetricsF(document.defaultFont()).height()
        # One edit block: the layout hears of all the paragraphs' changes once, not once each.
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for number in sorted(set(rooms) | set(before)):
            room = rooms.get(number, BlockRoom())
            block = document.findBlockByNumber(number)
            if room == before.get(number, BlockRoom()) or not block.isValid():
                continue
            block_format = block.blockFormat()
            block_format.setTopMargin(room.top)
            block_format.setLineHeight(room.line_height_percent(line_height), PROPORTIONAL)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(block_format)
        cursor.endEditBlock()

    def _tag_rows(self, document: QTextDocument) -> dict[int, int]:
        """Rows of bars and label names each paragraph needs: one, and one more per level of nesting."""
        state = self.controller.state
        rows: dict[int, int] = {}
        if state is None:
            return rows
        if self._rows_for is not None and self._rows_for[0] is state.spans and self._rows_for[1] is document:
            return self._rows_for[2]  # the same spans and text (a new index is made on every change)
        for key, level in state.spans.entity_levels().items():
            if level == 0:
                continue
            span = state.spans.get(key)
            if span is None:
                continue
            for position in (span.start, span.end - 1):
                number = document.findBlock(self.mapping.to_qt(position)).blockNumber()
                rows[number] = max(rows.get(number, 1), level + 1)
        self._rows_for = (state.spans, document, rows)
        return rows

    def _arc_tiers(self) -> dict[tuple[int, int], int]:
        """Tiers of arcs each line needs, whichever entity is focused (and for the relation being drawn)."""
        tiers: dict[tuple[int, int], int] = {}
        sets = every_arc_set(self.controller)
        shown, _marked, _extra = relation_arcs(self.controller, [], self.highlighted_relation)
        if not sets and not shown:
            return tiers
        self.document().documentLayout().documentSize()  # lays the text out, so the arcs' ends can be measured
        for arcs in [*sets, shown]:
            for line, count in tiers_by_line(self._segments(arcs)[1]).items():
                tiers[line] = max(tiers.get(line, 0), count)
        return tiers

    def _segments(self, arcs: list[Arc]):
        """(the arcs that can be drawn, their segments): arcs whose ends are laid out, placed by ``arc_layout``."""
        drawable: list[Arc] = []
        specs: list[ArcSpec] = []
        for arc in arcs:
            head, tail = self._arc_end(arc.head), self._arc_end(arc.tail)
            if head is None or tail is None:
                continue
            drawable.append(arc)
            specs.append(ArcSpec(head, tail, self.painter.arc_label_width(arc.label)))
        return drawable, layout_arcs(specs)

    def _arc_end(self, span: Span) -> ArcEnd | None:
        if self.geometry_cache is None:
            return None
        rects = self._fragments(span)
        line = self.geometry_cache.line_box(self.mapping.to_qt(span.start))
        if not rects or line is None:
            return None
        return ArcEnd(line, rects[0].center().x())

    def _repaint_changes(self) -> None:
        """Repaint only the lines whose spans changed since the last paint (and old and new arcs).

        A keypress changes one or two spans; repainting the whole page of a
        long document would cost more than the change itself.
        """
        before = self._last_painted
        if before is None or self.controller.state is None or self.geometry_cache is None:
            self.viewport().update()
            return
        now = self._painted_summary()
        changed = [key for key in before.keys() | now.keys() if before.get(key) != now.get(key)]
        region = QRegion()
        width = self.viewport().width()
        pitch = int(self.geometry_cache.line_pitch()) + 8
        offset = self._offset()
        for key in changed:
            start, end = (now.get(key) or before[key])[:2]
            for rect in self.geometry_cache.fragments(*self.mapping.span_to_qt(start, end)):
                top = int(rect.top() + offset.y()) - 6
                region += QRect(0, top, width, pitch)
        arcs = self._arc_bounds()
        for bounds in (self._last_arc_bounds, arcs):
            if bounds is not None:
                region += bounds.toAlignedRect().adjusted(-4, -4, 4, 4)
        if not region.isEmpty():
            self.viewport().update(region)

    def _painted_summary(self) -> dict:
        """What the visible spans look like now: enough to tell which changed."""
        state = self.controller.state
        if state is None:
            return {}
        first, last = self._visible_range()
        focus = self.controller.focus
        return {
            s.key: (s.start, s.end, s.label, s.key == focus) for s in state.spans.overlapping(first, last + 1)
        }

    def _arc_bounds(self):
        """Where the relation arcs are (viewport coordinates), or None without arcs."""
        scene = PaintScene(spans=[], levels={}, fragments=self._fragments, colors={}, tags={})
        self._add_relations(scene, [])
        if not scene.segments:
            return None
        return self.painter.arcs_bounds(scene).translated(self._offset())

    def reveal(self, start: int, end: int) -> None:
        """Scroll so ``start``-``end`` is in view and put the caret at its start, without selecting."""
        cursor = self.textCursor()
        cursor.setPosition(self.mapping.to_qt(max(0, min(start, len(self.mapping.text)))))
        self.blockSignals(True)
        self.setTextCursor(cursor)
        self.blockSignals(False)
        self.controller.caret = self.mapping.from_qt(cursor.position())
        self.ensureCursorVisible()

    # --- zoom -------------------------------------------------------------------------------------

    @property
    def point_size(self) -> float:
        return self._point_size

    def set_point_size(self, size: float) -> None:
        size = max(theme.MIN_TEXT_POINT_SIZE, min(theme.MAX_TEXT_POINT_SIZE, size))
        if size == self._point_size:
            return
        self._point_size = size
        font = theme.text_font(size)
        self.document().setDefaultFont(font)
        self.painter.set_text_font(font)
        self._layout_changed()
        self._update_room()
        self.viewport().update()
        self.zoomChanged.emit(size)

    def zoom(self, steps: int) -> None:
        if steps == 0:
            self.set_point_size(theme.DEFAULT_TEXT_POINT_SIZE)
        else:
            self.set_point_size(self._point_size + steps * ZOOM_STEP)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def set_show_tags(self, show: bool) -> None:
        self.show_tags = show
        self.repaint_everything()

    # --- positions --------------------------------------------------------------------------

    def selection(self) -> tuple[int, int] | None:
        """The selected stretch in code points, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.mapping.span_from_qt(cursor.selectionStart(), cursor.selectionEnd())

    def select(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.mapping.to_qt(start))
        cursor.setPosition(self.mapping.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def position_at(self, point: QPoint) -> int:
        return self.mapping.from_qt(self.cursorForPosition(point).position())

    def _caret_moved(self) -> None:
        self.controller.caret = self.mapping.from_qt(self.textCursor().position())

    def span_rects(self, span: Span):
        """On-screen rectangles of a span (viewport coordinates); for tests and tooltips."""
        offset = self._offset()
        return [r.translated(offset) for r in self._fragments(span)]

    def _fragments(self, span: Span) -> list[QRectF]:
        if self.geometry_cache is None:
            return []
        start, end = self.mapping.span_to_qt(span.start, span.end)
        return self.geometry_cache.fragments(start, end)

    def _offset(self) -> QPointF:
        return QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())

    def _visible_range(self) -> tuple[int, int]:
        viewport = self.viewport().rect()
        # Half a line of slack above and below, for tags and arcs that reach across.
        top = self.cursorForPosition(QPoint(0, -40)).position()
        bottom = self.cursorForPosition(QPoint(viewport.width(), viewport.height() + 40)).position()
        return self.mapping.from_qt(top), self.mapping.from_qt(bottom, round_up=True)

    # --- painting -------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        scene = self._scene()
        if scene is None:
            super().paintEvent(event)
            return
        offset = self._offset()
        scene.clip = QRectF(event.rect()).translated(-offset).adjusted(-8, -8, 8, 8)
        painter = QPainter(self.viewport())
        painter.translate(offset)
        self.painter.paint_under(painter, scene)
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.translate(offset)
        self.painter.paint_over(painter, scene)
        painter.end()
        self._paint_banner()
        self._last_painted = self._painted_summary()
        self._last_arc_bounds = self.painter.arcs_bounds(scene).translated(offset) if scene.segments else None

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        # What is visible changed; the next paint covers the newly exposed strip.
        self._last_painted = None

    def _scene(self) -> PaintScene | None:
        state = self.controller.state
        if state is None or self.geometry_cache is None:
            return None
        schema = self.controller.schema
        first, last = self._visible_range()
        visible = state.spans.overlapping(first, last + 1)
        colors = {label.name: theme.label_color(label.color) for label in schema.entities}
        tags = {label.name: label.display or label.name for label in schema.entities}
        scene = PaintScene(
            spans=visible,
            levels=state.spans.levels(),
            entity_levels=state.spans.entity_levels(),
            fragments=self._fragments,
            colors=colors,
            tags=tags,
            focus=self.controller.focus,
            show_tags=self.show_tags,
            matches=[self.geometry_cache.fragments(*self.mapping.span_to_qt(s, e)) for s, e in self.matches],
            current_match=self.current_match,
        )
        self._add_relations(scene, visible)
        return scene

    def _add_relations(self, scene: PaintScene, visible: list[Span]) -> None:
        arcs, scene.marked, extra = relation_arcs(self.controller, visible, self.highlighted_relation)
        scene.arcs, scene.segments = self._segments(arcs)
        if extra:
            scene.spans = [*visible, *extra]

    def _paint_banner(self) -> None:
        text = draft_banner_text(self.controller)
        if text:
            paint_banner(self.viewport(), text)

    # --- keyboard --------------------------------------------------------------------------

    def _text_actions(self) -> dict[str, Callable[[], object]]:
        c = self.controller

        def when_focused(step: Callable[[], None]) -> Callable[[], bool]:
            # Without a focused span, Shift/Alt+arrows keep their usual meaning (extend the selection).
            def run() -> bool:
                if c.focus is None:
                    return False
                step()
                return True

            return run

        return {
            "focus_next": c.focus_next,
            "focus_previous": c.focus_previous,
            "accept": c.accept_focused,
            "reject_or_delete": c.reject_or_delete_focused,
            "move_end_left": when_focused(lambda: c.move_edge(Edge.END, -1)),
            "move_end_right": when_focused(lambda: c.move_edge(Edge.END, +1)),
            "move_start_left": when_focused(lambda: c.move_edge(Edge.START, -1)),
            "move_start_right": when_focused(lambda: c.move_edge(Edge.START, +1)),
            "start_relation": c.start_relation,
            "document_labels": self.show_document_label_menu,
            "label_occurrences": self.labelOccurrencesRequested.emit,
            "cancel": self._cancel,
        }

    def text_action(self, name: str) -> Callable[[], object]:
        """What a text-scope keymap action does, for menu entries that show the key."""
        return self._actions[name]

    def event(self, event: QEvent) -> bool:
        # Tab and Shift+Tab would move the keyboard focus to the next widget
        # before keyPressEvent sees them; here they step through the spans.
        is_tab = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        )
        if is_tab and isinstance(event, QKeyEvent) and self._handle_key(event):
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._handle_key(event):
            return
        super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        self.controller.note_activity()
        if self.controller.state is None:
            return False
        action = self._keys.action_for(event)
        if action is not None:
            handled = self._actions[action]()
            if handled is not False:
                event.accept()
                return True
            return False
        window_action = self._window_keys.action_for(event)
        if window_action is not None:
            self.windowActionRequested.emit(window_action)
            event.accept()
            return True
        text = event.text()
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier))
        if plain and len(text) == 1 and text.isprintable() and not text.isspace():
            selection = self.selection()
            if self.controller.label_key(text, selection):
                if selection is not None:
                    self._clear_selection()
                event.accept()
                return True
        return False

    def _cancel(self) -> None:
        if self.textCursor().hasSelection() and self.controller.draft is None:
            self._clear_selection()
            return
        if self.matches:
            self.clear_matches()
        self.highlighted_relation = None
        self.controller.cancel()
        self.viewport().update()

    def _clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    # --- mouse ---------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.controller.note_activity()
        self._press_position = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.controller.state is None:
            return
        pressed, self._press_position = self._press_position, None
        selection = self.selection()
        if selection is not None and self.controller.draft is None:
            self.show_label_menu(event.position().toPoint())
            return
        if pressed is not None and (pressed - event.position().toPoint()).manhattanLength() < 4:
            self.controller.focus_at(self.position_at(event.position().toPoint()))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # Not Qt's word selection: it treats a whole run of Chinese as one word.
        if event.button() != Qt.MouseButton.LeftButton or self.controller.state is None:
            super().mouseDoubleClickEvent(event)
            return
        self.controller.note_activity()
        word = self.word_index().word_at(self.position_at(event.position().toPoint()))
        if word is None:
            return
        self.select(*word)
        self.show_label_menu(event.position().toPoint())

    def set_tokenizer(self, tokenizer: Tokenizer | None) -> None:
        """The segmenter, once it has loaded in the background; until then double-click falls back."""
        self.tokenizer = tokenizer
        self._words = None

    def word_index(self) -> WordIndex:
        if self._words is None or (self.tokenizer is not None and not self._words.segmented):
            self._words = WordIndex(self.controller.state.text if self.controller.state else "", self.tokenizer)
        return self._words

    def apply_label(self, label: str) -> None:
        """Label the selection, or relabel the focused span (the palette's click)."""
        selection = self.selection()
        if self.controller.apply_label(label, selection) and selection is not None:
            self._clear_selection()
        self.setFocus()

    def show_label_menu(self, at: QPoint | None = None) -> QMenu | None:
        """The entity labels for the selection; picking one labels it."""
        selection = self.selection()
        if selection is None:
            return None

        def pick(label: str) -> None:
            if self.controller.apply_label(label, selection):
                self._clear_selection()

        self._close_menu(self.label_menu)
        self.label_menu = entity_label_menu(self.controller.schema, pick, self)
        self.label_menu.popup(self._beside_selection(selection, self.label_menu, at))
        return self.label_menu

    def _beside_selection(self, selection: tuple[int, int], menu: QMenu, at: QPoint | None) -> QPoint:
        """Where a menu about the selection opens (global): under it, or over it when the screen ends below.

        Never on top of it: the reviewer reads the selection while choosing its label.
        """
        rects = [r.translated(self._offset()) for r in self.geometry_cache.fragments(*self.mapping.span_to_qt(*selection))] \
            if self.geometry_cache is not None else []
        if not rects:
            return self.viewport().mapToGlobal(at if at is not None else self._caret_point())
        last, first = rects[-1], rects[0]
        x = int(at.x()) if at is not None and len(rects) == 1 else int(last.left())
        # Below the bars and label names under the line.
        below = self.viewport().mapToGlobal(QPoint(x, int(last.bottom()) + 6))
        height = menu.sizeHint().height()
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        if below.y() + height <= screen.bottom():
            return below
        above = self.viewport().mapToGlobal(QPoint(x, int(first.top()) - 4))
        return QPoint(above.x(), above.y() - height)

    def show_document_label_menu(self) -> QMenu | None:
        state = self.controller.state
        if state is None:
            return None
        if not self.controller.schema.document_labels:
            self.controller.message.emit(self.tr("The label schema has no document labels."))
            return None
        self._close_menu(self.doc_label_menu)
        self.doc_label_menu = document_label_menu(
            self.controller.schema, state.doc_labels, self.controller.set_doc_label, self
        )
        self.doc_label_menu.popup(self.viewport().mapToGlobal(QPoint(24, 24)))
        return self.doc_label_menu

    def _close_menu(self, menu: QMenu | None) -> None:
        if menu is not None:
            menu.close()
            menu.deleteLater()

    def _caret_point(self) -> QPoint:
        return self.cursorRect().bottomLeft()

    def contextMenuEvent(self, event) -> None:
        if self.selection() is not None:
            self.show_label_menu(event.pos())
            return
        self.controller.focus_at(self.position_at(event.pos()))
        menu = span_context_menu(self.controller, self.labelOccurrencesRequested.emit, self)
        if menu is not None:
            menu.popup(event.globalPos())

    def viewportEvent(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip and self.controller.state is not None:
            spans = self.controller.state.spans.at(self.position_at(event.pos()))
            if spans:
                QToolTip.showText(event.globalPos(), plain_tooltip(span_tooltip(self.controller.schema, spans)), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # --- find ---------------------------------------------------------------------------------------

    def set_matches(self, matches: list[tuple[int, int]], current: int = -1) -> None:
        self.matches, self.current_match = matches, current
        if 0 <= current < len(matches):
            self.reveal(*matches[current])
        self.repaint_everything()

    def clear_matches(self) -> None:
        self.set_matches([])
