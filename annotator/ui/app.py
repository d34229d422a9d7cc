"""Starting the app: the QApplication, error reporting, who is annotating, and the main window.

``run_app`` is what ``annotator gui`` calls. ``build_main_window`` builds the
window on a given database without running the event loop, for the tests,
the benchmarks and the screenshot script.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator import __version__, diagnostics, profile
from annotator.errors import AnnotatorError, InputError
from annotator.review.keymap import Keymap, load_keymap
from annotator.store import Store, default_annotator
from annotator.ui import theme
from annotator.ui.keys import check_keymap
from annotator.ui.main_window import SETTINGS_APPLICATION, SETTINGS_ORGANIZATION, MainWindow, window_settings

log = logging.getLogger(__name__)

# Background jobs start this long after the window is shown, so its first paint comes first.
BACKGROUND_DELAY_MS = 50


def ensure_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, with the app's names, theme and a font for Chinese."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(SETTINGS_APPLICATION)
    app.setOrganizationName(SETTINGS_ORGANIZATION)
    app.setApplicationVersion(__version__)
    theme.apply_theme(app)
    try:
        from annotator.ui.fonts import ensure_cjk_font

        ensure_cjk_font()
    except Exception as exc:  # a missing bundled font must not stop the app; it shows boxes instead
        log.warning("no font for Chinese: %s", exc)
    return app


def install_translations(app: QApplication) -> None:
    """The UI language (the system's, or the one chosen), when the translations are installed."""
    try:
        from annotator.ui import i18n
    except ImportError:
        return
    install = getattr(i18n, "install_translator", None) or getattr(i18n, "install", None)
    if install is None:
        return
    try:
        install(app)
    except Exception as exc:
        log.warning("translations not installed: %s", exc)


def app_keymap(schema_hotkeys: dict[str, str] | None = None) -> tuple[Keymap, str | None]:
    """The keymap with the user's overrides; on a bad user file, the defaults and the reason."""
    try:
        keymap = load_keymap()
        check_keymap(keymap)
        keymap.check(str(keymap.user_file or "keymap"), reserved=schema_hotkeys)
        return keymap, None
    except InputError as exc:
        defaults = load_keymap(user_path=Path("/nonexistent/keymap.toml"))
        return defaults, f"{exc}; using the default keys"


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
    store = Store(db_path, annotator=annotator or profile.remembered_annotator() or default_annotator())
    warning = None
    if keymap is None:
        hotkeys = {e.hotkey: e.name for e in store.schema.entities if e.hotkey}
        keymap, warning = app_keymap(hotkeys)
    try:
        window = MainWindow(store, keymap)
    except BaseException:
        store.close()
        raise
    if restore_settings:
        window.restore_settings(window_settings())
    if warning:
        window.status.say(warning)
    return window


def choose_annotator(given: str | None, db_path: str | Path | None) -> str:
    """The name to annotate as: given on the command line, remembered, or asked for once."""
    if given:
        return profile.remember_annotator(given)
    remembered = profile.remembered_annotator()
    if remembered:
        return remembered
    from annotator.ui.identity import ask_annotator

    names: list[str] = []
    try:
        with Store(db_path, annotator="annotator") as store:
            names = [n for n in store.annotators() if n != "annotator"]
    except AnnotatorError:
        pass
    chosen = ask_annotator(names, default_annotator())
    return chosen or default_annotator()


def run_app(db_path: str | Path | None = None, annotator: str | None = None) -> int:
    """Open the app on ``db_path`` (default: the user's project) and run until the window closes."""
    diagnostics.setup_logging()
    app = ensure_application()
    install_translations(app)
    from annotator.ui.excepthook import ErrorReporter

    reporter = ErrorReporter()
    reporter.install()
    try:
        try:
            name = choose_annotator(annotator, db_path)
            window = build_main_window(db_path, name)
        except AnnotatorError as exc:
            QMessageBox.critical(None, "Annotator", str(exc))
            return exc.exit_code
        window.start(background=False)
        window.show()
        QTimer.singleShot(BACKGROUND_DELAY_MS, window.start_background)
        return app.exec()
    finally:
        reporter.uninstall()
