"""``annotator --smoke``: a self-test of an installed or frozen app, one line per check.

It proves the parts a packaged build most often loses: the Qt platform plugin
and the font for Chinese, jieba's dictionary and rjieba's extension, spawning
a worker process (each one is the frozen executable again), SQLite, the seed
pages, the candidate pipeline, an exporter, training a model (CRFsuite, on
worker processes) and suggesting with it, and the real main window. A check
that needs another (the export needs candidates) is skipped when that one
failed. Everything is written to a temporary folder that is removed
afterwards; the only lasting trace is jieba's dictionary cache in the user's
cache folder, which the app would write anyway. Exit status 0 means every
check passed; the last line reads ``smoke: N passed, N failed, N skipped``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.platform import app_paths

EXIT_FAILED = 1
# jieba's own README sentence: a dictionary that loaded correctly cuts it exactly so.
SEGMENT_SAMPLE = "我来到北京清华大学"
SEGMENT_EXPECTED = ["我", "来到", "北京", "清华大学"]
WINDOW_TIMEOUT_S = 10.0
WORKER_TIMEOUT_S = 120.0


class SmokeFailure(Exception):
    """A check ran and found something wrong."""


@dataclass
class SmokeContext:
    workdir: Path
    store: object | None = None
    doc_ids: list[str] = field(default_factory=list)
    qt_objects: list[object] = field(default_factory=list)


# --- the checks ------------------------------------------------------------------------


def _use_offscreen_without_display() -> None:
    """Linux CI and ssh sessions have no display; Windows and macOS always do."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def check_qt(ctx: SmokeContext) -> str:
    _use_offscreen_without_display()
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from annotator.ui.fonts import HAN_SAMPLE, ensure_cjk_font, han_render_family

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "annotator"])
    font = ensure_cjk_font()
    window = QMainWindow()
    label = QLabel(HAN_SAMPLE)
    window.setCentralWidget(label)
    window.resize(320, 120)
    window.show()
    ctx.qt_objects.append(window)  # closed in run_smoke, after the other checks
    _wait_until_exposed(app, window)
    picture = window.grab()
    if picture.isNull() or picture.width() == 0:
        raise SmokeFailure("the window could not be painted")
    renders_with = han_render_family(label.font())
    if renders_with is None:
        raise SmokeFailure(f"Chinese text renders as empty boxes (font {font.describe()})")
    return f"platform '{app.platformName()}', window shown and painted; Chinese renders with {font.describe()}"


def _wait_until_exposed(app, window) -> None:
    deadline = time.monotonic() + WINDOW_TIMEOUT_S
    while not (window.windowHandle() and window.windowHandle().isExposed()):
        if time.monotonic() > deadline:
            raise SmokeFailure(f"the window was not shown within {WINDOW_TIMEOUT_S:.0f} s")
        app.processEvents()


def _installed_app_folder() -> Path:
    """The folder users install (read-only for them): the onedir folder, or the .app bundle."""
    exe = Path(sys.executable).resolve()
    bundle = next((p for p in exe.parents if p.suffix == ".app"), None)
    return bundle or exe.parent


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def check_segmenter(ctx: SmokeContext) -> str:
    from annotator.text.segmenter import Segmenter, import_jieba

    jieba = import_jieba()
    dictionary = Path(jieba.dt.dictionary)
    if not dictionary.is_file():
        raise SmokeFailure(f"jieba's dictionary is missing: {dictionary}")
    if app_paths.is_frozen() and not _inside(dictionary, Path(sys._MEIPASS)):  # type: ignore[attr-defined]
        raise SmokeFailure(f"jieba's dictionary comes from outside the bundle: {dictionary}")
    jieba.initialize()
    words = jieba.lcut(SEGMENT_SAMPLE)
    if words != SEGMENT_EXPECTED:
        raise SmokeFailure(f"jieba cut {SEGMENT_SAMPLE!r} as {words}, expected {SEGMENT_EXPECTED}")
    cache = Path(jieba.dt.cache_file)
    if not _inside(cache, app_paths.cache_dir()):
        raise SmokeFailure(f"jieba's cache is not in the user's cache folder: {cache}")
    if app_paths.is_frozen() and _inside(cache, _installed_app_folder()):
        raise SmokeFailure(f"jieba's cache is inside the installed app: {cache}")
    tags = dict(Segmenter("jieba").tag(SEGMENT_SAMPLE))
    if tags.get("北京") != "ns":
        raise SmokeFailure(f"jieba.posseg tagged 北京 as {tags.get('北京')!r}, expected 'ns' (place)")
    try:
        fast = Segmenter("rjieba")
    except ImportError as exc:
        raise SmokeFailure(f"rjieba is not importable: {exc}") from None
    if fast.cut(SEGMENT_SAMPLE) != SEGMENT_EXPECTED:
        raise SmokeFailure(f"rjieba cut {SEGMENT_SAMPLE!r} as {fast.cut(SEGMENT_SAMPLE)}")
    return f"jieba dictionary {dictionary} ({len(jieba.dt.FREQ):,} entries), cache {cache}; rjieba agrees"


