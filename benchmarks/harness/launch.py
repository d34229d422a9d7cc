"""Launching processes and timing them from the outside: start to first paint, memory once settled."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent
LAUNCH_TIMEOUT_S = 120

# A bare QApplication and QMainWindow shown: Qt's floor for a window on this machine.
BARE_WINDOW = (
    "from annotator.ui.startup_probe import install_from_environment\n"
    "install_from_environment()\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "window = QMainWindow()\n"
    "window.resize(1360, 860)\n"
    "window.show()\n"
    "app.exec()\n"
)
# The app from the source checkout, as ``annotator`` runs it.
SOURCE_APP = (
    "from annotator.ui.startup_probe import install_from_environment\n"
    "install_from_environment()\n"
    "import sys\n"
    "from annotator.cli.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def quiet_qt_environment(home: Path) -> dict[str, str]:
    """A child's environment: offscreen Qt, its own user folders and settings."""
    env = dict(os.environ)
    # An installed app has its bytecode (pip and PyInstaller compile it); a child that may not write
    # it would compile every module on every launch and time the compiler, not the app.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.setdefault("QT_LOGGING_RULES", "qt.text.font.db=false;qt.qpa.*=false")
    env["ANNOTATOR_HOME"] = str(home)
    env["XDG_CONFIG_HOME"] = str(home / "config")  # the window's QSettings stay in the scratch folder
    return env


def time_to_first_paint(command: list[str], env: dict[str, str], folder: Path, *, expect: tuple[str, ...] = ()) -> float:
    """Seconds from starting ``command`` to the first paint of its window (see annotator/ui/startup_probe.py)."""
    from annotator.ui.startup_probe import PROBE_ENV

    seconds, window = time_to_mark(command, env, folder, PROBE_ENV)
    if expect and window not in expect:
        raise RuntimeError(f"the first window painted was a {window}, not {' or '.join(expect)}")
    return seconds


def time_to_first_article(command: list[str], env: dict[str, str], folder: Path) -> tuple[float, str]:
    """Seconds from starting the app to its first article painted with its candidates and the keyboard
    in the text, and which article (``doc_id:characters``)."""
    from annotator.ui.startup_probe import ARTICLE_ENV

    return time_to_mark(command, env, folder, ARTICLE_ENV)


def time_to_mark(command: list[str], env: dict[str, str], folder: Path, variable: str) -> tuple[float, str]:
    """Start ``command`` with ``variable`` naming a marker file; the seconds until the probe wrote it, and what."""
    marker = folder / "startup-mark.txt"
    marker.unlink(missing_ok=True)
    env = dict(env, **{variable: str(marker)})
    started = time.time()
    completed = subprocess.run(
        command, env=env, cwd=folder, capture_output=True, text=True, timeout=LAUNCH_TIMEOUT_S, check=False
    )
    if not marker.is_file():
        raise RuntimeError(
            f"the probe ({variable}) noted nothing for {' '.join(command[:3])}… (exit {completed.returncode}): "
            f"{completed.stderr[-1500:]}"
        )
    marked_at, what = marker.read_text(encoding="utf-8").split(maxsplit=1)
    return float(marked_at) - started, what.strip()


def settled_memory(kind: str, env: dict[str, str], folder: Path, db: Path | None = None) -> dict[str, float]:
    """Resident memory of a window process once it has settled (see ``memory_probe``), in MB."""
    command = [sys.executable, "-m", "harness.memory_probe", kind]
    if db is not None:
        command.append(str(db))
    env = dict(env, PYTHONPATH=os.pathsep.join(filter(None, [str(BENCHMARKS), env.get("PYTHONPATH", "")])))
    completed = subprocess.run(
        command, env=env, cwd=folder, capture_output=True, text=True, timeout=LAUNCH_TIMEOUT_S * 5, check=False
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("{")]
    if completed.returncode != 0 or not lines:
        raise RuntimeError(f"memory probe ({kind}) failed (exit {completed.returncode}): {completed.stderr[-1500:]}")
    return json.loads(lines[-1])
