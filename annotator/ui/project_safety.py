"""What the window does about a read-only or damaged project: a banner, disabled editing, the offer to restore.

The decisions are the store's (``store/opening.py``, ``store/backups.py``);
this module only shows them. Restoring runs on a worker thread (the app's
``BackgroundTasks``) behind a progress dialog: verifying a backup reads all of it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QMessageBox, QProgressDialog, QWidget

from annotator.errors import (
    AnnotatorError,
    DamagedProjectError,
    DatabaseError,
    NotAProjectError,
)
from annotator.ui.plain_text import make_plain, plain_label, plain_message_box
from annotator.ui.workers import BackgroundTasks

if TYPE_CHECKING:
    from annotator.store.backups import Restored
    from annotator.ui.main_window import MainWindow

# Everything that changes the project; disabled while it is read-only.
EDITING_ACTIONS = (
    "accept",
    "reject_or_delete",
    "move_end_left",
    "move_end_right",
    "move_start_left",
    "move_start_right",
    "start_relation",
    "document_labels",
    "label_occurrences",
    "undo",
    "redo",
    "done_and_next",
    "skip_and_next",
    "split_document",
    "merge_with_next",
    "move_to_previous",
    "move_to_next",
    "import_files",
    "label_schema",
    "merge_packages",
    "assign_documents",
    "adjudicate",
    "train_suggester",  # a model is stored in the project
)


def read_only_banner(parent: QWidget) -> QLabel:
    banner = plain_label(
        QCoreApplication.translate(
            "ProjectSafety",
            "This project is read-only: its file or folder cannot be written. You can read and export it; "
            "to annotate, copy it somewhere you can write, or ask for write permission.",
        ),
        parent,
    )
    banner.setObjectName("ReadOnlyBanner")
    banner.setWordWrap(True)
    banner.setStyleSheet("background: #fff4ce; color: #4a3b00; padding: 6px 10px; border-bottom: 1px solid #e0c870;")
    return banner


def show_read_only(window: MainWindow) -> None:
    """The banner over the text, and every editing action off."""
    window.read_only_banner = read_only_banner(window)
    central = window.centralWidget()
    layout = central.layout() if central is not None else None
    assert isinstance(layout, QBoxLayout), "the main window's central widget is laid out in a column"
    layout.insertWidget(0, window.read_only_banner)
    for name in EDITING_ACTIONS:
        if name in window.actions_by_name.actions:
            window.actions_by_name[name].setEnabled(False)


def is_restorable(error: AnnotatorError) -> bool:
    """A damaged project, or a file that replaced one (backups of a project by that name exist)."""
    return isinstance(error, (DamagedProjectError, NotAProjectError))


def offer_restore(parent: QWidget | None, project: Path, message: str) -> bool:
    """Say what is wrong; True if the user wants the newest good backup put in its place."""
    # the backups module (and its settings file) loads only when a backup is offered
    from annotator.store import backups

    found = backups.list_backups(project)
    box = QMessageBox(parent)
    box.setObjectName("RestoreOffer")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("ProjectSafety", "The project is damaged"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    if not found:
        box.setText(
            QCoreApplication.translate("ProjectSafety", "Annotator cannot use this project, and it has no backup.")
        )
        box.setInformativeText(message)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        return False
    question = QCoreApplication.translate(
        "ProjectSafety", "Annotator cannot use this project. Restore the newest good backup (from %1)?"
    )
    box.setText(question.replace("%1", found[0].when()))
    kept = QCoreApplication.translate("ProjectSafety", "The damaged file is not overwritten: it is kept in %1.")
    box.setInformativeText(f"{message}\n\n{kept.replace('%1', str(backups.backup_folder(project)))}")
    restore = box.addButton(
        QCoreApplication.translate("ProjectSafety", "Restore the backup"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def run_restore(parent: QWidget | None, project: Path) -> Restored | None:
    """Restore the newest good backup on a worker thread, with a progress dialog; None if it failed (said so)."""
    # the backups module (and its settings file) loads only when a backup is offered
    from annotator.store import backups

    label = QCoreApplication.translate("ProjectSafety", "Checking the backups and restoring the newest good one…")
    outcome = run_with_progress(parent, label, lambda: backups.restore(project))
    title = QCoreApplication.translate("ProjectSafety", "Annotator")
    if isinstance(outcome, AnnotatorError):
        plain_message_box(parent, title, str(outcome), QMessageBox.Icon.Critical).exec()
        return None
    done = QCoreApplication.translate("ProjectSafety", "Restored the backup %1.").replace("%1", outcome.backup.name)
    if outcome.set_aside is not None:
        kept = QCoreApplication.translate("ProjectSafety", "The damaged file is kept as %1.")
        done += "\n" + kept.replace("%1", str(outcome.set_aside))
    plain_message_box(parent, title, done, QMessageBox.Icon.Information).exec()
    return outcome


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[], Any]) -> Any:
    """``work()`` on a worker thread while a busy dialog keeps the window alive; its result or ``AnnotatorError``."""
    outcome: dict[str, Any] = {}
    loop = QEventLoop()
    tasks = BackgroundTasks(threads=1)

    def finished(value: Any) -> None:
        outcome["value"] = value
        loop.quit()

    def failed(message: str) -> None:
        outcome["value"] = DatabaseError(message)
        loop.quit()

    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setObjectName("RestoreProgress")
    make_plain(dialog)
    dialog.setWindowTitle(QCoreApplication.translate("ProjectSafety", "Annotator"))
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.show()
    # The task starts on the loop's first turn and reports back through it (queued), so
    # the loop is always running when it is told to quit.
    tasks.start(lambda _progress: work(), finished=finished, failed=failed)
    loop.exec()
    tasks.shutdown()
    tasks.deleteLater()
    dialog.close()
    dialog.deleteLater()
    return outcome.get("value")


def restore_and_reopen(window: MainWindow) -> None:
    """Close the window's damaged project, restore its newest good backup, and open it in a new window."""
    # app and main_window import this module: importing them back at the top would be a cycle
    from annotator.ui.app import open_store
    from annotator.ui.project_switching import reopen

    if window.store is None:
        return
    path, annotator = window.store.path, window.store.annotator
    # Hidden first: once its store is closed, the window has nothing left to paint from.
    window.hide()
    window.shutdown()  # the store is closed: a restore needs the file to itself
    if run_restore(window, path) is None:
        window.close()
        return
    reopen(window, lambda: open_store(path, annotator))
