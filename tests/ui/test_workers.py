"""Background tasks: results and failures reach the main thread, and shutdown stops them."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication

from annotator.errors import InputError
from annotator.ui.workers import BackgroundTasks


def test_an_instant_task_delivers_its_result(qtbot):
    tasks = BackgroundTasks()
    results = []
    tasks.start(lambda progress: 42, finished=results.append)
    qtbot.waitUntil(lambda: results == [42])
    tasks.shutdown()


def test_progress_and_user_errors_arrive_as_messages(qtbot):
    tasks = BackgroundTasks()
    reports, failures = [], []

    def work(progress):
        progress(1, 2, "first")
        raise InputError("seeds/broken.txt: not UTF-8 text")

    tasks.start(work, failed=failures.append, progress=lambda *a: reports.append(a))
    qtbot.waitUntil(lambda: bool(failures))
    assert failures == ["seeds/broken.txt: not UTF-8 text"]
    assert reports == [(1, 2, "first")]
    tasks.shutdown()


def test_a_bug_in_a_task_is_logged_and_reported(qtbot, annotator_home):
    tasks = BackgroundTasks()
    failures = []
    tasks.start(lambda progress: 1 / 0, failed=failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert "details in" in failures[0]
    log = (annotator_home / "logs" / "annotator.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError" in log
    tasks.shutdown()


def test_shutdown_stops_a_task_at_its_next_progress_report(qtbot):
    tasks = BackgroundTasks()
    started, results = threading.Event(), []
    release = threading.Event()

    def work(progress):
        started.set()
        release.wait(5)
        progress(1, 1)  # raises: the app asked it to stop
        return "finished anyway"

    tasks.start(work, finished=results.append)
    qtbot.waitUntil(started.is_set)
    release.set()
    tasks.shutdown()
    assert not tasks.busy
    # The task's thread is done, so anything it emitted is queued here by now: deliver it all,
    # so the assertion below would see a stray result.
    QCoreApplication.sendPostedEvents()
    assert results == []


def test_the_same_flush_delivers_a_result_that_was_sent(qtbot):
    """The other side of the test above: flushing the queue does deliver a result that was emitted."""
    tasks = BackgroundTasks()
    results, ran = [], threading.Event()

    def work(progress):
        ran.set()
        return "done"

    tasks.start(work, finished=results.append)
    qtbot.waitUntil(ran.is_set)
    tasks.pool.waitForDone()
    QCoreApplication.sendPostedEvents()
    assert results == ["done"]
    tasks.shutdown()


def test_a_result_arriving_after_shutdown_is_dropped(qtbot, store, monkeypatch):
    """A job can finish just before the window closes: its result is already queued when shutdown runs.

    Produced for real: each job finishes on its pool thread (its result queued, not yet
    delivered), then the jobs shut down, then the queued results arrive.
    """
    from annotator.ui import project_jobs, workers

    release = threading.Event()
    started: list[str] = []

    def held(name: str, result):
        def task(*_args, **_kwargs):
            def work(progress):
                started.append(name)
                release.wait(10)
                if isinstance(result, Exception):
                    raise result
                return result

            return work

        return task

    monkeypatch.setattr(workers, "candidates_task", held("candidates", ["a1"]))
    monkeypatch.setattr(workers, "seed_task", held("seed", ["a1"]))
    monkeypatch.setattr(workers, "warm_up_task", held("warm up", InputError("late")))
    jobs = project_jobs.ProjectJobs(store)
    jobs.tasks.pool.setMaxThreadCount(3)
    jobs.refresh_candidates(["a1"])
    jobs.seed()
    jobs.warm_up()
    qtbot.waitUntil(lambda: len(started) == 3)
    release.set()
    jobs.tasks.pool.waitForDone()  # every job has returned and queued its result or failure
    jobs.shutdown()
    with qtbot.assertNotEmitted(jobs.candidatesReady), qtbot.assertNotEmitted(jobs.documentsAdded), \
            qtbot.assertNotEmitted(jobs.failed), qtbot.assertNotEmitted(jobs.segmenterReady):
        QCoreApplication.sendPostedEvents()
