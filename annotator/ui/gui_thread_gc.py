"""Python's cyclic garbage collector, run on the GUI thread only.

Left automatic, the collector runs on whichever thread happens to allocate when a
generation fills up, often a background worker's. A Qt object caught in a reference
cycle is then destroyed on that thread: Qt cannot stop its timers from there, and a
timer later fires on a deleted object, which crashes the app. So while the window is
up, automatic collection is off and a timer on the GUI thread collects instead,
generation by generation, whenever the allocation counts pass the usual thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 500  # often enough that garbage never piles up between two checks


class GuiThreadCollector(QObject):
    """Turns automatic collection off, and collects from a GUI-thread timer until stopped."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold; returns it, or -1."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            threshold = thresholds[generation]
            if threshold and counts[generation] > threshold:
                gc.collect(generation)
                return generation
        return -1
