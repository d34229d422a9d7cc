"""Running the trainings of one ``train`` in this process or on worker processes, with progress and cancelling.

CRFsuite holds Python's global lock while it trains, so training in a thread
of the app would freeze its window. By default the trainings therefore run
on worker processes (spawned, never forked: the app has threads), one per
core; each worker builds the features of every document once and then takes
trainings from a queue, biggest first. The cross-validation folds run side by
side, so two cores finish a ``train`` in little more than half the time.
``in_process=True`` runs everything here (the tests, and callers that are a
worker themselves).

Progress is reported as ``progress(phase, done, total)`` with the phases
``features`` (documents) and ``training`` (L-BFGS iterations over every
training). ``cancelled()`` is asked between iterations; when it says yes the
workers are stopped and ``TrainingCancelled`` raised.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import queue
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from annotator.errors import AnnotatorError
from annotator.learning.crf import Cancelled, TrainingCancelled
from annotator.learning.dataset import Example
from annotator.learning.settings import TrainingSettings
from annotator.learning.training import Task, TaskResult, prepare, run_task
from annotator.platform.parallel import spawn_context, worker_count

log = logging.getLogger(__name__)

# progress(phase, done, total): phase "features" counts documents, "training" L-BFGS iterations
Progress = Callable[[str, int, int], None]
FEATURES, TRAINING = "features", "training"
# How often the waiting process looks at the cancel flag and its workers.
POLL_SECONDS = 0.1


@dataclass
class RunOutcome:
    results: list[TaskResult]
    # building the features of every document once (in each worker, side by side)
    feature_seconds: float
    wall_seconds: float
    processes: int


class _IterationCounter:
    """Sums the iterations of every training into one progress figure."""

    def __init__(self, tasks: Sequence[Task], settings: TrainingSettings, progress: Progress | None) -> None:
        self.done: dict[int, int] = {}
        self.total = len(tasks) * settings.crf.max_iterations
        self.progress = progress

    def update(self, task_id: int, iterations: int) -> None:
        self.done[task_id] = iterations
        if self.progress is not None:
            self.progress(TRAINING, min(sum(self.done.values()), self.total), self.total)

    def report(self, task_id: int, iterations: int, _planned: int) -> None:
        """``train_crf``'s progress callback for one training."""
        self.update(task_id, iterations)


def run_trainings(
    examples: Sequence[Example],
    labels: Sequence[str],
    tasks: Sequence[Task],
    settings: TrainingSettings,
    *,
    workers: int | None = None,
    in_process: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RunOutcome:
    started = time.perf_counter()
    count = min(worker_count(workers), max(1, len(tasks)))
    if not in_process:
        try:
            return _pooled(examples, labels, tasks, settings, count, progress, cancelled, started)
        except OSError as exc:
            # Locked-down machines that refuse to start processes: carry on here.
            log.warning("training processes could not start (%s); training in this process", exc)
    return _here(examples, labels, tasks, settings, progress, cancelled, started)


def _here(examples, labels, tasks, settings, progress, cancelled, started) -> RunOutcome:
    feature_started = time.perf_counter()
    prepared = prepare(
        examples, settings, cancelled=cancelled,
        progress=(lambda done, total: progress(FEATURES, done, total)) if progress else None,
    )
    feature_seconds = time.perf_counter() - feature_started
    counter = _IterationCounter(tasks, settings, progress)
    results = []
    for task in tasks:
        results.append(run_task(
            prepared, labels, task, settings, cancelled=cancelled, progress=functools.partial(counter.report, task.id),
        ))
    return RunOutcome(results, feature_seconds, time.perf_counter() - started, 1)


# --- worker processes ------------------------------------------------------------------------------


def _orphaned() -> bool:
    """True when the process that started this worker is gone (killed): the worker stops too."""
    parent = multiprocessing.parent_process()
    return parent is not None and not parent.is_alive()


def _send_iteration(results_out, task_id: int, iterations: int, _planned: int) -> None:
    results_out.put(("iteration", task_id, iterations))


def _worker(setup_in, tasks_in, results_out) -> None:
    """A training process: build the features once, then train whatever the queue hands out.

    The documents come through a queue rather than as arguments: a worker that
    dies while it starts then cannot leave this process stuck writing them to it.
    """
    try:
        examples, labels, settings_dict = setup_in.get()
        settings = TrainingSettings.from_dict(settings_dict)
        feature_started = time.perf_counter()
        prepared = prepare(
            examples, settings, cancelled=_orphaned,
            progress=lambda done, total: results_out.put(("features", os.getpid(), (done, total))),
        )
        results_out.put(("ready", os.getpid(), time.perf_counter() - feature_started))
        while True:
            try:
                task = tasks_in.get(timeout=1.0)
            except queue.Empty:
                if _orphaned():
                    return
                continue
            if task is None:
                return
            result = run_task(
                prepared, labels, task, settings, cancelled=_orphaned,
                progress=functools.partial(_send_iteration, results_out, task.id),
            )
            results_out.put(("result", task.id, result))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent, which raises it
        detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        results_out.put(("error", os.getpid(), (exc if isinstance(exc, AnnotatorError) else None, detail)))


def _pooled(examples, labels, tasks, settings, count, progress, cancelled, started) -> RunOutcome:
    context: Any = spawn_context()  # a SpawnContext: Process and Queue
    setup_in = context.Queue()
    tasks_in = context.Queue()
    results_out = context.Queue()
    setup = (list(examples), list(labels), settings.to_dict())
    for _ in range(count):
        setup_in.put(setup)
    for task in tasks:
        tasks_in.put(task)
    for _ in range(count):
        tasks_in.put(None)
    processes = [
        context.Process(target=_worker, args=(setup_in, tasks_in, results_out), name=f"annotator-train-{n}",
                        daemon=True)
        for n in range(count)
    ]
    for process in processes:
        process.start()
    counter = _IterationCounter(tasks, settings, progress)
    results: dict[int, TaskResult] = {}
    feature_seconds: list[float] = []
    features_done = 0
    try:
        while len(results) < len(tasks):
            if cancelled is not None and cancelled():
                raise TrainingCancelled("training was cancelled")
            try:
                kind, key, payload = results_out.get(timeout=POLL_SECONDS)
            except queue.Empty:
                dead = [p for p in processes if p.exitcode not in (None, 0)]
                if dead:
                    raise RuntimeError(
                        f"a training process stopped unexpectedly (exit code {dead[0].exitcode})"
                    ) from None
                continue
            if kind == "features" and progress is not None:
                # every worker builds every document's features: report the one furthest on
                done, total = payload
                if done > features_done:
                    features_done = done
                    progress(FEATURES, done, total)
            elif kind == "ready":
                feature_seconds.append(payload)
            elif kind == "iteration":
                counter.update(key, payload)
            elif kind == "result":
                results[key] = payload
            elif kind == "error":
                error, detail = payload
                if error is not None:
                    raise error
                raise RuntimeError(f"a training process failed:\n{detail}")
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)
        for channel in (setup_in, tasks_in, results_out):
            channel.cancel_join_thread()
    ordered = [results[task.id] for task in sorted(tasks, key=lambda t: t.id)]
    return RunOutcome(ordered, max(feature_seconds, default=0.0), time.perf_counter() - started, count)
