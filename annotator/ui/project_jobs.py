"""The project's background jobs, in order: seed an empty project, load jieba, then generate candidates.

Beside them, the project's safety: as the window opens a backup is taken (if
the project changed since the newest) and the project is checked, and a
backup follows every ``interval_minutes`` (``backups.toml``); damage found
on the way is reported by ``damaged``. A read-only project runs none of the
jobs that write.

The window paints first; these start once the event loop runs. Each job
reports its progress for the status bar and says when the open document
should be re-read (new candidates for it, or the first documents arrived).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.errors import InputError
from annotator.review.hold import HeldDocuments
from annotator.review.upcoming import READING
from annotator.store import Store, backups
from annotator.store.backups import BackupSettings
from annotator.ui import workers
from annotator.ui.coalesce import Coalescer

log = logging.getLogger(__name__)


# How many of the next unfinished documents get fresh candidates while the reviewer works on one.
PREFETCH_DOCUMENTS = 2
# Labels given within this long of each other are propagated together.
PROPAGATION_DELAY_MS = 1500


class ProjectJobs(QObject):
    # text for the status bar; empty when nothing runs
    activity = Signal(str)
    # documents were added (the seeds): lists need a refresh, a document can be opened
    documentsAdded = Signal(list)
    # fresh candidates were stored for these documents
    candidatesReady = Signal(list)
    # jieba is loaded: double-click can select real words
    segmenterReady = Signal()
    failed = Signal(str)
    # the project file is damaged (found by the backup's check): a sentence saying what and which backups exist
    damaged = Signal(str)
    # a backup was written, at this path
    backedUp = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None, *, hold: HeldDocuments | None = None) -> None:
        super().__init__(parent)
        self.store = store
        # the document on screen, which refreshes with another model than it shows leave alone
        self.hold = hold
        # which unfinished documents come next (annotator.review.upcoming): the ones prepared ahead
        self.order = READING
        self.tasks = workers.BackgroundTasks(self)
        self.segmenter_loaded = False
        self._seeding = False
        # Set at shutdown: a task that finished just before it may still have
        # its result on the way, and the window's store is closed by then.
        self._closed = False
        # documents whose candidates were refreshed ahead this session
        self._prepared: set[str] = set()
        # texts labelled since the last propagation (an ordered set)
        self._learned: dict[str, None] = {}
        self._propagate_later = Coalescer(self._start_propagation, PROPAGATION_DELAY_MS, self)
        # Rolling backups while the window is open (interval from backups.toml, set in start()).
        self._backup_timer = QTimer(self)
        self._backup_timer.timeout.connect(self.back_up)
        self._backing_up = False

    @property
    def db_path(self) -> Path:
        return Path(self.store.path)

    def start(self) -> None:
        """Seed if the project is new (or finish what an interrupted import left undone), load
        jieba, check and back up the project; all in the background."""
        if self.store.read_only:
            self.warm_up()  # nothing else: every other job writes
            return
        # Imported here, not at the top, for start-up time: seeding brings the whole import
        # pipeline (formats, the page parser), which the first article does not need.
        from annotator.project import importing, seeding

        if seeding.needs_seeding(self.store):
            self.seed()
        elif importing.owes_work(self.store):
            self.finish_imports()
        self.warm_up()
        self.back_up(check=True)
        try:
            interval = backups.load_settings().interval_minutes
        except InputError as exc:
            self.failed.emit(f"{exc}; backing up every {BackupSettings.interval_minutes:g} minutes")
            interval = BackupSettings.interval_minutes
        self._backup_timer.start(int(interval * 60_000))

    def back_up(self, *, check: bool = False) -> None:
        """A backup if the project changed since the newest; with ``check``, make sure the project is sound too."""
        if self._backing_up or self._closed or self.store.read_only:
            return
        self._backing_up = True
        self.tasks.start(
            workers.backup_task(self.db_path, check=check), finished=self._backed_up, failed=self._backup_failed
        )

    def _backed_up(self, outcome: tuple) -> None:
        self._backing_up = False
        if self._closed:
            return
        path, damage = outcome
        if damage:
            self._backup_timer.stop()
            self.damaged.emit(damage)
        elif path:
            self.backedUp.emit(path)

    def _backup_failed(self, message: str) -> None:
        self._backing_up = False
        self._failed(self.tr("Backup not made: %1").replace("%1", message))

    def seed(self) -> None:
        if self.store.read_only:
            return
        self._seeding = True
        self.activity.emit(self.tr("Importing the bundled seed pages…"))
        self.tasks.start(
            workers.seed_task(self.db_path, self.store.annotator),
            finished=self._seeded,
            failed=self._failed,
            progress=lambda done, total, _name: self.activity.emit(
                self.tr("Importing seed pages: %1 of %2").replace("%1", str(done)).replace("%2", str(total))
            ),
        )

    def _seeded(self, doc_ids: list[str]) -> None:
        if self._closed:
            return
        self._seeding = False
        self.activity.emit("")
        self.documentsAdded.emit(doc_ids)
        self.finish_imports()

    def finish_imports(self) -> None:
        """Candidates (and search) for the documents an import stored but did not finish: the seeds
        just imported, or an import that was killed or gave up on a lock."""
        # Imported here, not at the top, for start-up time (see ``start``).
        from annotator.project import importing

        self.activity.emit(self.tr("Suggesting candidates…"))
        self.tasks.start(
            workers.finish_imports_task(self.db_path, self.store.annotator),
            finished=self._candidates_done,
            failed=self._failed,
            progress=lambda done, total, stage: self.activity.emit(
                (self.tr("Suggesting candidates: %1 of %2") if stage == importing.CANDIDATES
                 else self.tr("Indexing for search: %1 of %2")).replace("%1", str(done)).replace("%2", str(total))
            ),
        )

    def warm_up(self) -> None:
        self.tasks.start(workers.warm_up_task(), finished=self._warmed_up, failed=self._failed)

    def _warmed_up(self, _result: object) -> None:
        if self._closed:
            return
        self.segmenter_loaded = True
        self.segmenterReady.emit()

    def refresh_candidates(self, doc_ids: list[str]) -> bool:
        """Generate candidates for ``doc_ids`` in the background; False if no generator is installed."""
        if not doc_ids or self.store.read_only:
            return False
        self.activity.emit(self.tr("Suggesting candidates…"))
        self.tasks.start(
            workers.candidates_task(self.db_path, self.store.annotator, list(doc_ids), self.hold),
            finished=self._candidates_done,
            failed=self._failed,
            progress=lambda done, total, _what: self.activity.emit(
                self.tr("Suggesting candidates: %1 of %2").replace("%1", str(done)).replace("%2", str(total))
            ),
        )
        return True

    def prepare(self, doc_id: str, *, ahead: int = PREFETCH_DOCUMENTS) -> None:
        """Candidates for the document just opened (if it never had any) and for the next unfinished ones."""
        # the reading order's helpers load when the first refresh after an import runs
        from annotator.review.upcoming import never_suggested, upcoming_unfinished

        if self._seeding or self.store.read_only:
            return
        wanted = [doc_id] if never_suggested(self.store, doc_id) else []
        # The open document's pending candidates are left alone: the reviewer is working through them.
        wanted += [d for d in upcoming_unfinished(self.store, doc_id, ahead, self.order) if d not in self._prepared]
        self._prepared.update(wanted)
        if wanted:
            self.refresh_candidates(wanted)

    def propagate(self, texts: list[str]) -> None:
        """Soon after a reviewer labels something, make its other occurrences candidates.

        Labels given in a burst are gathered and propagated in one job.
        """
        self._learned.update(dict.fromkeys(texts))
        self._propagate_later.schedule()

    def set_propagation_delay(self, delay_ms: int) -> None:
        """How long to gather labels before propagating them (tests use 0)."""
        self._propagate_later.set_delay(delay_ms)

    def _start_propagation(self) -> None:
        texts, self._learned = list(self._learned), {}
        if texts and not self._seeding and not self.store.read_only:
            self.tasks.start(
                workers.propagation_task(self.db_path, self.store.annotator, texts, self.hold),
                finished=self._candidates_done,
                failed=self._failed,
            )

    def _candidates_done(self, doc_ids: list[str]) -> None:
        if self._closed:
            return
        self.activity.emit("")
        self.candidatesReady.emit(doc_ids)

    def _failed(self, message: str) -> None:
        if self._closed:
            return
        self._seeding = False
        self.activity.emit("")
        log.warning("background job failed: %s", message)
        self.failed.emit(message)

    @property
    def seeding(self) -> bool:
        return self._seeding

    def shutdown(self) -> None:
        self._closed = True
        self._backup_timer.stop()
        self._propagate_later.cancel()
        self.tasks.shutdown()
