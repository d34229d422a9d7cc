"""The start-up benchmark's probe: off by default; when asked, it notes the first paint and ends the process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from annotator.ui import startup_probe

BARE_WINDOW = """
from annotator.ui.startup_probe import install_from_environment
install_from_environment()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
app.exec()
raise SystemExit(3)  # only reached if the probe did not end the process
"""


def test_without_the_variable_nothing_is_installed(monkeypatch):
    from PySide6 import QtWidgets

    monkeypatch.delenv(startup_probe.PROBE_ENV, raising=False)
    before = QtWidgets.QApplication, QtWidgets.QWidget.show
    assert startup_probe.install_from_environment() is False
    assert (QtWidgets.QApplication, QtWidgets.QWidget.show) == before


def test_the_probe_records_the_first_paint_and_ends_the_process(tmp_path: Path):
    marker = tmp_path / "first-paint.txt"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", startup_probe.PROBE_ENV: str(marker)}
    started = time.time()
    completed = subprocess.run([sys.executable, "-c", BARE_WINDOW], env=env, capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    painted_at, widget = marker.read_text(encoding="utf-8").split()
    assert started < float(painted_at) < time.time()
    assert widget == "QMainWindow"
