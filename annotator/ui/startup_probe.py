"""Start-up measurement hooks: note when the app is ready, then end the process.

Benchmarks (benchmarks/harness/launch.py) time a launch from the outside,
the same way for the frozen app, the source checkout and a bare Qt window.
Each hook is a no-op unless its environment variable names a file:

- ``ANNOTATOR_FIRST_PAINT_FILE``: the first paint of any window. It works
  without the app's cooperation: ``QWidget.show`` is wrapped so that each
  window shown is watched for its first paint.
- ``ANNOTATOR_FIRST_ARTICLE_FILE``: the first paint of an article that a
  reviewer can start on: the document's text shown with its candidates, the
  keyboard in the text. The app calls ``watch_first_article`` once its window
  has a project.

Either writes the wall-clock time once the paint has been done (and what was
painted) to its file, and exits at once: the probe has the paint event
delivered while it waits (``_paint_now``), so the time includes the drawing.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

PROBE_ENV = "ANNOTATOR_FIRST_PAINT_FILE"
ARTICLE_ENV = "ANNOTATOR_FIRST_ARTICLE_FILE"


def _finish(target: str, what: str) -> None:
    """Write when the paint just done was done, and end the process."""
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(f"{time.time()!r} {what}\n")
    os._exit(0)  # the measurement is taken; nothing else of this run matters


def _paint_now(watched, probe, event) -> None:
    """Deliver the paint event the probe holds to ``watched`` now, through every other filter."""
    from PySide6.QtWidgets import QApplication

    watched.removeEventFilter(probe)
    QApplication.sendEvent(watched, event)


def install_from_environment() -> bool:
    """Install the first-paint probe if the environment asks for it; returns whether it did."""
    target = os.environ.get(PROBE_ENV)
    if not target:
        return False
    # Imported here, not at the top: without the variable the probe costs the app nothing.
    from PySide6 import QtWidgets
    from PySide6.QtCore import QEvent, QObject

    class FirstPaintProbe(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                _paint_now(watched, self, event)
                _finish(target, type(watched).__name__)
            return False

    # The probe watches only the windows shown, not every event of the
    # application: a filter on the whole application would run Python for
    # each event of every object (styles, timers...) and slow the very
    # start-up it measures, the more so the more the program does.
    probes: list[FirstPaintProbe] = []
    show = QtWidgets.QWidget.show

    def show_and_watch(widget: QtWidgets.QWidget) -> None:
        if widget.isWindow():
            if not probes:
                probes.append(FirstPaintProbe())
            widget.installEventFilter(probes[0])
        show(widget)

    QtWidgets.QWidget.show = show_and_watch  # type: ignore[method-assign]
    return True


def watch_first_article(window: MainWindow) -> bool:
    """If the environment asks for it, end the process once ``window`` has painted an article with
    its candidates and the keyboard in its text; returns whether it watches."""
    target = os.environ.get(ARTICLE_ENV)
    if not target:
        return False
    from PySide6.QtCore import QEvent, QObject

    from annotator.review.spans import SpanKind

    class FirstArticleProbe(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                state = window.controller.state
                if (
                    state is not None
                    and window.focusWidget() is window.view
                    and state.spans.first(SpanKind.CANDIDATE) is not None
                ):
                    _paint_now(watched, self, event)
                    _finish(target, f"{state.document.id}:{len(state.text)}")
            return False

    probe = FirstArticleProbe(window)
    window.view.viewport().installEventFilter(probe)
    return True
