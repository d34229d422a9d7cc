"""The window's menus, and what each action is connected to.

Kept apart from the window so the window stays a list of its parts. The
dialogs behind the File and Project menus (import, export, the label schema
editor, the dashboard) are imported when first opened, not at start-up.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices

from annotator.platform import diagnostics
from annotator.ui.project_switching import choose_and_open_project
from annotator.ui.team_actions import add_team_tools

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def build_menus(window: MainWindow) -> None:
    a = window.actions_by_name
    bar = window.menuBar()

    file_menu = bar.addMenu(QCoreApplication.translate("Menus", "&File"))
    open_project = a["open_project"]
    open_project.triggered.connect(lambda: choose_and_open_project(window))
    switch = a.add("switch_annotator", QCoreApplication.translate("Menus", "Switch annotator…"))
    switch.triggered.connect(window.switch_annotator)
    open_logs = a.add("open_logs", QCoreApplication.translate("Menus", "Open log folder"))
    open_logs.triggered.connect(
        lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(diagnostics.log_path().parent)))
    )
    quit_action = a.add("quit", QCoreApplication.translate("Menus", "Quit"), "Ctrl+Q")
    quit_action.triggered.connect(window.close)
    file_menu.addAction(open_project)
    file_menu.addSeparator()
    file_menu.addActions([a["import_files"], a["export_data"]])
    file_menu.addSeparator()
    file_menu.addActions([switch, open_logs])
    file_menu.addSeparator()
    file_menu.addAction(quit_action)
    window.file_menu = file_menu

    edit = bar.addMenu(QCoreApplication.translate("Menus", "&Edit"))
    edit.addActions([a["undo"], a["redo"]])
    edit.addSeparator()
    edit.addActions([a["find"], a["search_documents"]])

    document = bar.addMenu(QCoreApplication.translate("Menus", "&Document"))
    document.addActions([a["done_and_next"], a["skip_and_next"], a["document_labels"]])
    document.addSeparator()
    document.addActions([a["previous_document"], a["next_document"]])
    document.addSeparator()
    document.addActions([a["split_document"], a["merge_with_next"], a["move_to_previous"], a["move_to_next"]])
    window.document_menu = document

    annotate = bar.addMenu(QCoreApplication.translate("Menus", "&Annotate"))
    annotate.addActions([a["focus_next"], a["focus_previous"], a["accept"], a["reject_or_delete"]])
    annotate.addSeparator()
    annotate.addActions([a["start_relation"], a["label_occurrences"], a["cancel"]])
    window.annotate_menu = annotate

    view = bar.addMenu(QCoreApplication.translate("Menus", "&View"))
    view.addActions([a["zoom_in"], a["zoom_out"], a["zoom_reset"], a["toggle_label_names"]])
    view.addSeparator()
    for dock in window.docks.values():
        view.addAction(dock.toggleViewAction())
    # the language menu loads the translations' list when the menu is built, after the first paint
    from annotator.ui.i18n import LanguageMenu

    view.addSeparator()
    window.language_menu = LanguageMenu(window)
    view.addMenu(window.language_menu)

    window.project_menu = bar.addMenu(QCoreApplication.translate("Menus", "&Project"))
    add_project_tools(window)
    help_menu = bar.addMenu(QCoreApplication.translate("Menus", "&Help"))
    help_menu.addAction(a["help"])
    guidelines = a.add("show_guidelines", QCoreApplication.translate("Menus", "Guidelines"))
    guidelines.triggered.connect(window.show_guidelines)
    help_menu.addAction(guidelines)


def connect_actions(window: MainWindow) -> None:
    a, c, view = window.actions_by_name, window.controller, window.view
    a["undo"].triggered.connect(window.undo)
    a["redo"].triggered.connect(window.redo)
    a["done_and_next"].triggered.connect(c.done_and_next)
    a["skip_and_next"].triggered.connect(window.ask_skip)
    a["next_document"].triggered.connect(lambda: c.open_adjacent(+1))
    a["previous_document"].triggered.connect(lambda: c.open_adjacent(-1))
    a["find"].triggered.connect(window.find_bar.open_bar)
    a["search_documents"].triggered.connect(
        lambda: window.search_all_documents(window.documents.search_box.text() if window.panels_built else "")
    )
    a["zoom_in"].triggered.connect(lambda: view.zoom(+1))
    a["zoom_out"].triggered.connect(lambda: view.zoom(-1))
    a["zoom_reset"].triggered.connect(lambda: view.zoom(0))
    a["toggle_label_names"].toggled.connect(view.set_show_tags)
    a["help"].triggered.connect(lambda: window.help_overlay.show_over_parent())
    # Text-scope entries in the menus run the same code the keys run.
    for name in ("focus_next", "focus_previous", "accept", "reject_or_delete", "start_relation", "cancel"):
        a[name].triggered.connect(view.text_action(name))
    a["document_labels"].triggered.connect(view.show_document_label_menu)
    a["label_occurrences"].triggered.connect(window.label_occurrences)
    view.labelOccurrencesRequested.connect(window.label_occurrences)
    a["split_document"].triggered.connect(c.split_at_caret)
    a["merge_with_next"].triggered.connect(c.merge_with_next)
    a["move_to_previous"].triggered.connect(lambda: c.move_selection(view.selection(), -1))
    a["move_to_next"].triggered.connect(lambda: c.move_selection(view.selection(), +1))

    view.windowActionRequested.connect(lambda name: a[name].trigger())
    window.header.flagActivated.connect(window.show_flag)
    window.find_bar.searchAllRequested.connect(window.search_all_documents)
    window.find_bar.enable_search_all(True)
    c.documentOpened.connect(window._document_opened)
    c.documentsChanged.connect(window._update_title)
    c.schemaChanged.connect(window.schema_changed)

    learning = window.learning
    learning.progress.connect(window.learning_progress)
    learning.candidatesReady.connect(window.candidates_ready)
    learning.trained.connect(window.suggester_trained)
    learning.notReady.connect(window.suggester_not_ready)
    learning.modelProblem.connect(window.status.say)
    learning.message.connect(window.status.say)
    learning.failed.connect(window.status.say)
    window.status.cancelLearningRequested.connect(learning.cancel)
    c.documentsChanged.connect(learning.documents_changed)

    jobs = window.jobs
    jobs.activity.connect(window.status.set_background)
    jobs.documentsAdded.connect(window.documents_added)
    jobs.candidatesReady.connect(window.candidates_ready)
    c.relabelled.connect(jobs.propagate)
    jobs.segmenterReady.connect(window.segmenter_ready)
    jobs.failed.connect(window.status.say)


def connect_panels(window: MainWindow) -> None:
    """What the docks' panels are connected to, once they are built (``MainWindow.build_panels``)."""
    c, view = window.controller, window.view
    window.palette_panel.picked.connect(view.apply_label)
    window.lists.relationChosen.connect(window.show_relation)
    window.lists.entityChosen.connect(window.return_to_text)
    window.documents.documentPicked.connect(window.open_picked_document)
    window.documents.textRequested.connect(window.return_to_text)
    window.documents.searchChanged.connect(window.highlight_search)
    window.documents.orderChanged.connect(window.set_review_order)
    c.documentsChanged.connect(window.documents.refresh)


