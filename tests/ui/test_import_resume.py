"""Opening a project that an interrupted import left unfinished finishes it in the background."""

from __future__ import annotations

from annotator.project.importing import ImportSettings, run_import
from annotator.project.search import SearchIndex
from annotator.store import Store
from annotator.ui.project_jobs import ProjectJobs


def test_the_app_finishes_the_candidates_an_import_left_owed(qtbot, db_path, seed_copy):
    with Store(db_path, annotator="tester") as store:
        owed = run_import(store, [min(seed_copy.glob("*.txt"))], ImportSettings(finish=False)).doc_ids
        assert store.candidates_due.owed() == owed
    with Store(db_path, annotator="tester") as store:
        jobs = ProjectJobs(store)
        with qtbot.waitSignal(jobs.candidatesReady, timeout=60_000) as ready:
            jobs.start()
        jobs.shutdown()
        assert sorted(ready.args[0]) == sorted(owed)
        assert store.candidates_due.owed() == []
        assert all(store.candidates.for_document(doc_id) for doc_id in owed[:3])
        assert SearchIndex(store).pending() == 0
        assert store.check() == []


def test_a_finished_project_starts_no_such_job(qtbot, store):
    jobs = ProjectJobs(store)
    started = []
    jobs.activity.connect(started.append)
    jobs.start()
    jobs.shutdown()
    assert not any("Suggesting" in text for text in started)
