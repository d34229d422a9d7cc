"""Work that must not freeze the window: importing the seeds, loading jieba, generating candidates.

Each task runs on a pool thread and opens its own ``Store`` on the project's
path (a store belongs to the thread that opened it). Results, progress and
failures come back as queued signals on the main thread. Closing the window
asks running tasks to stop at their next progress report and waits for them.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from annotator.errors import AnnotatorError, DamagedProjectError
from annotator.platform.diagnostics import log_exception
from annotator.review.hold import HeldDocuments
from annotator.store import Store, backups
from annotator.store.connection import database_error, is_environment_error

log = logging.getLogger(__name__)


class TaskCancelled(Exception):
    """Raised inside a task's progress report once the app asked it to stop."""


class TaskSignals(QObject):
    finished = Signal(object)
    failed = Signal(str)
    # done, total, what is being worked on
    progress = Signal(int, int, str)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[..., Any], signals: TaskSignals, stop: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.work = work
        self.signals = signals
        self.stop = stop

    def run(self) -> None:
        def report(done: int, total: int, what: object = "") -> None:
            if self.stop.is_set():
                raise TaskCancelled()
            self.signals.progress.emit(int(done), int(total), str(what))

        try:
            result = self.work(report)
        except TaskCancelled:
            return
        except AnnotatorError as exc:
            self.signals.failed.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a bug: keep the traceback, tell the user where it is
            if is_environment_error(exc):  # the disk or the project file, not a bug: say which
                self.signals.failed.emit(str(database_error("", exc)).removeprefix(": "))
                return
            path = log_exception(*sys.exc_info())
            self.signals.failed.emit(f"unexpected error in a background task; details in {path}")
            return
        if not self.stop.is_set():
            self.signals.finished.emit(result)


class BackgroundTasks(QObject):
    """A small thread pool of its own, so shutting the window down waits only for our tasks."""

    def __init__(self, parent: QObject | None = None, *, threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._stop = threading.Event()
        self._signals: list[TaskSignals] = []
        # tasks handed to start() that have not reached the pool yet
        self._queued = 0

    def start(
        self,
        work: Callable[[Callable[..., None]], Any],
        *,
        finished: Callable[[Any], None] | None = None,
        failed: Callable[[str], None] | None = None,
        progress: Callable[[int, int, str], None] | None = None,
    ) -> TaskSignals:
        """Run ``work(progress)`` on a pool thread.

        Pass the callbacks here, or connect to the returned signals right
        away: the task itself starts on the next turn of the event loop, so
        no signal can fire before the caller has connected to it.
        """
        signals = TaskSignals(self)
        # Kept (not deleted) once the task ends: a queued signal may still be
        # on its way to a slot, and deleting its sender would drop it.
        self._signals.append(signals)
        for signal, slot in ((signals.finished, finished), (signals.failed, failed), (signals.progress, progress)):
            if slot is not None:
                signal.connect(slot)
        runnable = _Runnable(work, signals, self._stop)
        QTimer.singleShot(0, self, lambda: self._launch(runnable))
        self._queued += 1
        return signals

    def _launch(self, runnable: _Runnable) -> None:
        self._queued -= 1
        if not self._stop.is_set():
            self.pool.start(runnable)

    @property
    def busy(self) -> bool:
        return self._queued > 0 or self.pool.activeThreadCount() > 0

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 15_000) -> None:
        """Ask every task to stop at its next progress report, and wait for them."""
        self._stop.set()
        self.pool.clear()
        if not self.pool.waitForDone(msecs):
            log.warning("background tasks still running after %d ms at shutdown", msecs)


# --- the tasks --------------------------------------------------------------------------


def seed_task(db_path: Path, annotator: str) -> Callable[[Callable], list[str]]:
    """Import the bundled seed pages into an empty project; returns the new document ids."""

    def work(progress: Callable) -> list[str]:
        # the import pipeline and the candidate rules load in the task, on its thread, not with the window
        from annotator.project import seeding

        with Store(db_path, annotator=annotator) as store:
            if not seeding.needs_seeding(store):
                return []
            # Candidates come next, in a job with its own progress (ProjectJobs._seeded).
            return seeding.seed(
                store, suggest=False, progress=lambda done, total, path: progress(done, total, path.name)
            )

    return work


def finish_imports_task(db_path: Path, annotator: str) -> Callable[[Callable], list[str]]:
    """Finish what imports left undone: candidates for the documents owed them, then the search
    index; returns the documents that got candidates."""

    def work(progress: Callable) -> list[str]:
        # the import pipeline and the candidate rules load in the task, on its thread, not with the window
        from annotator.project import importing

        with Store(db_path, annotator=annotator) as store:
            result = importing.finish_pending(
                store, progress=lambda stage, done, total, _what: progress(done, total, stage)
            )
        if result.unfinished is not None:
            raise result.unfinished
        return result.suggested

    return work


def warm_up_task() -> Callable[[Callable], None]:
    """Load jieba (and whatever the candidate generators need) so the first use is instant."""

    def work(progress: Callable) -> None:
        # the import pipeline and the candidate rules load in the task, on its thread, not with the window
        from annotator.candidates import warm_up

        warm_up()

    return work


def candidates_task(
    db_path: Path, annotator: str, doc_ids: list[str], hold: HeldDocuments | None = None
) -> Callable[[Callable], list[str]]:
    """Generate candidates for ``doc_ids``; returns the ids it refreshed (not those ``hold`` kept still)."""

    def work(progress: Callable) -> list[str]:
        if not doc_ids:
            return []
        # the import pipeline and the candidate rules load in the task, on its thread, not with the window
        from annotator.candidates import refresh_candidates

        with Store(db_path, annotator=annotator) as store:
            refresh_candidates(store, list(doc_ids), progress=progress, hold=hold)
        held = hold.held() if hold is not None else set()
        return [doc_id for doc_id in doc_ids if doc_id not in held]

    return work


def propagation_task(
    db_path: Path, annotator: str, texts: list[str], hold: HeldDocuments | None = None
) -> Callable[[Callable], list[str]]:
    """Make newly labelled texts candidates wherever else they occur; returns the documents refreshed."""

    def work(progress: Callable) -> list[str]:
        # the import pipeline and the candidate rules load in the task, on its thread, not with the window
        from annotator.candidates import propagate_labels

        with Store(db_path, annotator=annotator) as store:
            refreshed = propagate_labels(store, texts, progress=progress, hold=hold)
        held = hold.held() if hold is not None else set()
        return [doc_id for doc_id in refreshed if doc_id not in held]

    return work


def backup_task(db_path: Path, *, check: bool) -> Callable[[Callable], tuple[str | None, str | None]]:
    """A backup of the project if it changed since the newest one: (the backup's path or None, damage or None).

    With ``check`` (as the window opens) the project is also checked when no
    backup was needed. Damage comes back as a result, for the window to offer
    a restore; a backup that cannot be written (disk full) is a failure.
    """

    def work(progress: Callable) -> tuple[str | None, str | None]:

        try:
            backup = backups.safeguard(db_path) if check else backups.take_backup(db_path)
        except DamagedProjectError as exc:
            return None, str(exc)
        return (str(backup.path) if backup else None), None

    return work
