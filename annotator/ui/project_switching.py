"""Opening another project in the app: File ▸ Open project…, and reopening after a restore.

The window is built around one store, so another project gets a new window: the
current one closes (writing its time and layout) once the new project has opened.
A file that cannot be opened as a project leaves the current window as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.errors import AnnotatorError
from annotator.platform import profile
from annotator.team.packages import peek_package_annotator
from annotator.ui.plain_text import plain_message_box
from annotator.ui.settings import ui_settings

if TYPE_CHECKING:
    from annotator.store import Store
    from annotator.ui.main_window import MainWindow

PROJECT_SUFFIXES = (".db", ".annotator")

# Windows opened here, alive until Qt deletes them (they close with WA_DeleteOnClose). Nothing
# else holds a new window once the slot that made it returns: without this, Python's garbage
# collector would destroy it (and its timers) at some later moment.
_open_windows: set = set()


def reopen(window: MainWindow, open_store: Callable[[], Store]) -> MainWindow | None:
    """A new main window on the store ``open_store`` gives, in place of ``window`` (which closes).

    ``window`` must already be shut down or about to be: its store is not touched here.
    Returns the new window, or None if the project could not be opened (said in a message).
    """
    # app and main_window import this module's callers: importing them at the top would be a cycle
    from annotator.ui.app import BACKGROUND_DELAY_MS, fill_window
    from annotator.ui.main_window import MainWindow

    reopened = MainWindow()
    reopened.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_windows.add(reopened)
    reopened.destroyed.connect(lambda: _open_windows.discard(reopened))
    reopened.restore_geometry(ui_settings())
    reopened.show()
    try:
        fill_window(reopened, open_store())
    except AnnotatorError as exc:
        plain_message_box(reopened, QCoreApplication.translate("ProjectSwitching", "Annotator"), str(exc), QMessageBox.Icon.Critical).exec()
        reopened.close()
        window.close()
        return None
    reopened.start(background=False)
    # The window as the timer's context: closed (and deleted) before it fires, the timer goes with it.
    QTimer.singleShot(BACKGROUND_DELAY_MS, reopened, reopened.start_background)
    window.close()
    return reopened


def choose_and_open_project(window: MainWindow) -> MainWindow | None:
    """Ask for a project file (a project database or an annotator's package) and open it."""
    # app imports main_window, which calls this: importing app at the top would be a cycle
    from annotator.ui.app import open_store_or_restore

    current = window.store.path if window.store is not None else None
    path, _chosen_filter = QFileDialog.getOpenFileName(
        window,
        QCoreApplication.translate("ProjectSwitching", "Open project"),
        str(current.parent) if current is not None else "",
        QCoreApplication.translate("ProjectSwitching", "Annotator projects (*.db *.annotator);;All files (*)"),
    )
    if not path:
        return None
    chosen = Path(path)
    if current is not None and chosen.resolve() == current.resolve():
        window.status.say(QCoreApplication.translate("ProjectSwitching", "%1 is already open.").replace("%1", chosen.name))
        return None
    # a package is annotated as the person it was made for; any other project as the window's annotator
    annotator = (
        peek_package_annotator(chosen)
        or (window.store.annotator if window.store is not None else profile.remembered_annotator())
        or ""
    )
    try:
        store = open_store_or_restore(chosen, annotator, window)
    except AnnotatorError as exc:
        # the current project stays open, as it was
        plain_message_box(window, QCoreApplication.translate("ProjectSwitching", "Open project"), str(exc), QMessageBox.Icon.Warning).exec()
        return None
    if store is None:  # a damaged project, and the user chose not to restore it
        return None
    window.hide()
    window.shutdown()
    profile.remember_project(chosen)
    return reopen(window, lambda: store)
