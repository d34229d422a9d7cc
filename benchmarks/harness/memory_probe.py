"""Run in a child process: open a window, let it settle, print its resident memory as JSON.

    python -m harness.memory_probe bare
    python -m harness.memory_probe app PROJECT.db

``app`` is the whole annotation window on the project, as a reviewer uses it:
the first unfinished document open, the background jobs (jieba, candidates
for the next documents) finished, the document list scrolled to the end and a
full-text search run over every document.
"""

from __future__ import annotations

import json
import os
import sys
import time

from harness.measure import rss_mb

SETTLE_TIMEOUT_S = 300


def _peak_mb() -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        return None
    return None


def _spin(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.resize(1360, 860)
    window.show()
    _spin(app, 0.5)


def annotation_window(db: str) -> None:
    from annotator.project.document_listing import ListFilter
    from annotator.ui.app import build_main_window, ensure_application

    app = ensure_application()
    window = build_main_window(db, "bench", restore_settings=False)
    window.show()
    window.start(background=True)
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    _spin(app, 0.2)
    while window.jobs.tasks.busy and time.monotonic() < deadline:
        _spin(app, 0.05)
    window.documents.view.scrollToBottom()
    window.documents.set_filter(ListFilter(query="工会"))
    _spin(app, 0.3)
    while window.jobs.tasks.busy and time.monotonic() < deadline:
        _spin(app, 0.05)


def main(argv: list[str]) -> int:
    kind = argv[0]
    if kind == "bare":
        bare()
    else:
        annotation_window(argv[1])
    print(json.dumps({"rss_mb": rss_mb(), "peak_mb": _peak_mb()}))
    sys.stdout.flush()
    os._exit(0)  # the measurement is taken; skip tearing the window down


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
