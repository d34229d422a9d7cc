"""Frozen app start-up: from launch to the first paint of its window, offscreen.

    python build/build.py --no-installer           # once, to have dist/Annotator
    python benchmarks/bench_frozen_startup.py [--repeats 7]

Each run launches a process with ``ANNOTATOR_FIRST_PAINT_FILE`` set; the probe
(annotator/startup_probe.py) writes the wall-clock time of the first paint of
a top-level window and ends the process. Three launches are timed in turns,
so a busy machine slows them alike:

* bare     - this Python, a QApplication and an empty QMainWindow: Qt's floor here;
* frozen   - the built app on an existing project (the daily case);
* source   - the same app from the source checkout, for comparison.

The first launch of the frozen app on a new project (which imports the seed
pages) is timed once, separately. Target: the frozen app's window within 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "build"))

import bundle_check  # noqa: E402

from annotator.startup_probe import PROBE_ENV  # noqa: E402

TARGET_S = 2.0
LAUNCH_TIMEOUT_S = 60
BARE_WINDOW = (
    "from annotator.startup_probe import install_from_environment\n"
    "install_from_environment()\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "window = QMainWindow()\n"
    "window.resize(1200, 800)\n"
    "window.show()\n"
    "app.exec()\n"
)
SOURCE_APP = (
    "from annotator.startup_probe import install_from_environment\n"
    "install_from_environment()\n"
    "import sys\n"
    "from annotator.cli.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def time_to_first_paint(command: list[str], home: Path) -> float:
    """Seconds from starting ``command`` to its first painted window (which must be the main window)."""
    marker = home / "first-paint.txt"
    marker.unlink(missing_ok=True)
    env = bundle_check.frozen_environment(home)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env[PROBE_ENV] = str(marker)
    started = time.time()
    completed = subprocess.run(command, env=env, cwd=home, capture_output=True, text=True, timeout=LAUNCH_TIMEOUT_S)
    if not marker.is_file():
        raise SystemExit(
            f"no window was painted by {' '.join(command)} (exit {completed.returncode}):\n"
            f"{completed.stdout}{completed.stderr}"
        )
    painted_at, window = marker.read_text(encoding="utf-8").split()
    if window not in ("MainWindow", "QMainWindow"):
        raise SystemExit(f"the first window painted by {' '.join(command)} was a {window}, not the main window")
    return float(painted_at) - started


def describe(samples: list[float]) -> str:
    return (
        f"median {statistics.median(samples):.2f} s  "
        f"(min {min(samples):.2f}, max {max(samples):.2f}, n={len(samples)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="where build.py put the app")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    app = bundle_check.frozen_app(args.dist.resolve())
    if not app.gui.is_file():
        raise SystemExit(f"{app.gui} does not exist; build it first: python build/build.py --no-installer")

    with tempfile.TemporaryDirectory(prefix="annotator-startup-") as tmp:
        home = Path(tmp)
        db = home / "bench.db"
        gui_args = ["gui", "--db", str(db), "--annotator", "bench"]
        commands = {
            "bare": [sys.executable, "-c", BARE_WINDOW],
            "frozen": [str(app.gui), *gui_args],
            "source": [sys.executable, "-c", SOURCE_APP, *gui_args],
        }
        first_launch = time_to_first_paint(commands["frozen"], home)  # creates and seeds the project
        time_to_first_paint(commands["source"], home)  # warms the OS file cache for the source tree
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeats):
            for name, command in commands.items():
                samples[name].append(time_to_first_paint(command, home))

    bare = statistics.median(samples["bare"])
    frozen = statistics.median(samples["frozen"])
    print(f"launch to first paint, offscreen, {os.cpu_count()} CPUs, {sys.platform}")
    print(f"  bare QApplication+QMainWindow (python): {describe(samples['bare'])}")
    print(f"  frozen app, existing project:           {describe(samples['frozen'])}  = {frozen / bare:.1f}x bare")
    print(f"  source checkout, existing project:      {describe(samples['source'])}"
          f"  = {statistics.median(samples['source']) / bare:.1f}x bare")
    print(f"  frozen app, first launch (new project, seeds imported): {first_launch:.2f} s")
    verdict = "within" if frozen <= TARGET_S and first_launch <= TARGET_S else "OVER"
    print(f"target: window within {TARGET_S:.0f} s -> {verdict} "
          f"(median {frozen:.2f} s, first launch {first_launch:.2f} s)")
    return 0 if verdict == "within" else 1


if __name__ == "__main__":
    raise SystemExit(main())
