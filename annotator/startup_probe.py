"""Start-up measurement hook: note when the first window paints, then end the process.

Only active when ``ANNOTATOR_FIRST_PAINT_FILE`` names a file; benchmarks set it
(benchmarks/bench_frozen_startup.py) to time a launch from the outside, the
same way for the frozen app, the source checkout and a bare Qt window. It
works without the app's cooperation: QApplication is swapped for a subclass
that watches for the first paint of a top-level window, writes the wall-clock
time to that file and exits at once.
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
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and isinstance(watched, QtWidgets.QWidget) and watched.isWindow():
                painted_at = time.time()
                with open(target, "w", encoding="utf-8") as handle:
                    handle.write(f"{painted_at!r} {type(watched).__name__}\n")
                os._exit(0)  # the measurement is taken; nothing else of this run matters
            return False

    base = QtWidgets.QApplication

    class ProbedApplication(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._first_paint_probe = FirstPaintProbe(self)
            self.installEventFilter(self._first_paint_probe)

    QtWidgets.QApplication = ProbedApplication  # type: ignore[misc]
    return True
