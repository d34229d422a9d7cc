"""Background tasks: results and failures reach the main thread, and shutdown stops them."""

from __future__ import annotations

import threading

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
    qtbot.wait(50)  # let any stray queued signal arrive, so the assertion below can fail
    assert results == []


def test_a_result_arriving_after_shutdown_is_dropped(qtbot, store):
    """A task can finish just before the window closes; its queued result must not reach the closed store."""
    from annotator.ui.project_jobs import ProjectJobs

    jobs = ProjectJobs(store)
    jobs.shutdown()
    with qtbot.assertNotEmitted(jobs.candidatesReady), qtbot.assertNotEmitted(jobs.documentsAdded), \
            qtbot.assertNotEmitted(jobs.failed):
        jobs._candidates_done(["a1"])
        jobs._seeded(["a1"])
        jobs._failed("late")
