"""Start-up, timed from the outside: launch to the first paint of the window, offscreen.

- app start: ``annotator gui`` from the source checkout on the default
  database (a seeded project in the user's data folder, as after the first
  run) against a bare QApplication and QMainWindow launched the same way;
- frozen app: the PyInstaller build in ``dist/`` (``python build/build.py
  --no-installer``) on an existing project, with the same bare window as its
  baseline. Not judged when the app is not built.

Both kinds are launched in turns, so a passing load slows them alike; the
probe (annotator/ui/startup_probe.py) notes the wall-clock time of the first
paint of a top-level window and ends the process.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from harness.launch import BARE_WINDOW, SOURCE_APP, quiet_qt_environment, time_to_first_paint
from harness.profiles import import_times
from harness.measure import Figure, ratio_at_most, value_at_most
from harness.session import Session

REPO = Path(__file__).resolve().parents[3]
FROZEN_TARGET_S = 2.0


def _seeded_home(folder: Path) -> Path:
    """A user folder whose default project holds the seed pages, as after the app's first run."""
    import os

    from annotator.platform import app_paths

    from annotator.project import seeding
    from annotator.store import Store

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


def app_start(session: Session) -> list[Figure]:
    folder = session.work / "start"
    folder.mkdir(exist_ok=True)
    home = _seeded_home(folder)
    env = quiet_qt_environment(home)
    bare = [sys.executable, "-c", BARE_WINDOW]
    app = [sys.executable, "-c", SOURCE_APP, "gui", "--annotator", "bench"]
    time_to_first_paint(app, env, folder)  # the first launch writes caches (.pyc, fontconfig)
    times: dict[str, list[float]] = {"bare": [], "app": []}
    for _ in range(session.plan.launches):
        times["bare"].append(time_to_first_paint(bare, env, folder))
        times["app"].append(time_to_first_paint(app, env, folder, expect=("MainWindow",)))
    return [
        Figure(
            name="app start to first paint, default database",
            value=statistics.median(times["app"]) * 1000,
            unit="ms",
            baseline=statistics.median(times["bare"]) * 1000,
            baseline_name="a bare QApplication and QMainWindow shown, launched the same way",
            targets=[ratio_at_most(1.5)],
            profile=lambda: import_times(app, env, folder),
            detail=f"`annotator gui` on the seeded default project; median of {session.plan.launches} launches of each, in turns",
        )
    ]


def frozen_start(session: Session) -> list[Figure]:
    name = "frozen app start to first paint"
    sys.path.insert(0, str(REPO / "build"))
    try:
        import bundle_check
    finally:
        sys.path.pop(0)
    app = bundle_check.frozen_app(REPO / "dist")
    if not app.gui.is_file():
        return [
            Figure(
                name=name,
                value=None,
                unit="s",
                targets=[value_at_most(FROZEN_TARGET_S, "s")],
                detail=f"not measured: {app.gui.relative_to(REPO)} is not built (python build/build.py --no-installer)",
            )
        ]
    folder = session.work / "frozen"
    folder.mkdir(exist_ok=True)
    env = bundle_check.frozen_environment(folder / "home")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(folder / "config")
    db = folder / "project.db"
    frozen = [str(app.gui), "gui", "--db", str(db), "--annotator", "bench"]
    bare = [sys.executable, "-c", BARE_WINDOW]
    bare_env = quiet_qt_environment(folder / "home")
    first_launch = time_to_first_paint(frozen, env, folder, expect=("MainWindow",))  # creates the project
    times: dict[str, list[float]] = {"bare": [], "frozen": []}
    for _ in range(session.plan.launches):
        times["bare"].append(time_to_first_paint(bare, bare_env, folder))
        times["frozen"].append(time_to_first_paint(frozen, env, folder, expect=("MainWindow",)))
    return [
        Figure(
            name=name,
            value=statistics.median(times["frozen"]),
            unit="s",
            baseline=statistics.median(times["bare"]),
            baseline_name="a bare QApplication and QMainWindow from this Python, launched the same way",
            targets=[value_at_most(FROZEN_TARGET_S, "s")],
            detail=(
                f"dist/ build on an existing project; median of {session.plan.launches} launches of each, in turns; "
                f"the very first launch (new project) painted after {first_launch:.2f} s"
            ),
        )
    ]
