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


def test_the_focused_span_panel_shows_a_long_span_whole_at_the_default_size(window, qtbot):
    """Issue 13, item 8: a long span pushed Source, Score and Label below the panel's edge."""
    from review_projects import ARTICLE, span

    from annotator.model import Candidate

    assert (window.width(), window.height()) == (1360, 860)
    start, end = span(ARTICLE, "浙江省嘉兴市姚庄镇总工会成立了")
    window.store.candidates.replace({"a1": [Candidate("a1", start, end, "ORG", ARTICLE[start:end], "rule:org", 0.61)]})
    window.controller.reload()
    window.controller.focus_next()
    window.flush_panels()
    details = window.details
    qtbot.waitUntil(lambda: details.tag.isVisible())
    # the label on one line, never broken (once the panel's layout has settled: on a busy machine it takes a turn)
    qtbot.waitUntil(lambda: details.tag.height() <= details.tag.fontMetrics().height() + 8, timeout=3000)
    assert details.text.text().endswith("…") or details.text.text() == ARTICLE[start:end]
    body = details.widget()
    needed = body.layout().totalHeightForWidth(details.viewport().width())
    assert needed <= details.viewport().height(), f"the facts go below the panel's edge ({needed} px for {details.viewport().height()})"
    text = details.body.text()
    assert "Source" in text and "0.61" in text and "Label" in text


def geometries(window: MainWindow) -> dict[str, tuple[int, int, int, int]]:
    def rect(widget) -> tuple[int, int, int, int]:
        r = widget.geometry()
        return (r.x(), r.y(), r.width(), r.height())

    # the docks on screen (not a tab's dock hidden behind another)
    shown = {n: d for n, d in window.docks.items() if d.isVisible() and not d.visibleRegion().isEmpty()}
    return {"text": rect(window.centralWidget()), **{n: rect(d) for n, d in shown.items()}}


def test_panels_built_after_the_first_article_leave_the_text_where_it_was(project, qtbot, qsettings_tmp):
    """run_app paints the first article before it fills the docks (start-up time); the text must not move
    when they fill, and the window must end up as it is when built at once."""
    at_once = MainWindow()
    qtbot.addWidget(at_once)
    at_once.resize(1360, 860)
    at_once.show()
    qtbot.waitExposed(at_once)
    fill_window(at_once, Store(project, annotator="tester"), restore=False)
    at_once.start(background=False)
    qtbot.waitUntil(lambda: at_once.docks["documents"].width() > 100)
    expected = geometries(at_once)
    at_once.close()

    later = MainWindow()
    qtbot.addWidget(later)
    later.resize(1360, 860)
    later.show()
    qtbot.waitExposed(later)
    fill_window(later, Store(project, annotator="tester"), restore=False, panels=False)
    later.start(background=False)
    assert not later.panels_built
    # the text where it will stay (the empty docks' heights may differ by a few pixels until they fill)
    qtbot.waitUntil(lambda: geometries(later)["text"] == expected["text"], timeout=3000)
    later.build_panels()
    assert later.panels_built
    assert later.docks["documents"].widget() is later.documents
    assert later.documents.current_document() == later.controller.doc_id  # the list shows the open article
    qtbot.waitUntil(lambda: geometries(later) == expected, timeout=3000)
    later.close()
