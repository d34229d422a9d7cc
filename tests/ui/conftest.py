"""Fixtures for the app's tests: a small project, and a guard against leaked windows."""

from __future__ import annotations

import pytest
from review_projects import project, store  # noqa: F401  (fixtures shared with tests/review)


@pytest.fixture(autouse=True)
def errors_fail_the_test(monkeypatch):
    """run_app installs the app's error reporter, whose dialog is modal: a test would wait
    for a click forever. Leaving pytest-qt's hook in place makes an error in a slot fail
    the test, with its traceback, instead."""
    from annotator.ui.excepthook import ErrorReporter

    monkeypatch.setattr(ErrorReporter, "install", lambda self: None)


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
