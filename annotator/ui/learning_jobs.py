"""The suggester learning while the reviewer works: retraining in the background, and the new model's candidates.

Public API (what the window uses)::

    jobs = SuggesterJobs(store, hold, parent)
    jobs.train()                   # Project ▸ Train suggester now (says how much more is needed, if too little)
    jobs.documents_changed()       # after statuses change: retrains on its own after every N finished documents
    jobs.cancel()                  # stop training (or the refresh after it); nothing half-made is kept
    jobs.document_opened(doc_id)   # the document on screen: its new candidates wait until the reviewer moves on
    jobs.start()                   # at start: is the stored model usable, and are documents waiting for it
    jobs.progress                  # Signal(str, int, bool): what runs, percent (-1: nothing), cancellable
    jobs.candidatesReady           # Signal(list): these documents have the new model's candidates
    jobs.trained, jobs.notReady, jobs.modelProblem, jobs.message, jobs.failed

Training runs ``annotator.learning.train_project`` on a pool thread with its
own ``Store``; CRFsuite trains in worker processes there (it holds Python's
lock, so training in a thread would freeze the window). Then every unfinished
document gets the new model's candidates, through the window's
``HeldDocuments``: the one on screen keeps its candidates until the reviewer
moves on (``annotator.review.hold``), and is refreshed then.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from annotator.learning.starter import starter_in_use
from annotator.model import Status
from annotator.review.hold import ANY_MODEL, HeldDocuments
from annotator.store import Store
from annotator.store.models import ModelUnreadableError
from annotator.ui.workers import BackgroundTasks

log = logging.getLogger(__name__)

UNFINISHED = (Status.TODO, Status.IN_PROGRESS)
FEATURES, TRAINING, CANDIDATES = "features", "training", "candidates"
# Each phase's share of the progress bar: reading the documents, the trainings, the new candidates.
PHASES = {FEATURES: (0, 10), TRAINING: (10, 80), CANDIDATES: (80, 100)}


@dataclass
class TrainingOutcome:
    """What one background training came to (exactly one of: a report, too little data, cancelled)."""

    report: Any = None  # annotator.learning.TrainingReport
    readiness: Any = None  # annotator.learning.Readiness, when there was too little to learn from
    cancelled: bool = False
    # automatic retraining was not due after all (not enough newly finished documents, or switched off)
    not_due: bool = False
    # unfinished documents that now have the new model's candidates
    refreshed: list[str] = field(default_factory=list)
    automatic: bool = False
    # documents marked done when it ran
    done_documents: int = 0


@dataclass
class ModelCheck:
    # ModelUnreadableError.DAMAGED or NEWER, or None when the model (if any) can be used
    problem: str | None
    # unfinished documents whose candidates the newest model has not made yet
    waiting: list[str] = field(default_factory=list)


class _Stopped(Exception):
    """The reviewer cancelled the refresh that follows a training; the model itself is kept."""


def training_task(
    path: Path, annotator: str, hold: HeldDocuments, stop: threading.Event, *, automatic: bool,
    not_ready_at: int | None = None, in_process: bool = False, settings: Any = None,
) -> Callable[[Callable], TrainingOutcome]:
    """Train (if ``automatic``, only when due and when more is done than at ``not_ready_at``), then refresh."""

    def work(report: Callable) -> TrainingOutcome:
        # Imported here, on the worker thread: the learning code (CRFsuite, the dataset formats) takes
        # half a second to import, which the window's start and the first Ctrl+Return need not wait for.
        from annotator.candidates import refresh_candidates
        from annotator.learning import (
            NotEnoughDataError,
            TrainingCancelled,
            automatic_retrain_due,
            train_project,
            training_readiness,
        )

        with Store(path, annotator=annotator) as store:
            done = store.documents.count([Status.DONE])
            if automatic and (not automatic_retrain_due(store) or (not_ready_at is not None and done <= not_ready_at)):
                return TrainingOutcome(not_due=True, automatic=True, done_documents=done)
            report(0, 0, FEATURES)
            try:
                trained = train_project(
                    store, settings=settings, in_process=in_process, cancelled=stop.is_set, refresh=False,
                    progress=lambda phase, done, total: report(done, total, phase),
                )
            except NotEnoughDataError:
                return TrainingOutcome(readiness=training_readiness(store, settings), automatic=automatic,
                                       done_documents=done)
            except TrainingCancelled:
                return TrainingOutcome(cancelled=True, automatic=automatic)
            ids = store.documents.ids(UNFINISHED)

            def refreshing(done: int, total: int) -> None:
                if stop.is_set():
                    raise _Stopped()
                report(done, total, CANDIDATES)

            try:
                trained.candidates = refresh_candidates(store, ids, hold=hold, progress=refreshing)
            except _Stopped:
                pass  # the rest are refreshed when they come up, or at the next start
            waiting = set(store.models.not_measured()) | hold.held()
            refreshed = [doc_id for doc_id in ids if doc_id not in waiting]
            trained.refreshed_documents = len(refreshed)
            trained.held_documents = sorted(hold.held())
            return TrainingOutcome(report=trained, refreshed=refreshed, automatic=automatic, done_documents=done)

    return work


def model_check_task(path: Path, annotator: str) -> Callable[[Callable], ModelCheck]:
    def work(_report: Callable) -> ModelCheck:
        with Store(path, annotator=annotator) as store:
            try:
                model = store.models.current()
            except ModelUnreadableError as exc:
                return ModelCheck(exc.reason)
            return ModelCheck(None, store.models.not_measured() if model is not None else [])

    return work


def refresh_task(path: Path, annotator: str, hold: HeldDocuments, doc_ids: list[str]) -> Callable[[Callable], list[str]]:
    """The model's candidates for documents that were waiting for them; returns those it stored."""

    def work(report: Callable) -> list[str]:
        from annotator.candidates import refresh_candidates  # on the worker thread, as in training_task

        with Store(path, annotator=annotator) as store:
            unfinished = set(store.documents.ids(UNFINISHED))
            ids = [doc_id for doc_id in doc_ids if doc_id in unfinished]
            refresh_candidates(store, ids, hold=hold, progress=lambda done, total: report(done, total, CANDIDATES))
            held = hold.held()
            return [doc_id for doc_id in ids if doc_id not in held]

    return work


