"""The annotation window: composes the document view, the side panels, menus and status bar.

It holds no annotation logic: the ``ReviewController`` does what the keys
and menus ask, and the widgets draw its state. The window only wires them
together, keeps its own geometry in ``QSettings`` and runs the project's
background jobs.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QSettings, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from annotator import diagnostics, seeding
from annotator.review.keymap import Keymap
from annotator.store import Store
from annotator.ui.annotation_lists import AnnotationLists
from annotator.ui.article_header import ArticleHeader
from annotator.ui.document_view import DocumentView
from annotator.ui.find_bar import FindBar
from annotator.ui.guidelines_panel import GuidelinesPanel
from annotator.ui.help_overlay import HelpOverlay
from annotator.ui.label_palette import LabelPalette
from annotator.ui.project_jobs import ProjectJobs
from annotator.ui.review_controller import ReviewController
from annotator.ui.skip_dialog import SkipDialog
from annotator.ui.span_details import SpanDetails
from annotator.ui.status_bar import ReviewStatusBar
from annotator.ui.window_actions import WindowActions

log = logging.getLogger(__name__)

SETTINGS_ORGANIZATION = "Annotator"
SETTINGS_APPLICATION = "Annotator"
# Bump when the dock layout changes, so an old saved layout is not restored onto new docks.
STATE_VERSION = 1


def window_settings() -> QSettings:
    """Where the window keeps its size, dock layout and zoom (nothing else).

    The default-format constructor, so ``QSettings.setDefaultFormat`` and
    ``setPath`` (the tests' temporary INI file) apply; the names come from
    the application (see ``app.ensure_application``).
    """
    return QSettings()


class MainWindow(QMainWindow):
    def __init__(self, store: Store, keymap: Keymap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.store = store
        self.keymap = keymap
        self.controller = ReviewController(store, self)
        self.jobs = ProjectJobs(store, self)
        self._closed = False

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

        self.palette_panel = LabelPalette(self.controller, self)
        self.details = SpanDetails(self.controller, self)
        self.lists = AnnotationLists(self.controller, self)
        self.guidelines = GuidelinesPanel(self)
        self.docks = {
            "labels": self._dock("labels", self.tr("Labels"), self.palette_panel, Qt.DockWidgetArea.RightDockWidgetArea),
            "details": self._dock("details", self.tr("Focused span"), self.details, Qt.DockWidgetArea.RightDockWidgetArea),
            "annotations": self._dock("annotations", self.tr("In this document"), self.lists, Qt.DockWidgetArea.RightDockWidgetArea),
            "guidelines": self._dock("guidelines", self.tr("Guidelines"), self.guidelines, Qt.DockWidgetArea.RightDockWidgetArea),
        }
        self.tabifyDockWidget(self.docks["annotations"], self.docks["guidelines"])
        self.docks["annotations"].raise_()

        self.status = ReviewStatusBar(self.controller, self)
        self.setStatusBar(self.status)
        self.help_overlay = HelpOverlay(keymap, store.schema, self)
        self.actions = WindowActions(keymap, self)
        self._build_menus()
        self._connect()
        self.view.setPlaceholderText(self.tr("No documents yet. Use File ▸ Import… to add some."))
        self._update_title()
        self.resize(1280, 820)

    # --- composition -------------------------------------------------------------------

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        a = self.actions
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        switch = a.add("switch_annotator", self.tr("Switch annotator…"))
        switch.triggered.connect(self.switch_annotator)
        open_logs = a.add("open_logs", self.tr("Open log folder"))
        open_logs.triggered.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(diagnostics.log_path().parent))))
        quit_action = a.add("quit", self.tr("Quit"), "Ctrl+Q")
        quit_action.triggered.connect(self.close)
        file_menu.addActions([switch, open_logs])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.file_menu = file_menu

        edit = bar.addMenu(self.tr("&Edit"))
        edit.addActions([a["undo"], a["redo"]])
        edit.addSeparator()
        edit.addAction(a["find"])

        document = bar.addMenu(self.tr("&Document"))
        document.addActions([a["done_and_next"], a["skip_and_next"], a["document_labels"]])
        document.addSeparator()
        document.addActions([a["previous_document"], a["next_document"]])
        document.addSeparator()
        document.addActions([a["split_document"], a["merge_with_next"]])
        self.document_menu = document

        annotate = bar.addMenu(self.tr("&Annotate"))
        annotate.addActions([a["focus_next"], a["focus_previous"], a["accept"], a["reject_or_delete"]])
        annotate.addSeparator()
        annotate.addActions([a["start_relation"], a["label_occurrences"], a["cancel"]])
        self.annotate_menu = annotate

        view = bar.addMenu(self.tr("&View"))
        view.addActions([a["zoom_in"], a["zoom_out"], a["zoom_reset"], a["toggle_label_names"]])
        view.addSeparator()
        for dock in self.docks.values():
            view.addAction(dock.toggleViewAction())

        self.project_menu = bar.addMenu(self.tr("&Project"))
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(a["help"])
        guidelines = a.add("show_guidelines", self.tr("Guidelines"))
        guidelines.triggered.connect(lambda: (self.docks["guidelines"].show(), self.docks["guidelines"].raise_()))
        help_menu.addAction(guidelines)
        # Split and merge need the store's segmentation edits; shown greyed out until they exist.
        a["split_document"].setEnabled(False)
        a["merge_with_next"].setEnabled(False)
        a["label_occurrences"].setEnabled(False)

    def _connect(self) -> None:
        a, c, view = self.actions, self.controller, self.view
        a["undo"].triggered.connect(c.undo)
        a["redo"].triggered.connect(c.redo)
        a["done_and_next"].triggered.connect(c.done_and_next)
        a["skip_and_next"].triggered.connect(self.ask_skip)
        a["next_document"].triggered.connect(lambda: c.open_adjacent(+1))
        a["previous_document"].triggered.connect(lambda: c.open_adjacent(-1))
        a["find"].triggered.connect(self.find_bar.open_bar)
        a["zoom_in"].triggered.connect(lambda: view.zoom(+1))
        a["zoom_out"].triggered.connect(lambda: view.zoom(-1))
        a["zoom_reset"].triggered.connect(lambda: view.zoom(0))
        a["toggle_label_names"].toggled.connect(view.set_show_tags)
        a["help"].triggered.connect(self.help_overlay.show_over_parent)
        # Text-scope entries in the menus run the same code the keys run.
        for name in ("focus_next", "focus_previous", "accept", "reject_or_delete", "start_relation", "cancel"):
            a[name].triggered.connect(view._actions[name])
        a["document_labels"].triggered.connect(view.show_document_label_menu)
        a["label_occurrences"].triggered.connect(view.labelOccurrencesRequested)

        view.windowActionRequested.connect(lambda name: a[name].trigger())
        self.palette_panel.picked.connect(view.apply_label)
        self.lists.relationChosen.connect(self._show_relation)
        self.header.flagActivated.connect(lambda offset: view.reveal(offset, offset + 1))
        c.documentOpened.connect(self._update_title)
        c.documentsChanged.connect(self._update_title)

        self.jobs.activity.connect(self.status.set_background)
        self.jobs.documentsAdded.connect(self._documents_added)
        self.jobs.candidatesReady.connect(self._candidates_ready)
        self.jobs.segmenterReady.connect(self._segmenter_ready)
        self.jobs.failed.connect(self.status.say)

    # --- starting -----------------------------------------------------------------------

    def start(self, *, background: bool = True) -> None:
        """Open the first unfinished document with the keyboard in the text; with ``background``, start the jobs."""
        if not self.controller.open_first_unfinished() and seeding.needs_seeding(self.store):
            self.view.setPlaceholderText(self.tr("Importing the bundled seed pages…"))
        self.view.setFocus()
        if background:
            self.start_background()

    def start_background(self) -> None:
        """Seed an empty project and load jieba, off the main thread."""
        if not self._closed:
            self.jobs.start()

    def _documents_added(self, doc_ids: list) -> None:
        self.view.setPlaceholderText(self.tr("No documents yet. Use File ▸ Import… to add some."))
        if self.controller.state is None:
            self.controller.open_first_unfinished()
            self.view.setFocus()
        self.controller.documentsChanged.emit()

    def _candidates_ready(self, doc_ids: list) -> None:
        if self.controller.doc_id in doc_ids:
            self.controller.reload()

    def _segmenter_ready(self) -> None:
        from annotator.text.segmenter import get_segmenter

        self.view.set_tokenizer(get_segmenter())

    # --- window-level commands ------------------------------------------------------------

    def ask_skip(self) -> SkipDialog | None:
        if self.controller.state is None:
            return None
        dialog = SkipDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.controller.skip_and_next(dialog.chosen()))
        dialog.open()
        return dialog

    def switch_annotator(self) -> None:
        from annotator.ui.identity import ask_annotator

        name = ask_annotator(self.store.annotators(), self.store.annotator, self)
        if name and name != self.store.annotator:
            self.set_annotator(name)

    def set_annotator(self, name: str) -> None:
        self.controller.flush_time()
        self.store.set_annotator(name)
        self.status.refresh_annotator()
        self._update_title()
        self.status.say(self.tr("Now annotating as %1.").replace("%1", name))

    def _show_relation(self, relation_id: int) -> None:
        self.view.highlighted_relation = relation_id
        relation = next((r for r in self.controller.state.relations if r.id == relation_id), None)
        if relation is not None:
            head = self.controller.state.entities.get(relation.head_id)
            if head is not None:
                self.view.reveal(head.start, head.end)
        self.view.viewport().update()

    def _update_title(self, *_args) -> None:
        state = self.controller.state
        name = state.document.title if state and state.document.title else self.tr("Annotator")
        self.setWindowTitle(f"{name} — {self.store.path.name} — Annotator")

    # --- settings and closing ----------------------------------------------------------------

    def restore_settings(self, settings: QSettings) -> None:
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state, STATE_VERSION)
        size = settings.value("view/point_size")
        if size is not None:
            try:
                self.view.set_point_size(float(size))
            except (TypeError, ValueError):
                pass
        show_tags = settings.value("view/show_label_names")
        if show_tags is not None:
            self.actions["toggle_label_names"].setChecked(str(show_tags).lower() in ("true", "1"))

    def save_settings(self, settings: QSettings) -> None:
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState(STATE_VERSION))
        settings.setValue("view/point_size", self.view.point_size)
        settings.setValue("view/show_label_names", self.view.show_tags)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop background jobs, write the time on the open document, keep the layout, close the store."""
        if self._closed:
            return
        self._closed = True
        self.jobs.shutdown()
        try:
            self.controller.close()
            self.save_settings(window_settings())
        finally:
            self.store.close()

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Annotator"), message)
