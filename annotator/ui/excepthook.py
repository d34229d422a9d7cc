"""Unexpected errors in the app: write the traceback to the log folder and tell the user, once.

A windowed app has no console, so an exception in a slot would otherwise
vanish. The hook logs it (``annotator.platform.diagnostics``) and shows a dialog that
says where the log is. Errors meant for the user (``AnnotatorError``) are
shown as they are, without the word "bug". A burst of identical errors (a
paint handler failing on every repaint) shows one dialog, not hundreds.
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.errors import AnnotatorError
from annotator.ui.plain_text import plain_message_box


class _Relay(QObject):
    """Carries errors from any thread to the main thread, where dialogs may be shown."""

    raised = Signal(str, str, str)


class ErrorReporter:
    def __init__(self) -> None:
        self._relay = _Relay()
        self._relay.raised.connect(self._show)
        self._showing = False
        self._shown: set[str] = set()
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def handle(self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        if isinstance(exc, AnnotatorError):
            self._relay.raised.emit("user", str(exc), "")
            return
        from annotator.platform import diagnostics

        path = diagnostics.log_exception(exc_type, exc, tb)
        self._relay.raised.emit("bug", f"{exc_type.__name__}: {exc}", str(path))

    def _show(self, kind: str, message: str, log_path: str) -> None:
        if self._showing or message in self._shown:
            return
        self._shown.add(message)
        self._showing = True
        try:
            parent = QApplication.activeWindow()
            if kind == "user":
                plain_message_box(parent, QApplication.translate("ErrorReporter", "Annotator"), message).exec()
                return
            box = QMessageBox(parent)
            box.setIcon(QMessageBox.Icon.Critical)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setWindowTitle(QApplication.translate("ErrorReporter", "Something went wrong"))
            box.setText(
                QApplication.translate(
                    "ErrorReporter",
                    "Annotator hit an unexpected error. Your annotations up to now are saved.\n\n"
                    "The details are in the log file; please send it with a note of what you were doing.",
                )
            )
            box.setInformativeText(message)
            box.setDetailedText(log_path)
            open_folder = box.addButton(
                QApplication.translate("ErrorReporter", "Open log folder"), QMessageBox.ButtonRole.ActionRole
            )
            box.addButton(QMessageBox.StandardButton.Ok)
            box.exec()
            if box.clickedButton() is open_folder:
                from annotator.platform import diagnostics

                QDesktopServices.openUrl(QUrl.fromLocalFile(str(diagnostics.log_path().parent)))
        finally:
            self._showing = False