def add_project_tools(window: MainWindow) -> None:
    """File and Project menu entries whose dialogs load on first use."""
    a = window.actions_by_name
    a["import_files"].triggered.connect(lambda: window.import_files(_dialog("import_dialog", "ImportDialog")))
    a["export_data"].triggered.connect(lambda: window.export_data(_dialog("export_dialog", "ExportDialog")))
    action = a.add("label_schema", QCoreApplication.translate("Menus", "Label schema…"))
    action.triggered.connect(lambda: window.edit_schema(_dialog("schema_editor", "SchemaEditor")))
    window.project_menu.addAction(action)
    action = a.add("dashboard", QCoreApplication.translate("Menus", "Dashboard…"))
    action.triggered.connect(lambda: window.open_tool("dashboard", _dialog("dashboard", "show_dashboard")))
    window.project_menu.addAction(action)
    window.project_menu.addSeparator()
    action = a.add("train_suggester", QCoreApplication.translate("Menus", "Train suggester now"))
    action.triggered.connect(window.train_suggester)
    window.project_menu.addAction(action)
    action = a.add("stop_training", QCoreApplication.translate("Menus", "Stop training"))
    action.setEnabled(False)
    action.triggered.connect(window.learning.cancel)
    window.project_menu.addAction(action)
    action = a.add("suggester_settings", QCoreApplication.translate("Menus", "Suggester…"))
    action.triggered.connect(window.open_suggester)
    window.project_menu.addAction(action)
    add_team_tools(window)


def _dialog(module: str, name: str):
    return getattr(importlib.import_module(f"annotator.ui.{module}"), name)