def _segment_in_worker(text: str) -> tuple[int, list[str]]:
    from annotator.text.segmenter import get_segmenter

    return os.getpid(), get_segmenter().cut(text)


def check_workers(ctx: SmokeContext) -> str:
    """Large imports compute candidates in spawned processes; in a frozen app each is the app itself."""
    from concurrent.futures import ProcessPoolExecutor

    from annotator.platform.parallel import spawn_context

    with ProcessPoolExecutor(max_workers=1, mp_context=spawn_context()) as pool:
        pid, words = pool.submit(_segment_in_worker, SEGMENT_SAMPLE).result(timeout=WORKER_TIMEOUT_S)
    if pid == os.getpid():
        raise SmokeFailure("the worker ran in this process, not a spawned one")
    if words != SEGMENT_EXPECTED:
        raise SmokeFailure(f"a worker process cut {SEGMENT_SAMPLE!r} as {words}")
    return f"a spawned worker process (pid {pid}) segments text"


def check_database(ctx: SmokeContext) -> str:
    from annotator.store import Store

    path = ctx.workdir / "smoke.db"
    store = Store(path, annotator="smoke")
    ctx.store = store
    problems = store.check()
    if problems:
        raise SmokeFailure(f"a new database fails its integrity check: {problems[0]}")
    labels = len(store.schema.current.entity_names)
    return f"opened {path} (schema version {store.version}, {labels} entity labels)"


def check_import(ctx: SmokeContext) -> str:
    from annotator.project.importing import discover, import_paths

    page = discover([app_paths.seeds_dir()])[0]
    (report,) = import_paths(ctx.store, [page])  # type: ignore[arg-type]
    if report.outcome != "imported" or not report.doc_ids:
        raise SmokeFailure(f"seed page {page.name}: {report.outcome}; {'; '.join(report.notes) or 'no articles'}")
    ctx.doc_ids = list(report.doc_ids)
    return f"seed page {page.name} -> {_count(len(ctx.doc_ids), 'article')}"


def check_candidates(ctx: SmokeContext) -> str:
    from annotator.candidates import refresh_candidates

    store = ctx.store
    refresh_candidates(store, ctx.doc_ids)
    found = {doc_id: store.candidates.for_document(doc_id) for doc_id in ctx.doc_ids}  # type: ignore[attr-defined]
    total = sum(len(c) for c in found.values())
    if total == 0:
        raise SmokeFailure(f"no candidates in {len(ctx.doc_ids)} imported article(s)")
    sources = sorted({c.source for cands in found.values() for c in cands})
    # Accept one so the export below has an entity to verify.
    doc_id, cands = next((d, c) for d, c in found.items() if c)
    store.candidates.accept(cands[0].id)  # type: ignore[attr-defined]
    store.documents.set_status(doc_id, "done")  # type: ignore[attr-defined]
    return f"{_count(total, 'candidate')} from {', '.join(sources)}"


def check_export(ctx: SmokeContext) -> str:
    from annotator.project.exporting import export
    from annotator.project.importing import import_paths
    from annotator.store import Store

    store = ctx.store
    out = ctx.workdir / "export.jsonl"
    summary = export(store, "jsonl", str(out), statuses=None)  # type: ignore[arg-type]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    if len(records) != summary.documents or summary.documents != len(ctx.doc_ids):
        raise SmokeFailure(
            f"{out.name}: {len(records)} records, summary says {summary.documents}, imported {len(ctx.doc_ids)}"
        )
    for record in records:
        if record["text"] != store.documents.text(record["id"]):  # type: ignore[attr-defined]
            raise SmokeFailure(f"{out.name}: the text of {record['id']} differs from the project's")
        for entity in record["entities"]:
            if record["text"][entity["start"] : entity["end"]] != entity["text"]:
                raise SmokeFailure(f"{out.name}: entity {entity['id']} of {record['id']} has wrong offsets")
    # Read it back the way a colleague would, into a second project.
    with Store(ctx.workdir / "reimport.db", annotator="smoke") as again:
        (report,) = import_paths(again, [out], format="jsonl")
        if report.outcome != "imported" or report.entities != summary.entities:
            raise SmokeFailure(
                f"{out.name} re-imported as {report.outcome} with {report.entities} entities, "
                f"exported {summary.entities}; {'; '.join(report.notes)}"
            )
    return (
        f"{_count(summary.documents, 'document')}, {_count(summary.entities, 'entity', 'entities')} "
        "exported to JSONL and read back"
    )


# Enough to train on (annotator.learning needs 5 documents), few enough to train in seconds.
LEARNING_DOCUMENTS = 6


