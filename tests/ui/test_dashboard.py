"""The dashboard shows the project's figures, computed in the background, and follows the period chosen."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt

from annotator.model import AnnotatedDocument, Document, SourceFile, Status
from annotator.store import Store
from annotator.ui.dashboard import Dashboard, DashboardWindow


@pytest.fixture
def store(db_path):
    with Store(db_path, annotator="alice") as store:
        docs = [AnnotatedDocument(Document(id=f"d{i}", text=f"第{i}篇：北京市总工会主席张萍出席。", title=f"标题{i}"))
                for i in range(5)]
        store.documents.import_source(SourceFile(path="x", name="x", sha256=hashlib.sha256(b"x").hexdigest(), size=1,
                                       format="test", documents=docs))
        for i in range(3):
            text = store.documents.text(f"d{i}")
            store.annotations.add_entity(f"d{i}", text.index("北京市"), text.index("北京市") + 3, "LOC")
        store.documents.set_status("d0", Status.DONE)
        store.set_annotator("bob")
        text = store.documents.text("d3")
        store.annotations.add_entity("d3", text.index("张萍"), text.index("张萍") + 2, "PER")
        store.documents.set_status("d3", Status.DONE)
        store.documents.set_status("d4", Status.SKIPPED, "重复")
        yield store


@pytest.fixture
def dashboard(store, qtbot):
    widget = Dashboard(store)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=5000):
        widget.show()
    yield widget
    widget.shutdown()


def test_headline_figures_match_the_database(dashboard, store):
    assert dashboard.figure_documents.value.text() == "5"
    assert dashboard.figure_finished.value.text() == "60%"  # 2 done + 1 skipped of 5
    assert dashboard.figure_entities.value.text() == str(store.db.conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0])
    bars = {label: value for label, value, _ in dashboard.entity_bars.items}
    assert bars["地点"] == 3 and bars["人名"] == 1 and bars["机构"] == 0
    assert next(name for name, _, _ in dashboard.status_bar.parts) == "Done"


def test_charts_show_today_s_work(dashboard):
    chart = dashboard.done_chart
    assert len(chart.days) == 30
    assert chart.bars[-1] == 2 and chart.line[-1] == 2
    people = dashboard.people_chart.series
    assert people["alice"][-1] == 3 and people["bob"][-1] == 1


def test_the_team_table(dashboard):
    table = dashboard.team
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 6)] for r in range(table.rowCount())}
    assert rows["alice"][:3] == ["3", "0", "1"]
    assert rows["bob"][:3] == ["1", "0", "1"]


def test_choosing_a_period_reloads(dashboard, qtbot):
    with qtbot.waitSignal(dashboard.loaded, timeout=5000) as loaded:
        dashboard.period.setCurrentIndex(0)
    assert len(loaded.args[0].days) == 7
    assert len(dashboard.done_chart.days) == 7


def test_refresh_picks_up_new_work(dashboard, qtbot, db_path):
    with Store(db_path, annotator="chen") as other:
        text = other.documents.text("d4")
        other.annotations.add_entity("d4", text.index("张萍"), text.index("张萍") + 2, "PER")
    with qtbot.waitSignal(dashboard.loaded, timeout=5000):
        qtbot.mouseClick(dashboard.refresh_button, Qt.MouseButton.LeftButton)
    assert dashboard.people_chart.series["chen"][-1] == 1
    assert dashboard.figure_entities.value.text() == "5"


def test_the_window_wraps_the_dashboard(store, qtbot):
    window = DashboardWindow(store)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.dashboard.loaded, timeout=5000):
        window.show()
    assert window.dashboard.progress.total_documents == 5
    window.close()


def test_the_last_day_and_the_running_total_are_drawn_whole(qtbot):
    """Issue 13, item 11: the last bar's value and the last date were cut off at the chart's edges."""
    from datetime import date, timedelta

    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFontMetricsF

    from annotator.ui.charts import DailyBarsChart, nice_ticks

    chart = DailyBarsChart()
    qtbot.addWidget(chart)
    chart.resize(420, 220)
    days = [date(2024, 12, 1) + timedelta(days=i) for i in range(30)]
    chart.set_data(days, [0] * 28 + [3, 12], [5] * 28 + [30, 42], "done", "total")
    chart.grab()  # paints it
    inside = QRectF(chart.rect())
    assert inside.contains(chart.total_label_rect), chart.total_label_rect
    rects = chart.day_label_rects(chart._plot_rect(), QFontMetricsF(chart.font()))
    assert rects[0][1] == chart.locale().toString(days[-1], "M/d")  # today is always labelled
    assert all(inside.contains(rect) for rect, _ in rects)
    assert nice_ticks(0, 12)[-1] >= 12 and nice_ticks(0, 10)[-1] == 10
