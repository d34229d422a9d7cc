"""Start-up measurement hook: note when the first window paints, then end the process.

Only active when ``ANNOTATOR_FIRST_PAINT_FILE`` names a file; benchmarks set it
(benchmarks/run.py) to time a launch from the outside, the
same way for the frozen app, the source checkout and a bare Qt window. It
works without the app's cooperation: ``QWidget.show`` is wrapped so that each
window shown is watched for its first paint, which writes the wall-clock time
to that file and exits at once.
"""

from __future__ import annotations

import os
import time

PROBE_ENV = "ANNOTATOR_FIRST_PAINT_FILE"


def install_from_environment() -> bool:
    """Install the probe if the environment asks for it; returns whether it did."""
    target = os.environ.get(PROBE_ENV)
    if not target:
        return False
    from PySide6 import QtWidgets
    from PySide6.QtCore import QEvent, QObject

    class FirstPaintProbe(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted_at = time.time()
                with open(str(target), "w", encoding="utf-8") as handle:
                    handle.write(f"{painted_at!r} {type(watched).__name__}\n")
                os._exit(0)  # the measurement is taken; nothing else of this run matters
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