def check_learning(ctx: SmokeContext) -> str:
    """A tiny model trains on worker processes, is stored, and suggests through the candidate pipeline."""
    from annotator.candidates import context_from_store, suggest
    from annotator.learning import CrfSettings, TrainingSettings, train_project

    store = ctx.store
    reviewed = []
    for doc_id in ctx.doc_ids:
        pending = store.candidates.for_document(doc_id, states=["pending"])  # type: ignore[attr-defined]
        if not pending:
            continue
        for candidate in pending:
            store.candidates.accept(candidate.id)  # type: ignore[attr-defined]
        store.documents.set_status(doc_id, "done")  # type: ignore[attr-defined]
        reviewed.append(doc_id)
        if len(reviewed) == LEARNING_DOCUMENTS:
            break
    settings = TrainingSettings(folds=2, curve_fractions=(), crf=CrfSettings(max_iterations=30))
    report = train_project(store, settings=settings, workers=2)  # type: ignore[arg-type]
    model, problem = store.models.usable()  # type: ignore[attr-defined]
    if model is None:
        raise SmokeFailure(f"the trained model was not stored: {problem or 'no model'}")
    text = store.documents.text(reviewed[0])  # type: ignore[attr-defined]
    found = [s for s in suggest(text, context=context_from_store(store)) if "model" in s.source.split("+")]  # type: ignore[arg-type]
    if not found:
        raise SmokeFailure(f"the model (version {model.id}) suggested nothing in a document it was trained on")
    return (
        f"model version {model.id} trained on {report.model.documents} documents in "
        f"{report.timings['training']:.1f} s ({report.processes} processes, CV F1 "
        f"{report.model.metrics['overall']['f1']:.2f}), {_count(len(found), 'suggestion')} from it"
    )


def check_window(ctx: SmokeContext) -> str:
    """The real main window opens on the smoke project, shows its first article and paints."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app import build_main_window

    # The window saves its layout on closing: keep that out of the user's settings.
    user_format = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(ctx.workdir / "settings"))
    app = QApplication.instance()
    try:
        window = build_main_window(ctx.workdir / "smoke.db", "smoke", restore_settings=False)
        try:
            window.start(background=False)
            window.show()
            _wait_until_exposed(app, window)
            if window.grab().isNull():
                raise SmokeFailure("the main window could not be painted")
            title = window.windowTitle()
        finally:
            window.shutdown()
            window.hide()
            window.deleteLater()
    finally:
        QSettings.setDefaultFormat(user_format)
    return f"the main window opens and paints ({title})"


# Each check names the checks it builds on; it is skipped when one of those failed.
CHECKS: list[tuple[str, Callable[[SmokeContext], str], tuple[str, ...]]] = [
    ("qt", check_qt, ()),
    ("jieba", check_segmenter, ()),
    ("workers", check_workers, ("jieba",)),
    ("database", check_database, ()),
    ("import", check_import, ("database",)),
    ("candidates", check_candidates, ("import", "jieba")),
    ("export", check_export, ("candidates",)),
    ("learning", check_learning, ("candidates", "workers")),
    ("window", check_window, ("qt", "import")),
]


def run_smoke() -> int:
    """Run every check, print one line each and a verdict; 0 only if all passed."""
    outcomes: dict[str, str] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="annotator-smoke-") as tmp:
        ctx = SmokeContext(workdir=Path(tmp))
        try:
            for name, check, needs in CHECKS:
                missing = [n for n in needs if outcomes.get(n) != "ok"]
                if missing:
                    outcomes[name] = "skip"
                    _report("skip", name, f"needs {', '.join(missing)}")
                    continue
                try:
                    detail = check(ctx)
                except SmokeFailure as exc:
                    outcomes[name] = "FAIL"
                    _report("FAIL", name, str(exc))
                except Exception as exc:  # a smoke test reports every failure, whatever its kind
                    outcomes[name] = "FAIL"
                    _report("FAIL", name, f"{type(exc).__name__}: {exc}")
                else:
                    outcomes[name] = "ok"
                    _report("ok", name, detail)
        finally:
            if ctx.store is not None:
                ctx.store.close()  # type: ignore[attr-defined]
            for window in ctx.qt_objects:
                window.close()  # type: ignore[attr-defined]
                window.deleteLater()  # type: ignore[attr-defined]
    counts = {outcome: list(outcomes.values()).count(outcome) for outcome in ("ok", "FAIL", "skip")}
    print(f"smoke: finished in {time.monotonic() - started:.1f} s", flush=True)
    print(f"smoke: {counts['ok']} passed, {counts['FAIL']} failed, {counts['skip']} skipped", flush=True)
    return 0 if counts["ok"] == len(CHECKS) else EXIT_FAILED


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def _report(outcome: str, name: str, detail: str) -> None:
    print(f"{outcome:<5} {name:<11} {detail}", flush=True)
