"""The annotation window: composes the document view, the side panels, menus and status bar.

It holds no annotation logic: the ``ReviewController`` does what the keys
and menus ask, and the widgets draw its state. The window wires them
together, keeps its own geometry in ``QSettings`` and runs the project's
background jobs.

It is built in steps so it can paint before the heavy parts load:
``MainWindow()`` is an empty frame that costs next to nothing to show;
``open_project(store, keymap)`` then imports and builds what the first
article needs (the text, its header, the menus, the status bar, the docks'
frames); ``build_panels()`` fills the docks (the document list, the labels,
the focused span, the lists, the guidelines). The app shows the first
article before it builds the panels, a moment later; ``app.fill_window``
(the tests, the screenshots) builds them at once.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

# ``Qt`` (the namespace of Qt's enums) is read as ``QtCore.Qt`` where it is used:
# importing the name costs ~20 ms, which the empty window's first paint need not wait for.
from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QCoreApplication, QSettings
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.plain_text import plain_label, plain_message_box
from annotator.ui.settings import ui_settings

if TYPE_CHECKING:
    from annotator.review.keymap import Keymap
    from annotator.store import Store
    from annotator.ui.annotation_lists import AnnotationLists
    from annotator.ui.document_list import DocumentListPanel
    from annotator.ui.guidelines_panel import GuidelinesPanel
    from annotator.ui.help_overlay import HelpOverlay
    from annotator.ui.label_palette import LabelPalette
    from annotator.ui.span_details import SpanDetails

log = logging.getLogger(__name__)

# Bump when the dock layout changes, so an old saved layout is not restored onto new docks.
STATE_VERSION = 2
# the document list's width at first, before the user has a layout of their own
DOCUMENTS_WIDTH = 340


class MainWindow(QMainWindow):
    # the menus (annotator.ui.menus builds them as the project opens)
    file_menu: QMenu
    document_menu: QMenu
    annotate_menu: QMenu
    project_menu: QMenu
    language_menu: QMenu
    # the docks' contents (``build_panels``)
    documents: DocumentListPanel
    palette_panel: LabelPalette
    details: SpanDetails
    lists: AnnotationLists
    guidelines: GuidelinesPanel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle("Annotator")
        self.resize(1360, 860)
        self.store: Store | None = None
        self._closed = False
        # tool windows opened from the menus (the dashboard...), by name
        self._tools: dict = {}
        self._background_started = False
        # True while the document list's current row is being followed (see open_picked_document)
        self._browsing = False
        self._corpus_query = ""
        self._store_failure_shown = False
        # the docks hold their panels (``build_panels``), not the placeholders they start with
        self.panels_built = False
        self._help_overlay: HelpOverlay | None = None
        # shown over the text when the project is read-only (project_safety.show_read_only)
        self.read_only_banner: QLabel | None = None
        # A blank page first: the first text drawn loads the fonts (several
        # milliseconds), which the first paint need not wait for.
        blank = QWidget(self)
        blank.setStyleSheet("background: #ffffff;")
        self.setCentralWidget(blank)

    def show_opening(self) -> None:
        """Say that the project is opening, and paint that now (before the opening blocks the window)."""
        opening = plain_label(self.tr("Opening the project…"), self)
        opening.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        opening.setStyleSheet("color: #7b8794; background: #ffffff;")
        self.setCentralWidget(opening)
        opening.repaint()

    # --- composition -------------------------------------------------------------------

    def open_project(self, store: Store, keymap: Keymap) -> None:
        """Build what the first article needs on ``store``; the window owns the store from now on.

        The docks start empty, at their sizes: ``build_panels`` fills them.
        """
        # Imported here, not at the top: see the module's docstring.
        from annotator.review.hold import HeldDocuments
        from annotator.ui.article_header import ArticleHeader
        from annotator.ui.document_view import DocumentView
        from annotator.ui.find_bar import FindBar
        from annotator.ui.learning_jobs import SuggesterJobs
        from annotator.ui.menus import build_menus, connect_actions
        from annotator.ui.project_jobs import ProjectJobs
        from annotator.ui.review_controller import ReviewController
        from annotator.ui.status_bar import ReviewStatusBar
        from annotator.ui.window_actions import WindowActions

        self.store = store
        self.keymap = keymap
        self.controller = ReviewController(store, self)
        # the document on screen, which background refreshes with a new model leave alone until it is left
        self.hold = HeldDocuments()
        self.jobs = ProjectJobs(store, self, hold=self.hold)
        self.learning = SuggesterJobs(store, self.hold, self)

        self.view = DocumentView(self.controller, keymap, self)
        self.header = ArticleHeader(self.controller, self)
        self.find_bar = FindBar(self.view, self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)

        left, right = QtCore.Qt.DockWidgetArea.LeftDockWidgetArea, QtCore.Qt.DockWidgetArea.RightDockWidgetArea
        self.docks = {
            "documents": self._dock("documents", self.tr("Documents"), left),
            "labels": self._dock("labels", self.tr("Labels"), right),
            "details": self._dock("details", self.tr("Focused span"), right),
            "annotations": self._dock("annotations", self.tr("In this document"), right),
            "guidelines": self._dock("guidelines", self.tr("Guidelines"), right),
        }
        self.tabifyDockWidget(self.docks["annotations"], self.docks["guidelines"])
        self.docks["annotations"].raise_()
        # Wide enough for the list's filter buttons with their counts (about 320 px in English), so
        # the text does not move when build_panels puts the list in.
        self.resizeDocks([self.docks["documents"]], [DOCUMENTS_WIDTH], QtCore.Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["labels"]], [330], QtCore.Qt.Orientation.Horizontal)
        # Room for the focused span's text, its label and facts without scrolling, at the default size.
        self.resizeDocks(
            [self.docks["labels"], self.docks["details"], self.docks["annotations"]], [310, 165, 250],
            QtCore.Qt.Orientation.Vertical,
        )

        self.status = ReviewStatusBar(self.controller, self)
        self.setStatusBar(self.status)
        self.actions_by_name = WindowActions(keymap, self)
        build_menus(self)
        connect_actions(self)
        self.controller.storeFailed.connect(self.store_failed)
        self.jobs.damaged.connect(self.project_damaged)
        if store.read_only:
            # loaded after the empty window's first paint (start-up time; see the module's docstring)
            from annotator.ui.project_safety import show_read_only

            show_read_only(self)
        self.view.setPlaceholderText(self.tr("No documents yet. Use File ▸ Import… to add some."))
        self.setAcceptDrops(True)
        self._update_title()

    @property
    def help_overlay(self) -> HelpOverlay:
        """The keys' help over the window (F1), built when first asked for."""
        if self._help_overlay is None:
            # Imported here, not at the top: see the module's docstring.
            from annotator.ui.help_overlay import HelpOverlay

            self._help_overlay = HelpOverlay(self.keymap, self.controller.store.schema.current, self)
        return self._help_overlay

    def build_panels(self) -> None:
        """Fill the docks: the document list, the labels, the focused span, the lists and the guidelines.

        Each panel shows the open document as it is now; from then on it follows the controller.
        """
        if self.panels_built or self.store is None:
            return
        # Imported here, not at the top: see the module's docstring.
        from annotator.ui.annotation_lists import AnnotationLists
        from annotator.ui.document_list import DocumentListPanel
        from annotator.ui.guidelines_panel import GuidelinesPanel
        from annotator.ui.label_palette import LabelPalette
        from annotator.ui.menus import connect_panels
        from annotator.ui.span_details import SpanDetails

        store = self.store
        self.documents = DocumentListPanel(store, self)
        self.palette_panel = LabelPalette(self.controller, self)
        self.details = SpanDetails(self.controller, self)
        self.lists = AnnotationLists(self.controller, self)
        self.guidelines = GuidelinesPanel(self)
        own_guidelines = store.settings.get("guidelines")  # a project's own (a package always carries them)
        if own_guidelines:
            self.guidelines.setMarkdown(own_guidelines)
        for name, panel in (
            ("documents", self.documents), ("labels", self.palette_panel), ("details", self.details),
            ("annotations", self.lists), ("guidelines", self.guidelines),
        ):
            placeholder = self.docks[name].widget()
            self.docks[name].setWidget(panel)
            if placeholder is not None:
                placeholder.deleteLater()
        self.panels_built = True
        # the order the controller was given (the user's, from the settings) is the list's too
        self.documents.set_order(self.controller.order)
        connect_panels(self)
        if self.controller.doc_id is not None:
            self.documents.select_document(self.controller.doc_id)

    def _dock(self, name: str, title: str, area: QtCore.Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        # blank until build_panels puts the panel in
        placeholder = QWidget(dock)
        placeholder.setStyleSheet("background: #ffffff;")
        dock.setWidget(placeholder)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    # --- starting -----------------------------------------------------------------------

    def start(self, *, background: bool = True) -> None:
        """Open the first unfinished document with the keyboard in the text; with ``background``, start the jobs."""
        if not self.controller.open_first_unfinished():
            # Imported here, and only for a project with nothing to open, for start-up time:
            # seeding brings the whole import pipeline (formats, the page parser).
            from annotator.project import seeding

            if seeding.needs_seeding(self.controller.store):
                self.view.setPlaceholderText(self.tr("Importing the bundled seed pages…"))
        self.view.setFocus()
        if background:
            self.start_background()

    def start_background(self) -> None:
        """Seed an empty project and load jieba, off the main thread."""
        if not self._closed and self.store is not None:
            self._background_started = True
            self.jobs.start()
            self.learning.start()
            if self.controller.doc_id is not None:
                self.jobs.prepare(self.controller.doc_id)

    def documents_added(self, doc_ids: list) -> None:
        self.view.setPlaceholderText(self.tr("No documents yet. Use File ▸ Import… to add some."))
        if self.panels_built:
            self.documents.refresh()
        if self.controller.state is None:
            self.controller.open_first_unfinished()
            self.view.setFocus()
        self.controller.documentsChanged.emit()

    def candidates_ready(self, doc_ids: list) -> None:
        if self.controller.doc_id in doc_ids:
            self.controller.reload()
        if self.panels_built:
            self.documents.refresh()

    # --- the suggester learning --------------------------------------------------------------

    def train_suggester(self) -> None:
        """Project ▸ Train suggester now: in the background, with progress in the status bar."""
        if not self.learning.train():
            self.status.say(self.tr("The suggester is already training."))

    def open_suggester(self):
        # loaded after the empty window's first paint (start-up time; see the module's docstring)
        from annotator.ui.suggester_dialog import show_suggester_dialog

        if self.store is None:
            return None
        dialog = show_suggester_dialog(self.store, self.learning, self)
        dialog.finished.connect(lambda _result: self.view.setFocus())
        return dialog

    def learning_progress(self, text: str, percent: int, cancellable: bool) -> None:
        self.status.set_learning(text, percent, cancellable=cancellable)
        self.actions_by_name["stop_training"].setEnabled(self.learning.running)

    def suggester_trained(self, _outcome) -> None:
        """A new model: the list's "most unsure first" order and the figures changed."""
        if self.panels_built:
            self.documents.reorder()

    def suggester_not_ready(self, readiness) -> None:
        """Train now, with too little reviewed data: say how much more is needed."""
        # loaded after the empty window's first paint (start-up time; see the module's docstring)
        from PySide6.QtWidgets import QMessageBox

        from annotator.ui.learning_jobs import readiness_text

        box = plain_message_box(self, self.tr("Train suggester"), readiness_text(readiness), QMessageBox.Icon.Information)
        box.setObjectName("NotEnoughToTrain")
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def set_review_order(self, order: str) -> None:
        """The list's order, which "done and next" and the candidates prepared ahead follow too."""
        self.controller.order = order
        self.jobs.order = order

    def segmenter_ready(self) -> None:
        # loaded after the empty window's first paint (start-up time; see the module's docstring)
        from annotator.text.segmenter import get_segmenter

        self.view.set_tokenizer(get_segmenter())

    # --- window-level commands ------------------------------------------------------------

    def ask_skip(self):
        # loaded after the empty window's first paint (start-up time; see the module's docstring)
        from annotator.ui.skip_dialog import SkipDialog

        if self.controller.state is None:
            return None
        dialog = SkipDialog(self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.controller.skip_and_next(dialog.chosen()))
        dialog.open()
        return dialog

    def label_occurrences(self):
        """Review, then label, the other occurrences of the focused span's text."""
        # loaded after the empty window's first paint (start-up time; see the module's docstring)
        from annotator.ui.occurrences_dialog import OccurrencesDialog

        span = self.controller.focused_span()
        if span is None:
            self.status.say(self.tr("Tab to an entity first; A labels its other occurrences."))
            return None
        dialog = OccurrencesDialog(self.controller, span.text, span.label, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.view.setFocus())
        dialog.open()
        return dialog

    def import_files(self, dialog_class, paths: list[str] | None = None):
        """File ▸ Import (or files dropped on the window): new documents show in the list at once."""
        self.controller.flush_time()
        dialog = dialog_class(self.store, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        if paths:
            dialog.add_paths(paths)
        dialog.imported.connect(self.documents_added)
        dialog.finished.connect(lambda _result: self.view.setFocus())
        dialog.open()
        return dialog

    def export_data(self, dialog_class):
        dialog = dialog_class(self.store, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.view.setFocus())
        dialog.open()
        return dialog

    def dragEnterEvent(self, event) -> None:
        if self.store is not None and event.mimeData().hasUrls() and self.actions_by_name["import_files"].isEnabled():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        # loaded after the empty window's first paint (start-up time; see the module's docstring)
        from annotator.ui.import_dialog import ImportDialog

        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.import_files(ImportDialog, paths)
            event.acceptProposedAction()

    def edit_schema(self, editor_class):
        """Project ▸ Label schema: the editor, over this window; Save is a step on the undo history."""
        editor = editor_class(self.store, self, run_step=self.controller.push, doc_id=self.controller.doc_id or "")
        editor.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.schemaChanged.connect(lambda _schema: self.status.say(self.tr("Label schema saved. Ctrl+Z takes it back.")))
        editor.finished.connect(lambda _result: self.view.setFocus())
        editor.open()
        return editor

    def schema_changed(self) -> None:
        """Labels were renamed, recoloured, added or removed (or an undo put them back): redraw what shows them."""
        schema = self.controller.store.schema.current
        if self._help_overlay is not None:
            self._help_overlay.set_content(self.keymap, schema)
        self.header.refresh()
        self.view.schema_changed()
        if self.panels_built:
            self.palette_panel.rebuild()
            self.documents.refresh_choices()

    def open_tool(self, name: str, show) -> None:
        """A tool window (the dashboard...): one of each, raised if it is open already."""
        existing = self._tools.get(name)
        if existing is not None:
            try:
                existing.show()
                existing.raise_()
                existing.activateWindow()
                return
            except RuntimeError:  # closed and deleted meanwhile
                pass
        self._tools[name] = show(self.store, self)

    def _close_tools(self) -> None:
        for tool in self._tools.values():
            try:
                tool.close()
            except RuntimeError:
                pass

    def switch_annotator(self) -> None:
        # loaded after the empty window's first paint (start-up time; see the module's docstring)
        from annotator.ui.identity import ask_annotator

        store = self.controller.store
        name = ask_annotator(store.settings.annotators(), store.annotator, self)
        if name and name != store.annotator:
            self.set_annotator(name)

    def set_annotator(self, name: str) -> None:
        self.controller.flush_time()
        self.controller.store.set_annotator(name)
        self.status.refresh_annotator()
        self._update_title()
        self.status.say(self.tr("Now annotating as %1.").replace("%1", name))

    def show_relation(self, relation_id: int) -> None:
        """A relation picked in the list: draw it with both its ends."""
        state = self.controller.state
        if state is None:
            return
        self.view.highlighted_relation = relation_id
        relation = next((r for r in state.relations if r.id == relation_id), None)
        if relation is not None:
            head = state.entities.get(relation.head_id)
            if head is not None:
                self.view.reveal(head.start, head.end)
        self.view.repaint_everything()
        self.return_to_text()

    def show_flag(self, offset: int) -> None:
        """An import flag clicked in the header: its place in the text."""
        self.view.reveal(offset, offset + 1)
        self.return_to_text()

    def show_guidelines(self) -> None:
        self.build_panels()
        self.docks["guidelines"].show()
        self.docks["guidelines"].raise_()

    # --- where the keyboard goes ------------------------------------------------------------------

    def return_to_text(self) -> None:
        """The focus rule: after any navigation the keyboard is in the text, so Tab reaches the next span.

        The one exception is browsing the document list with the arrow keys,
        which keeps the keyboard in the list (``open_picked_document``).
        """
        self.view.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def open_picked_document(self, doc_id: str) -> None:
        """The list's current row changed (click or arrow keys): show it, and leave the keyboard where it is."""
        self._browsing = True
        try:
            if doc_id != self.controller.doc_id:
                self.controller.open_document(doc_id)
        finally:
            self._browsing = False

    def undo(self) -> None:
        self.controller.undo()
        self.return_to_text()

    def redo(self) -> None:
        self.controller.redo()
        self.return_to_text()

    def highlight_search(self, query: str) -> None:
        """The document list's search, shown in the open document."""
        # loaded after the empty window's first paint (start-up time; see the module's docstring)
        from annotator.project.search import find_hits, parse_query

        self._corpus_query = query
        state = self.controller.state
        if state is None or self.find_bar.isVisible():
            return
        hits = find_hits(state.text, parse_query(query)) if query else []
        self.view.set_matches(hits, 0 if hits else -1)

    def search_all_documents(self, query: str) -> None:
        self.build_panels()
        self.docks["documents"].show()
        self.documents.search_box.setText(query)
        self.documents.focus_search()

    def _document_opened(self, doc_id: str) -> None:
        state = self.controller.state
        self.learning.document_opened(doc_id, state.pending_count() if state is not None else 0)
        if not self._browsing:
            self.return_to_text()
        if self.panels_built:
            self.documents.select_document(doc_id)
        if self._background_started:
            self.jobs.prepare(doc_id)
        if self._corpus_query:
            self.highlight_search(self._corpus_query)
        self._update_title()

    def _update_title(self, *_args) -> None:
        state = self.controller.state
        name = state.document.title if state and state.document.title else None
        store = self.controller.store
        project = store.path.name + (self.tr(" (read-only)") if store.read_only else "")
        parts = [p for p in (name, project, "Annotator") if p]
        self.setWindowTitle(" — ".join(parts))

    def flush_panels(self) -> None:
        """Bring the panels that follow the text a moment later up to date now (tests, screenshots)."""
        self.build_panels()
        self.status.flush()
        self.lists.flush()
        self.details.flush()
        self.palette_panel.flush()
        self.documents.refresh()

    # --- settings and closing ----------------------------------------------------------------

    def restore_geometry(self, settings: QSettings) -> None:
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def restore_settings(self, settings: QSettings) -> None:
        """Geometry, dock layout, zoom and label names, as the user left them."""
        self.restore_geometry(settings)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            if self.isVisible():
                # The docks were just added to a shown window (it paints before the
                # project opens); until the posted layout events run, restoreState
                # would spread the docks over the whole width and crush the text.
                QCoreApplication.sendPostedEvents()
            self.restoreState(state, STATE_VERSION)
        size = settings.value("view/point_size")
        if size is not None:
            try:
                self.view.set_point_size(float(size))
            except (TypeError, ValueError):
                pass
        order = settings.value("documents/order")
        if isinstance(order, str) and order:
            if self.panels_built:
                self.documents.set_order(order)
            else:
                self.set_review_order(order)  # the list takes it from the controller (build_panels)
        show_tags = settings.value("view/show_label_names")
        if show_tags is not None:
            self.actions_by_name["toggle_label_names"].setChecked(str(show_tags).lower() in ("true", "1"))

    def save_settings(self, settings: QSettings) -> None:
        settings.setValue("window/geometry", self.saveGeometry())
        if self.store is not None:
            settings.setValue("window/state", self.saveState(STATE_VERSION))
            settings.setValue("view/point_size", self.view.point_size)
            settings.setValue("view/show_label_names", self.view.show_tags)
            settings.setValue("documents/order", self.documents.filter.order if self.panels_built else self.controller.order)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop background work, write the time on the open document, keep the layout, close the store."""
        if self._closed:
            return
        self._closed = True
        if self.store is None:
            return
        self._close_tools()
        self.learning.shutdown()
        self.jobs.shutdown()
        if self.panels_built:
            self.documents.shutdown()
        try:
            self.controller.close()
            self.save_settings(ui_settings())
        finally:
            # Nothing may read the store once it is closed: the panels' pending refreshes go too
            # (a window can outlive its store for a while: restoring a backup, for one).
            for timer in self.findChildren(QtCore.QTimer):
                timer.stop()
            self.store.close()

    def show_error(self, message: str) -> None:
        plain_message_box(self, self.tr("Annotator"), message).exec()

    def store_failed(self, message: str) -> None:
        """The database could not take a step (disk full, damaged file): say so plainly, once at a time."""
        if self._store_failure_shown:
            return
        self._store_failure_shown = True
        try:
            self.show_error(message)
        finally:
            self._store_failure_shown = False

    def project_damaged(self, message: str) -> None:
        """The background check found the project damaged: offer to restore the newest good backup."""
        # loaded after the empty window's first paint (start-up time; see the module's docstring)
        from annotator.ui import project_safety

        if self._closed or self.store is None:
            return
        if project_safety.offer_restore(self, self.store.path, message):
            project_safety.restore_and_reopen(self)
