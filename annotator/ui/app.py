"""Starting the app: the QApplication, error reporting, who is annotating, and the main window.

``run_app`` is what ``annotator gui`` calls. It shows the (empty) window
first and opens the project on the next turn of the event loop, so the
window paints as soon as Qt can; then the first article, with the keyboard
in it; then the docks' panels (the document list, the labels...) and the
rotating log file, on the next turn; jieba and the candidates load after
that, in the background. ``build_main_window`` builds the complete window on a
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
from annotator.errors import AnnotatorError, DatabaseError, InputError, ReadOnlyProjectError
from annotator.ui import startup_probe, theme
from annotator.ui.gui_thread_gc import GuiThreadCollector
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
        # loaded after the empty window's first paint (start-up time; see the module's docstring)
        from annotator.ui.fonts import ensure_cjk_font

        ensure_cjk_font()
    except Exception as exc:  # noqa: BLE001 - a missing bundled font must not stop the app; it shows boxes instead
        log.warning("no font for Chinese: %s", exc)


def install_translations(app: QApplication) -> None:
    """The UI language (the system's, or the one chosen), when the translations are installed."""
    try:
        # loaded after the empty window's first paint (start-up time; see the module's docstring)
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
    # loaded after the empty window's first paint (start-up time; see the module's docstring)
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
    """The project for the window; read-only (the window says so) when its file or folder cannot be written."""
    # loaded after the empty window's first paint (start-up time; see the module's docstring)
    from annotator.store import Store

    try:
        return Store(db_path, annotator=annotator)
    except ReadOnlyProjectError:
        return Store(db_path, annotator=annotator, read_only=True)


def open_store_or_restore(db_path: str | Path | None, annotator: str, parent: QWidget | None) -> Store | None:
    """``open_store``; a damaged project with backups offers to restore one first. None if the user declined."""
    # loaded after the empty window's first paint (start-up time; see the module's docstring)
    from annotator.platform import app_paths
    from annotator.store import backups
    from annotator.ui import project_safety

    try:
        return open_store(db_path, annotator)
    except AnnotatorError as exc:
        path = Path(db_path) if db_path else app_paths.default_db_path()
        if not project_safety.is_restorable(exc) or not backups.list_backups(path):
            raise
        if not project_safety.offer_restore(parent, path, str(exc)):
            return None
        if project_safety.run_restore(parent, path) is None:
            return None
    return open_store(db_path, annotator)


def fill_window(
    window: MainWindow, store: Store, keymap: Keymap | None = None, *, restore: bool = True, panels: bool = True
) -> None:
    """Build the window's contents on ``store`` and put back the user's layout.

    ``panels=False`` leaves the docks' panels for ``window.build_panels()`` (after the first article shows).
    """
    warning = None
    if keymap is None:
        keymap, warning = app_keymap({e.hotkey: e.name for e in store.schema.current.entities if e.hotkey})
    try:
        window.open_project(store, keymap)
        if panels:
            window.build_panels()
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
    # loaded after the empty window's first paint (start-up time; see the module's docstring)
    from annotator.platform import profile
    from annotator.store import default_annotator

    store = open_store(db_path, annotator or profile.remembered_annotator() or default_annotator())
    window = MainWindow()
    fill_window(window, store, keymap, restore=restore_settings)
    return window


def choose_annotator(given: str | None, db_path: str | Path | None, parent: QWidget | None = None) -> str:
    """The name to annotate as: given on the command line, remembered, or asked for once."""
    # loaded after the empty window's first paint (start-up time; see the module's docstring)
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
    # loaded after the empty window's first paint (start-up time; see the module's docstring)
    from annotator.store import Store, default_annotator
    from annotator.ui.identity import ask_annotator

    names: list[str] = []
    try:
        # Read-only: asking who is annotating must not create the project or write to it.
        with Store(db_path, annotator="annotator", read_only=True) as store:
            names = [n for n in store.settings.annotators() if n != "annotator"]
    except AnnotatorError:
        pass
    chosen = ask_annotator(names, default_annotator(), parent)
    return chosen or default_annotator()


class _FirstPaint(QObject):
    """Calls back once a widget has painted for the first time (or after a moment, if it never does)."""

    def __init__(self, window: QWidget, callback) -> None:
        super().__init__(window)
        self._callback = callback
        self._done = False
        window.installEventFilter(self)
        # bound to this object: if the widget goes first, so does the call
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            # Let this paint finish and reach the screen; then do the heavy work.
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        if self._done:
            return
        self._done = True
        watched = self.parent()
        if watched is not None:
            watched.removeEventFilter(self)
        self._callback()


def after_first_paint(widget: QWidget, callback) -> None:
    _FirstPaint(widget, callback)


def run_app(db_path: str | Path | None = None, annotator: str | None = None) -> int:
    """Open the app on ``db_path`` (default: the user's project) and run until the window closes.

    The empty window is shown first; who is annotating, the database and
    everything else come once it has painted.
    """
    app = ensure_application()
    # loaded after the empty window's first paint (start-up time; see the module's docstring)
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

        # loaded after the empty window's first paint (start-up time; see the module's docstring)
        from annotator.platform import diagnostics, profile

        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        diagnostics.start_logging()
        # Before any text: widgets take their text from the translation as they
        # are built, and it may be Chinese (the blank first frame has none).
        install_translations(app)
        ensure_fonts()
        window.show_opening()
        try:
            # without a project named, the one last opened with File ▸ Open project…, else the default
            path = db_path or profile.remembered_project()
            name = choose_annotator(annotator, path, window)
            store = open_store_or_restore(path, name, window)
            if store is None:  # a damaged project, and the user chose not to restore it
                outcome["code"] = DatabaseError.exit_code
                window.close()
                return
            fill_window(window, store, panels=False)
        except AnnotatorError as exc:
            fail(exc)
            return
        window.start(background=False)
        startup_probe.watch_first_article(window)  # a no-op unless a start-up benchmark asked for it
        # The first article paints first; the panels and the rotating log come right after.
        after_first_paint(window.view.viewport(), complete_window)
        QTimer.singleShot(BACKGROUND_DELAY_MS, window.start_background)

    def complete_window() -> None:
        # loaded after the empty window's first paint (start-up time; see the module's docstring)
        from annotator.platform import diagnostics

        if window.store is not None and not window.store.closed:
            window.build_panels()
        diagnostics.setup_logging()

    after_first_paint(window, open_project)
    collector = GuiThreadCollector(app)
    collector.start()
    try:
        code = app.exec()
        return outcome["code"] or code
    finally:
        collector.stop()
        reporter.uninstall()
