"""The frozen app (PyInstaller, ``dist/``): start to the first paint of its window.

Not judged (``met`` null) when the app is not built: ``python build/build.py
--no-installer`` builds it. The baseline is the bare PySide6 window from this
Python, launched the same way.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from harness.launch import BARE_WINDOW, quiet_qt_environment, time_to_first_paint
from harness.measure import Figure, value_at_most
from harness.session import Session

GROUP = "frozen"
FIGURES = {"frozen_start": "the frozen app's start to the first paint of its window"}
REPO = Path(__file__).resolve().parents[3]
TARGET_S = 2.0


def figures(session: Session) -> list[Figure]:
    name = "frozen app start to first paint"
    sys.path.insert(0, str(REPO / "build"))
    try:
        import bundle_check  # the build's own helpers: build/ is not a package
    finally:
        sys.path.pop(0)
    app = bundle_check.frozen_app(REPO / "dist")
    if not app.gui.is_file():
        return [
            Figure(
                id="frozen_start",
                name=name,
                value=None,
                unit="s",
                targets=[value_at_most(TARGET_S, "s")],
                unjudged="the app is not built",
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
            id="frozen_start",
            name=name,
            value=statistics.median(times["frozen"]),
            unit="s",
            baseline=statistics.median(times["bare"]),
            baseline_name="a bare PySide6 window from this Python, launched the same way",
            targets=[value_at_most(TARGET_S, "s")],
            detail=(
                f"dist/ build on an existing project; median of {session.plan.launches} launches of each, in turns; "
                f"the very first launch (new project) painted after {first_launch:.2f} s"
            ),
        )
    ]
