"""Starting the app: the QApplication, error reporting, who is annotating, and the main window.

``run_app`` is what ``annotator gui`` calls. It shows the (empty) window
first and opens the project on the next turn of the event loop, so the
window paints as soon as Qt can; jieba and the candidates load after that,
in the background. ``build_main_window`` builds the complete window on a
given database without running the event loop, for the tests, the
benchmarks and the screenshot script.

Only light modules are imported at the top of this file: the database layer
and the window's parts are imported once the window is on screen.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from annotator import __version__
from annotator.errors import AnnotatorError, InputError
from annotator.ui import startup_probe, theme
from annotator.ui.main_window import MainWindow
from annotator.ui.plain_text import plain_message_box
from annotator.ui.settings import APPLICATION, ORGANIZATION, ui_settings

if TYPE_CHECKING:
    from annotator.review.keymap import Keymap
    from annotator.store import Store

log = logging.getLogger(__name__)

# Background jobs start this long after the project opens, so its first paint comes first.
BACKGROUND_DELAY_MS = 50
# If the empty window has not painted by then (hidden, minimised), open the project anyway.
FIRST_PAINT_FALLBACK_MS = 500


def ensure_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, with the app's names and theme."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else None
    style_set = False
    if app is None:
        # The style is chosen as Qt starts: setting it later (or even asking
        # which it is) costs several milliseconds before the first paint.
        app = QApplication([*(argv if argv is not None else sys.argv[:1]), "-style", theme.STYLE])
        style_set = True
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    theme.apply_theme(app, style_set=style_set)
    return app


def ensure_fonts() -> None:
    """A font for Chinese, registered from the bundle when the system has none."""
    try:
        from annotator.ui.fonts import ensure_cjk_font

        ensure_cjk_font()
    except Exception as exc:  # noqa: BLE001 - a missing bundled font must not stop the app; it shows boxes instead
        log.warning("no font for Chinese: %s", exc)


def install_translations(app: QApplication) -> None:
    """The UI language (the system's, or the one chosen), when the translations are installed."""
    try:
        from annotator.ui import i18n
    except ImportError:
        return
    try:
        i18n.install_translators(app)
    except Exception as exc:  # noqa: BLE001 - an unreadable .qm file: the app still works, in English
        log.warning("translations not installed: %s", exc)


def app_keymap(schema_hotkeys: dict[str, str] | None = None) -> tuple[Keymap, str | None]:
    """The keymap with the user's overrides, and a warning for the status bar if something is off.

    A user file that cannot be used gives way to the defaults. A key that is
    both a keymap action and a label's hotkey keeps working as the action
    (the view looks actions up first); the warning says which to change.
    """
    from annotator.review.keymap import load_keymap
    from annotator.ui.keys import check_keymap

    try:
        keymap = load_keymap()
        check_keymap(keymap)
        warning = None
    except InputError as exc:
        keymap = load_keymap(user_path=Path("/nonexistent/keymap.toml"))
        warning = f"{exc}; using the default keys"
    try:
        keymap.check(str(keymap.user_file or "keymap"), reserved=_text_hotkeys(schema_hotkeys))
    except InputError as exc:
        clash = f"{exc}; the key does the action (change the label's hotkey in Project ▸ Label schema)"
        warning = f"{warning}. {clash}" if warning else clash
    return keymap, warning


def _text_hotkeys(hotkeys: dict[str, str] | None) -> dict[str, str] | None:
    # Digits are label keys by design; only letters and signs a label claims can clash.
    return {k: v for k, v in (hotkeys or {}).items() if not k.isdigit()} or None


def open_store(db_path: str | Path | None, annotator: str) -> Store:
    from annotator.store import Store

    return Store(db_path, annotator=annotator)


def fill_window(window: MainWindow, store: Store, keymap: Keymap | None = None, *, restore: bool = True) -> None:
    """Build the window's contents on ``store`` and put back the user's layout."""
    warning = None
    if keymap is None:
        keymap, warning = app_keymap({e.hotkey: e.name for e in store.schema.current.entities if e.hotkey})
    try:
        window.open_project(store, keymap)
    except BaseException:
        store.close()
        raise
    if restore:
        window.restore_settings(ui_settings())
    if warning:
        window.status.say(warning)


def build_main_window(
    db_path: str | Path | None = None,
    annotator: str | None = None,
    *,
    keymap: Keymap | None = None,
    restore_settings: bool = True,
) -> MainWindow:
    """The main window on ``db_path``, not shown and with no document open yet.

    Call ``window.start()`` to open the first unfinished document (and,
    with ``background=True``, seed and load jieba). Raises DatabaseError if
    the database cannot be opened.
    """
    ensure_application()
    ensure_fonts()
    from annotator.platform import profile
    from annotator.store import default_annotator

    store = open_store(db_path, annotator or profile.remembered_annotator() or default_annotator())
    window = MainWindow()
    fill_window(window, store, keymap, restore=restore_settings)
    return window


def choose_annotator(given: str | None, db_path: str | Path | None, parent: QWidget | None = None) -> str:
    """The name to annotate as: given on the command line, remembered, or asked for once."""
    from annotator.platform import profile

    if given:
        return profile.remember_annotator(given)
    # a package is annotated as the person it was made for
    from annotator.team.packages import peek_package_annotator

    owner = peek_package_annotator(db_path)
    if owner:
        return owner
    remembered = profile.remembered_annotator()
    if remembered:
        return remembered
    from annotator.store import default_annotator
    from annotator.ui.identity import ask_annotator

    names: list[str] = []
    try:
        with open_store(db_path, "annotator") as store:
            names = [n for n in store.settings.annotators() if n != "annotator"]
    except AnnotatorError:
        pass
    chosen = ask_annotator(names, default_annotator(), parent)
    return chosen or default_annotator()


class _FirstPaint(QObject):
    """Calls back once the window has painted for the first time (or after a moment, if it never does)."""

    def __init__(self, window: QWidget, callback) -> None:
        super().__init__(window)
        self._callback = callback
        self._done = False
        window.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            # Let this paint finish and reach the screen; then do the heavy work.
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        if self._done:
            return
        self._done = True
        watched = self.parent()
        if watched is not None:
            watched.removeEventFilter(self)
        self._callback()


def after_first_paint(window: QWidget, callback) -> None:
    _FirstPaint(window, callback)


def run_app(db_path: str | Path | None = None, annotator: str | None = None) -> int:
    """Open the app on ``db_path`` (default: the user's project) and run until the window closes.

    The empty window is shown first; who is annotating, the database and
    everything else come once it has painted.
    """
    app = ensure_application()
    from annotator.ui.excepthook import ErrorReporter

    reporter = ErrorReporter()
    reporter.install()
    outcome = {"code": 0}
    window = MainWindow()
    window.restore_geometry(ui_settings())
    window.show()

    def fail(exc: AnnotatorError) -> None:
        outcome["code"] = exc.exit_code
        plain_message_box(window, "Annotator", str(exc), QMessageBox.Icon.Critical).exec()
        window.close()

    def open_project() -> None:
        from PySide6.QtCore import (
            Qt,  # after the first paint: see main_window's imports
        )

        from annotator.platform import diagnostics

        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        diagnostics.setup_logging()
        # Before any text: widgets take their text from the translation as they
        # are built, and it may be Chinese (the blank first frame has none).
        install_translations(app)
        ensure_fonts()
        window.show_opening()
        try:
            name = choose_annotator(annotator, db_path, window)
            store = open_store(db_path, name)
            fill_window(window, store)
        except AnnotatorError as exc:
            fail(exc)
            return
        window.start(background=False)
        startup_probe.watch_first_article(window)  # a no-op unless a start-up benchmark asked for it
        QTimer.singleShot(BACKGROUND_DELAY_MS, window.start_background)

    after_first_paint(window, open_project)
    try:
        code = app.exec()
        return outcome["code"] or code
    finally:
        reporter.uninstall()
