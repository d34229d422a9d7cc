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
    completed = subprocess.run(
        [sys.executable, "-c", BARE_WINDOW], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    painted_at, widget = marker.read_text(encoding="utf-8").split()
    assert started < float(painted_at) < time.time()
    assert widget == "QMainWindow"


APP = """
import sys
from annotator.cli.main import main
main(sys.argv[1:])
raise SystemExit(3)  # only reached if the probe did not end the process
"""


def test_the_article_probe_waits_for_the_first_article_with_its_candidates(tmp_path: Path):
    from annotator.model import AnnotatedDocument, Candidate, Document, SourceFile
    from annotator.store import Store

    db = tmp_path / "project.db"
    text = "浙江省嘉善县总工会主席张萍说，今年职工技能大赛在姚庄镇举行。"
    source = SourceFile(path="a.txt", name="a.txt", sha256="a" * 64, size=len(text), format="native")
    source.documents.append(
        AnnotatedDocument(Document("d1", text, title="t"), candidates=[Candidate("d1", 0, 6, "ORG", text[0:6], "rules", 0.9)])
    )
    with Store(db, annotator="probe") as store:
        store.documents.import_source(source)
    marker = tmp_path / "first-article.txt"
    env = {
        **os.environ, "QT_QPA_PLATFORM": "offscreen", startup_probe.ARTICLE_ENV: str(marker),
        "ANNOTATOR_HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop(startup_probe.PROBE_ENV, None)
    started = time.time()
    completed = subprocess.run(
        [sys.executable, "-c", APP, "gui", "--db", str(db), "--annotator", "probe"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    marked_at, article = marker.read_text(encoding="utf-8").split()
    assert started < float(marked_at) < time.time()
    assert article == f"d1:{len(text)}"


def test_without_its_variable_the_article_probe_does_nothing(monkeypatch):
    monkeypatch.delenv(startup_probe.ARTICLE_ENV, raising=False)
    assert startup_probe.watch_first_article(object()) is False  # type: ignore[arg-type]
