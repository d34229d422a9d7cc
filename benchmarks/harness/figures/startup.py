"""Start-up as a reviewer feels it, timed from the outside: launch to the first article ready for keys.

- ``startup_first_article``: ``annotator gui`` from the source checkout on the
  default project as after the first run (the bundled seed pages imported,
  with their candidates), from the process's start to the first article's
  text painted with its candidates and the keyboard in the text
  (``annotator/ui/startup_probe.py``, ``watch_first_article``), against a bare
  PySide6 window (QApplication and QMainWindow) launched the same way, from
  start to its first paint.
- ``startup_first_article_20k``: the same on the big project (20,000 pages in
  the full run), whose first articles have their candidates, as after
  ``annotator import``.
- ``startup_window_frame`` (informational): start to the first paint of the
  app's window frame, which shows before the project opens. This was once
  reported as the start-up figure; it says when something appears, not when
  work can start.

Each kind of launch is repeated in turns with the bare window, so a passing
load slows both alike; each launch is a fresh process.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

from annotator.candidates import refresh_candidates
from annotator.platform import app_paths
from annotator.project import seeding
from annotator.store import Store
from harness.figures.ingest import ensure_big_project
from harness.launch import (
    BARE_WINDOW,
    SOURCE_APP,
    quiet_qt_environment,
    time_to_first_article,
    time_to_first_paint,
)
from harness.measure import Figure, ratio_at_most
from harness.profiles import import_times, startup_profile
from harness.session import Session

GROUP = "start"
FIGURES = {
    "startup_first_article": "app start to the first article painted with candidates, keyboard in the text "
    "(seeded project), against a bare PySide6 window's start to first paint",
    "startup_first_article_20k": "the same on the 20,000-page project",
    "startup_window_frame": "app start to its empty window frame painted, against the bare window",
}
TARGET_RATIO = 2
# The first articles of the big project get candidates, as an import with candidates leaves them.
ARTICLES_WITH_CANDIDATES = 5


def _seeded_home(folder: Path) -> Path:
    """A user folder whose default project holds the seed pages and their candidates, as after the first run."""
    home = folder / "home"
    previous = os.environ.get(app_paths.HOME_ENV)
    os.environ[app_paths.HOME_ENV] = str(home)
    try:
        with Store(app_paths.default_db_path(), annotator="bench") as store:
            if seeding.needs_seeding(store):
                seeding.seed(store)
    finally:
        if previous is None:
            del os.environ[app_paths.HOME_ENV]
        else:
            os.environ[app_paths.HOME_ENV] = previous
    return home


def _with_first_candidates(db: Path) -> None:
    with Store(db, annotator="bench") as store:
        first = store.documents.ids()[:ARTICLES_WITH_CANDIDATES]
        if any(not store.candidates.for_document(doc_id) for doc_id in first):
            refresh_candidates(store, first, workers=1)


def _launches(session: Session, app: list[str], env: dict[str, str], folder: Path) -> dict[str, list[float]]:
    bare = [sys.executable, "-c", BARE_WINDOW]
    time_to_first_article(app, env, folder)  # the first launch writes caches (.pyc, fontconfig, jieba's)
    times: dict[str, list[float]] = {"bare": [], "app": []}
    for _ in range(session.plan.launches):
        times["bare"].append(time_to_first_paint(bare, env, folder))
        times["app"].append(time_to_first_article(app, env, folder)[0])
    return times


def _figure(session: Session, figure_id: str, name: str, times: dict[str, list[float]], project: str,
            app: list[str], env: dict[str, str], folder: Path, *, unjudged: str = "") -> Figure:
    return Figure(
        id=figure_id,
        name=name,
        value=statistics.median(times["app"]) * 1000,
        unit="ms",
        baseline=statistics.median(times["bare"]) * 1000,
        baseline_name="a bare PySide6 window (QApplication, QMainWindow) from start to its first paint, "
        "launched the same way",
        targets=[ratio_at_most(TARGET_RATIO)],
        profile=lambda: startup_profile(app, env, folder) + "\n\n" + import_times(app, env, folder),
        unjudged=unjudged,
        detail=(
            f"`annotator gui` from the source checkout on {project}; from the process's start until the first "
            "article's text, with its candidates and the keyboard in it, has been painted; median of "
            f"{session.plan.launches} launches of each, in turns (offscreen Qt)"
        ),
    )


def figures(session: Session) -> list[Figure]:
    folder = session.work / "start"
    folder.mkdir(exist_ok=True)
    home = _seeded_home(folder)
    env = quiet_qt_environment(home)
    seeded = [sys.executable, "-c", SOURCE_APP, "gui", "--annotator", "bench"]
    out = [
        _figure(session, "startup_first_article", "app start to first article, seeded project",
                _launches(session, seeded, env, folder), "the seeded default project (the bundled pages)",
                seeded, env, folder)
    ]

    db = ensure_big_project(session)
    _with_first_candidates(db)
    documents = session.artifacts.get("big_project_documents", 0)
    big = [sys.executable, "-c", SOURCE_APP, "gui", "--db", str(db), "--annotator", "bench"]
    out.append(
        _figure(
            session, "startup_first_article_20k", f"app start to first article, {session.plan.pages:,}-page project",
            _launches(session, big, env, folder), f"the {session.plan.pages:,}-page project ({documents:,} articles)",
            big, env, folder,
            unjudged="" if session.plan.big else f"measured on {session.plan.pages:,} pages, not 20,000",
        )
    )

    bare = [sys.executable, "-c", BARE_WINDOW]
    frames: dict[str, list[float]] = {"bare": [], "app": []}
    for _ in range(session.plan.launches):
        frames["bare"].append(time_to_first_paint(bare, env, folder))
        frames["app"].append(time_to_first_paint(seeded, env, folder, expect=("MainWindow",)))
    out.append(
        Figure(
            id="startup_window_frame",
            name="app start to its empty window frame",
            value=statistics.median(frames["app"]) * 1000,
            unit="ms",
            baseline=statistics.median(frames["bare"]) * 1000,
            baseline_name="the bare PySide6 window's start to first paint",
            detail=(
                "the frame the app paints before it opens the project (no text, no database yet); "
                f"median of {session.plan.launches} launches of each, in turns"
            ),
            informational=True,
        )
    )
    return out