def overall_percent(phase: str, done: int, total: int) -> int:
    low, high = PHASES.get(phase, (0, 100))
    share = done / total if total > 0 else 0.0
    return int(low + (high - low) * min(1.0, max(0.0, share)))


class SuggesterJobs(QObject):
    # what runs, in words, how far (percent), and whether cancel() stops it; ("", -1, False) when nothing runs
    progress = Signal(str, int, bool)
    # a training finished and stored its model (TrainingOutcome)
    trained = Signal(object)
    # too little reviewed data for a training the reviewer asked for (annotator.learning.Readiness)
    notReady = Signal(object)
    # the stored model cannot be used (a sentence saying why and what to do)
    modelProblem = Signal(str)
    # the new model's candidates were stored for these documents
    candidatesReady = Signal(list)
    # a sentence for the status bar
    message = Signal(str)
    failed = Signal(str)

    def __init__(
        self, store: Store, hold: HeldDocuments, parent: QObject | None = None, *,
        in_process: bool = False, settings: Any = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.hold = hold
        # tests train in this process, with quick settings; the app in worker processes, with the defaults
        self.in_process = in_process
        self.settings = settings
        self.tasks = BackgroundTasks(self, threads=1)
        self._stop = threading.Event()
        self._running = False
        # the running job has found training due and is training (an automatic one first checks)
        self._training = False
        # "train now" came while an automatic job was still checking: train when it ends
        self._train_after = False
        self._closed = False
        # automatic retraining found too little data at this many done documents: wait for more
        self._not_ready_at: int | None = None
        # the last model problem found, for the settings dialog
        self.problem: str | None = None

    @property
    def running(self) -> bool:
        """A training (or its refresh) is under way."""
        return self._running and self._training

    @property
    def db_path(self) -> Path:
        return Path(self.store.path)

    # --- training --------------------------------------------------------------------------------

    def train(self, *, automatic: bool = False) -> bool:
        """Retrain now, in the background; False if a training is already running."""
        if self._closed or self.running:
            return False
        if self._running:  # an automatic job is still deciding whether it is due
            self._train_after = self._train_after or not automatic
            return not automatic
        self._running = True
        self._training = not automatic
        self._stop.clear()
        if not automatic:  # an automatic one says so once it finds it is due
            self.progress.emit(self._phase_text(FEATURES, 0, 0), 0, True)
        self.tasks.start(
            training_task(self.db_path, self.store.annotator, self.hold, self._stop, automatic=automatic,
                          not_ready_at=self._not_ready_at, in_process=self.in_process, settings=self.settings),
            finished=self._trained,
            failed=self._failed,
            progress=self._progressed,
        )
        return True

    def cancel(self) -> None:
        if self.running:
            self._stop.set()
            self.progress.emit(self.tr("Stopping the training…"), -1, False)

    def documents_changed(self) -> None:
        """Statuses changed: retrain if enough documents were finished since the last model (and it is switched on)."""
        if self._running or self._closed:
            return
        self.train(automatic=True)  # the worker decides whether it is due (see training_task)

    def _progressed(self, done: int, total: int, phase: str) -> None:
        if self._closed or not self._running:
            return
        self._training = True
        if self._stop.is_set():
            return
        self.progress.emit(self._phase_text(phase, done, total), overall_percent(phase, done, total), True)

    def _phase_text(self, phase: str, done: int, total: int) -> str:
        if phase == CANDIDATES:
            return (self.tr("Suggesting with the new model: %1 of %2 documents")
                    .replace("%1", str(done)).replace("%2", str(total)))
        if phase == FEATURES and total:
            return (self.tr("Training the suggester: reading %1 of %2 documents")
                    .replace("%1", str(done)).replace("%2", str(total)))
        return self.tr("Training the suggester…")

    def _trained(self, outcome: TrainingOutcome) -> None:
        if self._closed:
            return
        self._running = self._training = False
        if outcome.not_due:
            if self._train_after:
                self._train_after = False
                self.train()
            return
        self._train_after = False
        self.progress.emit("", -1, False)
        if outcome.cancelled:
            self.message.emit(self.tr("Training cancelled; the suggester is as it was."))
            return
        if outcome.readiness is not None:
            if outcome.automatic:
                self._not_ready_at = outcome.done_documents
                self.message.emit(readiness_text(outcome.readiness))
            else:
                self.notReady.emit(outcome.readiness)
            return
        self._not_ready_at = None
        self.problem = None
        report = outcome.report
        f1 = (report.model.metrics.get("overall") or {}).get("f1")
        text = (self.tr("Suggester retrained on %1 documents (cross-validated F1 %2).")
                .replace("%1", str(report.model.documents))
                .replace("%2", f"{f1:.2f}" if f1 is not None else "–"))
        if report.held_documents:
            text += " " + self.tr("This document gets the new suggestions when you move on.")
        self.message.emit(text)
        self.trained.emit(outcome)
        if outcome.refreshed:
            self.candidatesReady.emit(outcome.refreshed)

    def _failed(self, message: str) -> None:
        if self._closed:
            return
        self._running = self._training = self._train_after = False
        self.progress.emit("", -1, False)
        log.warning("training failed: %s", message)
        self.failed.emit(self.tr("Training the suggester failed: %1").replace("%1", message))

    # --- the document on screen ----------------------------------------------------------------------

    def document_opened(self, doc_id: str, pending_candidates: int) -> None:
        """The reviewer now sees ``doc_id``: refresh the documents held back that they left."""
        shown: object = ANY_MODEL
        if pending_candidates:
            measured = self.store.models.uncertainty(doc_id)
            shown = measured.model_id if measured is not None else None
        released = self.hold.showing(doc_id, shown)
        if released and not self._closed:
            self.tasks.start(
                refresh_task(self.db_path, self.store.annotator, self.hold, released),
                finished=self._refreshed, failed=self._failed_refresh,
            )

    # --- at start --------------------------------------------------------------------------------------

    def start(self) -> None:
        """Check the stored model in the background; give documents waiting for its candidates theirs."""
        self.tasks.start(model_check_task(self.db_path, self.store.annotator), finished=self._checked,
                         failed=self._failed_refresh)

    def _checked(self, check: ModelCheck) -> None:
        if self._closed:
            return
        if check.problem is not None:
            self.problem = model_problem_text(check.problem)
            self.modelProblem.emit(self.problem)
            return
        if check.waiting and not self._running:
            self.progress.emit(self._waiting_text(0, len(check.waiting)), 0, False)
            self.tasks.start(
                refresh_task(self.db_path, self.store.annotator, self.hold, check.waiting),
                finished=self._refreshed, failed=self._failed_refresh,
                progress=lambda done, total, _phase: self._progress_waiting(done, total),
            )

    def _progress_waiting(self, done: int, total: int) -> None:
        if not self._closed and not self._running:
            self.progress.emit(self._waiting_text(done, total), round(100 * done / max(1, total)), False)

    def _waiting_text(self, done: int, total: int) -> str:
        return (self.tr("Bringing the model's suggestions up to date: %1 of %2 documents")
                .replace("%1", str(done)).replace("%2", str(total)))

    def _refreshed(self, doc_ids: list[str]) -> None:
        if self._closed:
            return
        if not self._running:
            self.progress.emit("", -1, False)
        if doc_ids:
            self.candidatesReady.emit(doc_ids)

    def _failed_refresh(self, message: str) -> None:
        if self._closed:
            return
        if not self._running:
            self.progress.emit("", -1, False)
        log.warning("suggester job failed: %s", message)
        self.failed.emit(message)

    def shutdown(self) -> None:
        self._closed = True
        self._stop.set()
        self.tasks.shutdown()


class LearningWords(QObject):
    """The suggester's messages that several parts of the window show, in the reviewer's language.

    A QObject so that its plurals ("%n documents") are translated as plurals.
    """

    def readiness(self, readiness: Any) -> str:
        """Too little to learn from: how much there is, and how much more is needed."""
        have = (self.tr("%1 marked done, with %2")
                .replace("%1", self.tr("%n documents", "", readiness.documents))
                .replace("%2", self.tr("%n entities", "", readiness.entities)))
        need = (self.tr("at least %1 and %2")
                .replace("%1", self.tr("%n documents", "", readiness.min_documents))
                .replace("%2", self.tr("%n entities", "", readiness.min_entities)))
        todo = []
        if readiness.more_documents:
            todo.append(self.tr("Mark %n more documents as done.", "", readiness.more_documents))
        if readiness.more_entities:
            todo.append(self.tr("Label %n more entities in documents marked done.", "", readiness.more_entities))
        return (self.tr("Not enough reviewed data to train the suggester yet: %1; it needs %2. %3 "
                        "Until then suggestions come from %4.")
                .replace("%1", have).replace("%2", need).replace("%3", " ".join(todo))
                .replace("%4", self.fallback_sources()))

    def fallback_sources(self) -> str:
        """What suggests while the project has no usable model of its own."""
        if starter_in_use():
            return self.tr("the rules, the gazetteer and the starter model bundled with Annotator")
        return self.tr("the rules and the gazetteer")

    def model_problem(self, reason: str) -> str:
        """The stored model cannot be used (``ModelUnreadableError.reason``), and what to do."""
        if reason == ModelUnreadableError.NEWER:
            why = self.tr("The project's suggester model was made by a newer version of Annotator.")
        else:
            why = self.tr("The project's suggester model is damaged.")
        return why + " " + self.tr(
            "It is ignored: suggestions come from %1. "
            "Project ▸ Train suggester now replaces it with a new one.").replace("%1", self.fallback_sources())


def readiness_text(readiness: Any) -> str:
    return LearningWords().readiness(readiness)


def model_problem_text(reason: str) -> str:
    return LearningWords().model_problem(reason)


def fallback_sources_text() -> str:
    return LearningWords().fallback_sources()
