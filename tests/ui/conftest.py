"""Fixtures for the app's tests: a small project, and a guard against leaked windows."""

from __future__ import annotations

import gc

import pytest
from review_projects import project, store  # noqa: F401  (fixtures shared with tests/review)


@pytest.fixture(autouse=True)
def errors_fail_the_test(monkeypatch):
    """run_app installs the app's error reporter, whose dialog is modal: a test would wait
    for a click forever. Leaving pytest-qt's hook in place makes an error in a slot fail
    the test, with its traceback, instead."""
    from annotator.ui.excepthook import ErrorReporter

    monkeypatch.setattr(ErrorReporter, "install", lambda self: None)


@pytest.fixture(autouse=True, scope="session")
def garbage_collected_on_the_gui_thread_only():
    """As in the app (annotator/ui/gui_thread_gc.py): no automatic collection, which could run
    on a worker thread and destroy a Qt object there; each test's garbage is collected on the
    GUI thread when it ends (no_leaked_widgets, below)."""
    was_enabled = gc.isenabled()
    gc.disable()
    yield
    gc.collect()
    if was_enabled:
        gc.enable()


@pytest.fixture(autouse=True)
def no_leaked_widgets(request):
    """Fail a test that leaves a top-level widget behind (a window or dialog nobody closed)."""
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    before = set(QApplication.topLevelWidgets())
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # Collect this test's garbage here, on the GUI thread. Left to the collector, a Qt object
    # caught in a reference cycle would be destroyed on whatever thread allocates next, often a
    # later test's worker: Qt cannot stop its timers from there, and a timer then fires on a
    # deleted object (a segmentation fault several tests later).
    gc.collect()
    leaked = [w for w in QApplication.topLevelWidgets() if w not in before]
    if leaked:
        names = ", ".join(f"{type(w).__name__}({w.objectName() or w.windowTitle()!r})" for w in leaked)
        for widget in leaked:
            widget.close()
            widget.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        pytest.fail(f"widgets leaked: {names}")


@pytest.fixture
def window(project, qtbot, qsettings_tmp):  # noqa: F811  (the fixture, imported above)
    """The main window on the small project, shown, on its first unfinished document."""
    from annotator.ui.app import build_main_window

    win = build_main_window(project, "tester")
    qtbot.addWidget(win)
    win.start(background=False)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.view.setFocus()
    yield win
    win.close()


@pytest.fixture
def import_dialog(fresh_store, qtbot, qsettings_tmp):
    """File ▸ Import's dialog, shown, on an empty project."""
    from annotator.ui.import_dialog import ImportDialog

    widget = ImportDialog(fresh_store)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.close()
