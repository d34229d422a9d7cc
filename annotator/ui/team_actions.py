"""The window's entries for team work: File ▸ Merge packages, Project ▸ Assign, Adjudicate, Agreement.

Kept out of ``menus.py`` and ``main_window.py`` (one call from the menus adds
them all); the dialogs and views load when first opened.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow



def _load(module: str, name: str):
    return getattr(importlib.import_module(f"annotator.ui.{module}"), name)


def add_team_tools(window: MainWindow) -> None:
    a = window.actions_by_name
    merge = a.add("merge_packages", QCoreApplication.translate("Menus", "Merge packages…"))
    merge.triggered.connect(lambda: open_merge(window))
    entries = window.file_menu.actions()
    after_export = entries[entries.index(a["export_data"]) + 1] if a["export_data"] in entries else None
    if after_export is None:
        window.file_menu.addAction(merge)
    else:
        window.file_menu.insertAction(after_export, merge)

    window.project_menu.addSeparator()
    assign = a.add("assign_documents", QCoreApplication.translate("Menus", "Assign documents…"))
    assign.triggered.connect(lambda: open_assign(window))
    adjudicate = a.add("adjudicate", QCoreApplication.translate("Menus", "Adjudicate…"))
    adjudicate.triggered.connect(lambda: open_adjudication(window))
    agreement = a.add("agreement", QCoreApplication.translate("Menus", "Agreement…"))
    agreement.triggered.connect(lambda: open_agreement(window))
    window.project_menu.addActions([assign, adjudicate, agreement])


def open_merge(window: MainWindow):
    dialog = _load("merge_dialog", "MergeDialog")(window.store, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.merged.connect(lambda _report: project_changed(window))
    dialog.finished.connect(lambda _result: window.view.setFocus())
    dialog.open()
    return dialog


def open_assign(window: MainWindow):
    dialog = _load("assign_dialog", "AssignDialog")(window.store, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _result: window.view.setFocus())
    dialog.open()
    return dialog


def open_adjudication(window: MainWindow, doc_id: str | None = None):
    """The adjudication window (one), on ``doc_id`` or the first document waiting."""
    show = _load("adjudication_view", "show_adjudication")
    existing = window._tools.get("adjudication")
    if existing is not None:
        try:
            existing.show()
            existing.raise_()
            if doc_id:
                existing.view.open_document(doc_id)
            return existing
        except RuntimeError:  # closed and deleted meanwhile
            pass
    window.controller.flush_time()
    tool = show(window.store, window, doc_id)
    tool.view.goldChanged.connect(lambda changed: gold_changed(window, changed))
    tool.view.editRequested.connect(lambda chosen: edit_in_window(window, chosen))
    window._tools["adjudication"] = tool
    return tool


def open_agreement(window: MainWindow):
    window.open_tool("agreement", _load("agreement_view", "show_agreement"))
    tool = window._tools["agreement"]
    if not getattr(tool, "_wired", False):
        tool.view.documentChosen.connect(lambda doc_id: open_adjudication(window, doc_id))
        tool._wired = True
    return tool


def gold_changed(window: MainWindow, doc_id: str) -> None:
    """Adjudication changed a document's annotations: show them if it is open, and refresh the list."""
    if window.controller.doc_id == doc_id:
        window.controller.reload()
    window.controller.documentsChanged.emit()


def edit_in_window(window: MainWindow, doc_id: str) -> None:
    window.open_picked_document(doc_id)
    window.raise_()
    window.activateWindow()
    window.view.setFocus()


def project_changed(window: MainWindow) -> None:
    """A merge brought in versions, gold and maybe documents: show them."""
    window.build_panels()  # (built already, unless this comes in the moment after the first article)
    window.documents.refresh()
    if window.controller.state is None:
        window.controller.open_first_unfinished()
    else:
        window.controller.reload()
    window.controller.documentsChanged.emit()
