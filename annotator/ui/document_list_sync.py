"""Keeping the document list current: noticing changes made anywhere, and indexing for search in the background.

Changes made anywhere (this window, an import worker, another program) are
noticed by polling SQLite's change counters once a second. A long queue of
documents waiting for the search index is indexed on a worker thread with
its own ``Store``, reporting progress, so a search never stalls the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.project.search import SearchIndex
from annotator.store import Store
from annotator.ui.workers import BackgroundTasks, TaskSignals

POLL_MS = 1000


class ChangeWatcher(QObject):
    """Says when the project changed since ``remember()``, whoever changed it."""

    changed = Signal()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._last = (-1, -1)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        self.remember()

    def remember(self) -> None:
        """The list is current as of now."""
        self._last = self.store.change_marker()

    def poll(self) -> None:
        if self.store.closed:  # the window is going away
            self._timer.stop()
            return
        if self.store.change_marker() != self._last:
            self.changed.emit()

    def stop(self) -> None:
        self._timer.stop()


def index_task(path: Path, annotator: str) -> Callable[[Callable], int]:
    """Bring the search index up to date on a worker's own store; returns how many documents it indexed."""

    def work(progress: Callable) -> int:
        with Store(path, annotator=annotator) as store:
            return SearchIndex(store).sync(batch=200, progress=lambda done, total: progress(done, total, ""))

    return work


class SearchIndexing(QObject):
    """One background index job at a time, with its progress."""

    # done, total
    progress = Signal(int, int)
    finished = Signal()
    failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._tasks: BackgroundTasks | None = None
        self._running: TaskSignals | None = None

    @property
    def running(self) -> bool:
        return self._running is not None

    def start(self) -> None:
        if self._running is not None:
            return
        if self._tasks is None:
            self._tasks = BackgroundTasks(self, threads=1)
        self._running = self._tasks.start(index_task(self.store.path, self.store.annotator))
        self._running.progress.connect(lambda done, total, _what: self.progress.emit(done, total))
        self._running.finished.connect(self._done)
        self._running.failed.connect(self._failed)

    def _done(self, _count: object) -> None:
        self._running = None
        self.finished.emit()

    def _failed(self, message: str) -> None:
        self._running = None
        self.failed.emit(message)

    def shutdown(self) -> None:
        """Wait for a running job (call before closing the store)."""
        if self._tasks is not None:
            self._tasks.shutdown()
