"""Run a refresh once after a burst of changes, not once per change.

A keypress emits several signals (the spans changed, the focus moved twice);
panels that follow the document should redraw once, after the text has been
repainted, rather than three times in the middle of the keypress.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Coalescer(QObject):
    def __init__(self, action: Callable[[], None], delay_ms: int = 0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._action = action
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(action)

    def set_delay(self, delay_ms: int) -> None:
        self._timer.setInterval(delay_ms)

    def schedule(self, *_args: object) -> None:
        """Run the action once the current burst is over (restarts the wait)."""
        self._timer.start()

    def cancel(self) -> None:
        """Drop a pending action (the thing it would refresh is going away)."""
        self._timer.stop()

    def flush(self) -> None:
        """Run a pending action now (tests, and before anything reads the panel)."""
        if self._timer.isActive():
            self._timer.stop()
            self._action()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()
