"""How fast the annotation window is, offscreen, against baselines measured in the same run.

Figures (medians unless said otherwise):

* open: showing a 10,000-character document with 1,000 highlighted spans
  (600 entities, some nested, and 400 pending candidates), laid out and
  painted; baseline: the same text in a bare QTextEdit. Target: under 50 ms.
* accept: Return on a focused candidate, committed to SQLite (synchronous =
  FULL), state re-read and the text repainted; median and p99. Baseline: the
  store call alone. The keypress's repaint is the partial one the window
  really does (pending paint events flushed), not a forced full repaint.
  Target: 16 ms median, 50 ms p99.
* start: launching ``annotator gui`` on the project until its window first
  paints, against a bare QApplication + QMainWindow launched the same way
  (both timed by annotator/startup_probe.py, in turns). Target: under 1.5x.

Run: python benchmarks/bench_review_window.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.text.font.db=false;qt.qpa.*=false")

HAN = "中华人民共和国工会职工浙江嘉善姚庄镇总工会专家团主席记者劳动权益服务技能创新企业安全生产法律援助"
PUNCT = "，。、；："


def synthetic_text(length: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    chars = []
    while len(chars) < length:
        paragraph = rng.randint(120, 360)
        for i in range(paragraph):
            chars.append(rng.choice(PUNCT) if i and i % rng.randint(12, 30) == 0 else rng.choice(HAN))
        chars.append("\n")
    return "".join(chars[:length])


def build_project(path: Path, length: int = 10_000, entities: int = 600, candidates: int = 400) -> str:
    from annotator.model import (
        AnnotatedDocument,
        Candidate,
        Document,
        Entity,
        SourceFile,
    )
    from annotator.store import Store

    text = synthetic_text(length)
    rng = random.Random(11)
    labels = ["PER", "ORG", "LOC", "TITLE", "DATE"]
    step = length // (entities + candidates)
    spans, cands = [], []
    for i in range(entities + candidates):
        start = i * step
        end = min(length, start + rng.randint(2, max(3, step - 1)))
        while end > start + 1 and text[end - 1].isspace():
            end -= 1
        if text[start].isspace() or end - start < 1 or not text[start:end].strip():
            start += 1
        if start >= end:
            continue
        label = rng.choice(labels)
        if i < entities:
            spans.append(Entity("doc", start, end, label, text[start:end]))
            if i % 10 == 0 and end - start >= 3:  # a nested one inside every tenth entity
                spans.append(Entity("doc", start, start + 2, "LOC", text[start : start + 2]))
        else:
            cands.append(Candidate("doc", start, end, label, text[start:end], "bench", 0.5))
    source = SourceFile(path="bench.txt", name="bench.txt", sha256="b" * 64, size=length, format="native")
    source.documents.append(AnnotatedDocument(Document("doc", text, title="bench"), entities=spans, candidates=cands))
    with Store(path, annotator="bench") as store:
        store.import_source(source)
        extra = Document("doc2", text[::-1], title="other")
        source2 = SourceFile(path="b2.txt", name="b2.txt", sha256="c" * 64, size=length, format="native")
        source2.documents.append(AnnotatedDocument(extra))
        store.import_source(source2)
        return f"{len(store.entities('doc'))} entities, {len(store.candidates('doc'))} candidates"


BARE_WINDOW = (
    "from annotator.startup_probe import install_from_environment\n"
    "install_from_environment()\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "window = QMainWindow()\n"
    "window.resize(1280, 820)\n"
    "window.show()\n"
    "app.exec()\n"
)
APP_WINDOW = (
    "from annotator.startup_probe import install_from_environment\n"
    "install_from_environment()\n"
    "import sys\n"
    "from annotator.cli.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def time_to_first_paint(kind: str, db: Path, folder: Path) -> float:
    """Seconds from launching a process to the first paint of its window (annotator/startup_probe.py)."""
    from annotator.startup_probe import PROBE_ENV

    marker = folder / "first-paint.txt"
    marker.unlink(missing_ok=True)
    # XDG_CONFIG_HOME: the window's QSettings go to the temporary folder, not the user's.
    env = dict(
        os.environ,
        **{PROBE_ENV: str(marker), "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(folder / "config")},
    )
    command = [sys.executable, "-c", BARE_WINDOW] if kind == "bare" else [
        sys.executable, "-c", APP_WINDOW, "gui", "--db", str(db), "--annotator", "bench"
    ]
    started = time.time()
    done = subprocess.run(command, env=env, cwd=folder, capture_output=True, text=True, timeout=120, check=False)
    if not marker.is_file():
        raise SystemExit(f"{kind}: no window painted (exit {done.returncode}): {done.stderr[-2000:]}")
    return float(marker.read_text(encoding="utf-8").split()[0]) - started


def ms(seconds: float) -> float:
    return seconds * 1000.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--keys", type=int, default=200, help="candidates to accept for the keypress figure")
    parser.add_argument("--starts", type=int, default=5, help="process launches of each kind (0 to skip)")
    args = parser.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QTextEdit

    folder = Path(tempfile.mkdtemp(prefix="annotator-bench-"))
    os.environ["ANNOTATOR_HOME"] = str(folder / "home")
    db = folder / "bench.db"
    what = build_project(db)

    from PySide6.QtCore import QSettings

    from annotator.ui.app import build_main_window, ensure_application
    from annotator.ui.theme import text_font

    app = ensure_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))

    # --- process start to first paint, against a bare QMainWindow -----------------------
    starts = {"bare": [], "app": []}
    if args.starts:
        for _ in range(args.starts):
            for name in ("bare", "app"):
                starts[name].append(time_to_first_paint(name, db, folder))

    # --- opening the big document ------------------------------------------------------
    window = build_main_window(db, "bench", restore_settings=False)
    window.start(background=False)
    window.show()
    app.processEvents()
    view = window.view
    baseline_open, open_times = [], []
    editor = QTextEdit()
    editor.resize(view.size())
    editor.show()
    text = window.store.document_text("doc")
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        document = QTextDocument(editor)
        document.setDefaultFont(text_font())
        document.setPlainText(text)
        editor.setDocument(document)
        editor.viewport().repaint()
        baseline_open.append(time.perf_counter() - t0)
        window.controller.open_document("doc2")
        app.processEvents()
        t0 = time.perf_counter()
        window.controller.open_document("doc")
        view.viewport().repaint()
        open_times.append(time.perf_counter() - t0)
        app.processEvents()
    editor.close()

    # --- accepting candidates by keypress ----------------------------------------------------
    window.controller.open_document("doc")
    app.processEvents()
    view.setFocus()
    accept_times, store_times = [], []
    from annotator.review.spans import SpanKind

    first = window.controller.state.spans.first(SpanKind.CANDIDATE)
    window.controller.set_focus(first.key)
    view.viewport().repaint()
    for _ in range(args.keys):
        span = window.controller.focused_span()
        if span is None or not span.is_candidate:
            break
        t0 = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_Return)
        app.processEvents()  # the partial repaint the keypress asked for
        accept_times.append(time.perf_counter() - t0)
    # baseline: the store call alone, on the same kind of candidate
    from annotator.model import CandidateState

    pending = window.store.candidates("doc", [CandidateState.PENDING])[: args.keys]
    for candidate in pending:
        t0 = time.perf_counter()
        window.store.accept_candidate(candidate.id)
        store_times.append(time.perf_counter() - t0)
    window.close()

    print(f"project: {what} in a {len(text):,}-character document")
    if starts["app"]:
        app_s, bare_s = statistics.median(starts["app"]), statistics.median(starts["bare"])
        print(f"start to paint ours {ms(app_s):7.1f} ms   bare QMainWindow {ms(bare_s):6.1f} ms"
              f"   ratio {app_s / bare_s:5.2f}x   n={len(starts['app'])}   (target < 1.5x)")
    print(f"open document  ours {ms(statistics.median(open_times)):7.1f} ms   bare QTextEdit {ms(statistics.median(baseline_open)):8.1f} ms"
          f"   ratio {statistics.median(open_times) / statistics.median(baseline_open):5.2f}x   (target < 50 ms)")
    if accept_times:
        print(f"accept by key  median {ms(statistics.median(accept_times)):5.1f} ms   p99 {ms(percentile(accept_times, 0.99)):5.1f} ms"
              f"   store call alone median {ms(statistics.median(store_times)):5.1f} ms   n={len(accept_times)}"
              "   (target 16 ms median, 50 ms p99)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
