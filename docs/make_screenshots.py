"""Render the annotation window to PNG files in docs/screenshots/, offscreen, in English and Chinese.

    python docs/make_screenshots.py [--out docs/screenshots] [--language en|zh_CN]

Builds a throw-away project from the bundled seed pages (in a temporary
folder, with its own settings, so nothing of yours is touched), suggests
candidates, reviews part of the first article the way an annotator would
(accepting, fixing and rejecting candidates, adding nested places, two
relations and the topic) and grabs the window:

* ``annotator-window.png``: the article with entities, nested spans,
  pending candidates and the arcs of the focused entity's relations;
* ``relation-draft.png``: drawing a relation from the keyboard (R, Tab);
* ``keyboard-help.png``: the keyboard help (F1).

The window has its default size (what a new user sees first). Each
picture is made in English and, with ``.zh_CN`` before the suffix, in the
Chinese interface.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.text.font.db=false;qt.qpa.*=false")

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "zh_CN")
ARTICLE_TITLE = "“工会专家团”，给力！"


def find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def build_project(db: Path):
    from annotator.project import seeding
    from annotator.store import Store

    store = Store(db, annotator="王芳")
    doc_ids = seeding.seed(store, suggest=False)
    try:
        from annotator.candidates import refresh_candidates

        refresh_candidates(store, doc_ids, workers=1)
    except ImportError:
        print("no candidate generator installed; the screenshots show no candidates", file=sys.stderr)
    return store, doc_ids


def review_article(window, doc_id: str) -> None:
    """What an annotator does in the first minutes on the article, through the same calls the keys make."""
    from annotator.review.spans import SpanKind

    c = window.controller
    c.open_document(doc_id)
    text = c.state.text

    def candidate(needle: str, nth: int = 0):
        start, end = find(text, needle, nth)
        return next((s for s in c.state.spans if s.is_candidate and (s.start, s.end) == (start, end)), None)

    def accept(needle: str, nth: int = 0, label: str | None = None) -> None:
        span = candidate(needle, nth)
        if span is not None:
            c.set_focus(span.key)
            c.apply_label(label, None) if label else c.accept_focused()
        else:
            start, end = find(text, needle, nth)
            c.apply_label(label or "ORG", (start, end))

    def entity(needle: str, nth: int = 0):
        start, end = find(text, needle, nth)
        return next(s for s in c.state.spans if s.is_entity and (s.start, s.end) == (start, end))

    accept("邹倜然", label="PER")
    accept("浙江省嘉兴市嘉善县姚庄镇总工会", label="ORG")
    for place in ("浙江省", "嘉兴市", "嘉善县"):  # nested inside the organisation
        c.apply_label("LOC", find(text, place))
    accept("姚庄镇总工会", 1, label="ORG")
    accept("专职副主席", label="TITLE")
    accept("张萍", label="PER")
    wrong = candidate("姚庄", 2)
    if wrong is not None and wrong.label == "PER":
        c.set_focus(wrong.key)
        c.reject_or_delete_focused()
    accept("2018年", label="DATE")
    per = entity("张萍")
    c.set_focus(per.key)
    c.start_relation()
    c.set_focus(entity("姚庄镇总工会", 1).key)
    c.pick_relation(1)
    c.set_focus(per.key)
    c.start_relation()
    c.set_focus(entity("专职副主席").key)
    c.pick_relation(1)
    c.set_doc_label("topic", "工会建设")
    c.set_focus(entity("张萍").key)
    del SpanKind


def settle(app, window) -> None:
    for _ in range(5):
        app.processEvents()
    window.flush_panels()
    window.repaint()
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--language", choices=LANGUAGES, action="append",
                        help="only this interface language (default: all of them)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    folder = Path(tempfile.mkdtemp(prefix="annotator-screens-"))
    os.environ["ANNOTATOR_HOME"] = str(folder / "home")

    from PySide6.QtCore import QSettings

    from annotator.model import Status
    from annotator.ui import i18n
    from annotator.ui.app import ensure_application

    app = ensure_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))

    db = folder / "project.db"
    store, doc_ids = build_project(db)
    article = next(d for d in doc_ids if store.documents.get(d).title == ARTICLE_TITLE)
    # A few documents further on are done already, as on a second day of work.
    for doc_id in doc_ids[1:4]:
        store.documents.set_status(doc_id, Status.DONE)
    store.close()

    written = []
    for language in args.language or LANGUAGES:
        i18n.remove_translators()
        i18n.install_translators(app, language)
        # Each language reviews its own copy, from the same starting point.
        copy = folder / f"project-{language}.db"
        shutil.copyfile(db, copy)
        suffix = "" if language == "en" else f".{language}"
        written += grab_window(app, copy, article, args.out, suffix)
    i18n.remove_translators()
    for path in written:
        print(path)
    return 0


def grab_window(app, db: Path, article: str, out: Path, suffix: str) -> list[Path]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from annotator.ui.app import build_main_window

    window = build_main_window(db, "王芳", restore_settings=False)
    window.start(background=False)
    window.show()
    settle(app, window)
    review_article(window, article)
    window.view.verticalScrollBar().setValue(0)
    settle(app, window)
    written = []
    path = out / f"annotator-window{suffix}.png"
    window.grab().save(str(path))
    written.append(path)

    # Drawing a relation: R on the town's union, Shift+Tab back to the county's.
    c = window.controller
    town = next(s for s in c.state.spans if s.is_entity and s.text == "姚庄镇总工会")
    c.set_focus(town.key)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_R)
    for _ in range(5):
        QTest.keyClick(window.view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        if c.draft.tail is not None and c.draft.tail.label == "ORG":
            break
    settle(app, window)
    path = out / f"relation-draft{suffix}.png"
    window.grab().save(str(path))
    written.append(path)
    QTest.keyClick(window.view, Qt.Key.Key_Escape)

    window.help_overlay.show_over_parent()
    settle(app, window)
    path = out / f"keyboard-help{suffix}.png"
    window.grab().save(str(path))
    written.append(path)
    window.help_overlay.hide()
    window.close()
    return written


if __name__ == "__main__":
    sys.exit(main())
