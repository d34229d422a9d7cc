"""The window comes back with the layout the user left, including when the project opens after the first paint."""

from __future__ import annotations

from annotator.store import Store
from annotator.ui.app import fill_window
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import ui_settings


def open_like_the_app(project, qtbot) -> MainWindow:
    """run_app's order: the empty window is shown first, the project and its docks come after."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.restore_geometry(ui_settings())
    window.resize(780, 560)
    window.show()
    qtbot.waitExposed(window)
    fill_window(window, Store(project, annotator="tester"))
    window.start(background=False)
    return window


def widths(window: MainWindow) -> dict[str, int]:
    return {"text": window.centralWidget().width(), **{n: d.width() for n, d in window.docks.items() if d.isVisible()}}


def test_the_dock_layout_is_restored_without_crushing_the_text(project, qtbot, qsettings_tmp):
    first = open_like_the_app(project, qtbot)
    qtbot.waitUntil(lambda: first.docks["documents"].isVisible() and first.docks["documents"].width() > 100)
    left = widths(first)
    first.close()

    second = open_like_the_app(project, qtbot)
    qtbot.waitUntil(lambda: second.docks["documents"].isVisible())
    qtbot.waitUntil(lambda: widths(second) == left, timeout=3000)
    second.close()
