"""The project dashboard: how far the project is and how the team moves, for the person who runs it.

Public API::

    dashboard = Dashboard(store, parent)     # a widget; loads its figures in the background
    dashboard.refresh()                      # load again (also on the Refresh button)
    dashboard.set_days(90)                   # the period shown (None: everything)
    dashboard.loaded                         # Signal(object): the ProjectProgress just shown
    show_dashboard(store, parent)            # the same in a window of its own

The figures come from ``annotator.project.progress`` and are computed on a worker
thread with its own ``Store``, so a project with millions of events never
freezes the window. Nothing here writes to the database.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Qt, QTime, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.model import Status
from annotator.project.progress import ProjectProgress, project_progress
from annotator.store import Store
from annotator.ui import theme
from annotator.ui.charts import (
    DailyBarsChart,
    DailyLinesChart,
    HorizontalBarsChart,
    StackedProgressBar,
)
from annotator.ui.plain_text import make_plain, plain_label
from annotator.ui.status_icons import status_color, status_name

PERIODS = (7, 30, 90, None)

STYLE = """
#Dashboard { background: #f5f7fa; }
#DashboardTitle { font-size: 17px; font-weight: 600; color: #1f2933; }
#DashboardUpdated { color: #7b8794; }
#DashboardCard { background: #ffffff; border: 1px solid #d9e2ec; border-radius: 8px; }
#CardTitle { font-weight: 600; color: #3e4c59; }
#CardHint { color: #7b8794; }
#FigureValue { font-size: 22px; font-weight: 600; color: #1f2933; }
#FigureCaption { color: #616e7c; }
#FigureNote { color: #7b8794; }
QTableWidget { border: none; gridline-color: #eef2f7; }
QHeaderView::section { background: #ffffff; border: none; border-bottom: 1px solid #d9e2ec;
    padding: 4px 6px; color: #616e7c; font-weight: 600; }
"""


def _card(title: str, hint: str = "") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("DashboardCard")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 12, 14, 12)
    layout.setSpacing(6)
    heading = plain_label(title)
    heading.setObjectName("CardTitle")
    layout.addWidget(heading)
    if hint:
        note = plain_label(hint)
        note.setObjectName("CardHint")
        note.setWordWrap(True)
        layout.addWidget(note)
    return frame, layout


class _Figure(QFrame):
    """A headline number with its caption and a small note."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DashboardCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(0)
        self.caption = plain_label(caption)
        self.caption.setObjectName("FigureCaption")
        self.value = plain_label("–")
        self.value.setObjectName("FigureValue")
        self.note = plain_label("")
        self.note.setObjectName("FigureNote")
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)

    def set(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)


class Dashboard(QWidget):
    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None, *, days: int | None = 30) -> None:
        super().__init__(parent)
        self.setObjectName("Dashboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.store = store
        self.days = days
        self.progress: ProjectProgress | None = None
        self._tasks: Any = None
        self._running: Any = None
        self._again = False

        title = plain_label(self.tr("Project dashboard"))
        title.setObjectName("DashboardTitle")
        self.updated = plain_label("")
        self.updated.setObjectName("DashboardUpdated")
        self.period = QComboBox()
        for period in PERIODS:
            self.period.addItem(self._period_name(period), period)
        self.period.setCurrentIndex(PERIODS.index(days) if days in PERIODS else 1)
        self.period.currentIndexChanged.connect(lambda i: self.set_days(self.period.itemData(i)))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(12)
        header.addWidget(self.updated, 1)
        header.addWidget(self.period)
        header.addWidget(self.refresh_button)

        self.figure_documents = _Figure(self.tr("Documents"))
        self.figure_finished = _Figure(self.tr("Finished"))
        self.figure_entities = _Figure(self.tr("Entities"))
        self.figure_relations = _Figure(self.tr("Relations"))
        self.figure_pace = _Figure(self.tr("Done per day"))
        figures = QHBoxLayout()
        figures.setSpacing(10)
        for figure in (self.figure_documents, self.figure_finished, self.figure_pace,
                       self.figure_entities, self.figure_relations):
            figures.addWidget(figure)

        status_card, status_layout = _card(self.tr("Documents by status"))
        self.status_bar = StackedProgressBar()
        status_layout.addWidget(self.status_bar)

        done_card, done_layout = _card(self.tr("Documents done per day"),
                                       self.tr("Bars: net documents marked done that day. Line: documents done in all."))
        self.done_chart = DailyBarsChart()
        self.done_chart.empty_text = self.tr("No document was marked done in this period.")
        done_layout.addWidget(self.done_chart, 1)

        people_card, people_layout = _card(self.tr("Entities per day, by annotator"),
                                           self.tr("Entities added, less those deleted, each day."))
        self.people_chart = DailyLinesChart()
        self.people_chart.empty_text = self.tr("No entities were added in this period.")
        people_layout.addWidget(self.people_chart, 1)

        labels_card, labels_layout = _card(self.tr("Entity labels"))
        self.entity_bars = HorizontalBarsChart()
        self.entity_bars.empty_text = self.tr("The schema has no entity labels.")
        labels_layout.addWidget(self.entity_bars)
        relations_heading = plain_label(self.tr("Relation labels"))
        relations_heading.setObjectName("CardTitle")
        labels_layout.addSpacing(8)
        labels_layout.addWidget(relations_heading)
        self.relation_bars = HorizontalBarsChart()
        self.relation_bars.empty_text = self.tr("The schema has no relation labels.")
        labels_layout.addWidget(self.relation_bars)
        labels_layout.addStretch(1)

        team_card, team_layout = _card(self.tr("Annotators"), self.tr("All time. Speed is entities per hour of reviewing."))
        self.team = QTableWidget(0, 6)
        self.team.setHorizontalHeaderLabels([
            self.tr("Annotator"), self.tr("Entities"), self.tr("Relations"),
            self.tr("Documents done"), self.tr("Time"), self.tr("Speed"),
        ])
        self.team.verticalHeader().hide()
        self.team.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.team.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.team.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.team.setShowGrid(False)
        self.team.setAlternatingRowColors(True)
        header_view = self.team.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 6):
            header_view.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        team_layout.addWidget(self.team, 1)

        grid = QGridLayout()
        grid.setSpacing(10)
        grid.addWidget(done_card, 0, 0)
        grid.addWidget(people_card, 0, 1)
        grid.addWidget(labels_card, 1, 0)
        grid.addWidget(team_card, 1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        content = QWidget()
        content.setObjectName("Dashboard")
        body = QVBoxLayout(content)
        body.setContentsMargins(16, 14, 16, 16)
        body.setSpacing(10)
        body.addLayout(header)
        body.addLayout(figures)
        body.addWidget(status_card)
        body.addLayout(grid, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setMinimumSize(760, 560)
        self.refresh()

    # --- loading -------------------------------------------------------------------------------

    def set_days(self, days: int | None) -> None:
        self.days = days
        index = PERIODS.index(days) if days in PERIODS else -1
        if index >= 0 and self.period.currentIndex() != index:
            self.period.blockSignals(True)
            self.period.setCurrentIndex(index)
            self.period.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Compute the figures again on a worker thread; shows them when they arrive."""
        if self._running is not None:
            self._again = True
            return
        from annotator.ui.workers import BackgroundTasks

        if self._tasks is None:
            self._tasks = BackgroundTasks(self, threads=1)
        path, annotator, days = self.store.path, self.store.annotator, self.days

        def work(_progress):
            with Store(path, annotator=annotator) as store:
                return project_progress(store, days=days)

        self.updated.setText(self.tr("Counting…"))
        self.refresh_button.setEnabled(False)
        self._running = self._tasks.start(work)
        self._running.finished.connect(self._loaded)
        self._running.failed.connect(self._failed)

    def _finish_run(self) -> bool:
        self._running = None
        self.refresh_button.setEnabled(True)
        if self._again:
            self._again = False
            self.refresh()
            return True
        return False

    def _failed(self, message: str) -> None:
        if self._finish_run():
            return
        self.updated.setText(self.tr("Could not count: %1").replace("%1", message))
        self.failed.emit(message)

    def _loaded(self, figures: ProjectProgress) -> None:
        if self._finish_run():
            return
        self.show_progress(figures)

    def shutdown(self) -> None:
        if self._tasks is not None:
            self._tasks.shutdown()

    # --- showing ---------------------------------------------------------------------------------

    def show_progress(self, figures: ProjectProgress) -> None:
        self.progress = figures
        locale = self.locale()
        number = locale.toString
        self.updated.setText(self.tr("Updated %1").replace(
            "%1", locale.toString(QTime.currentTime(), QLocale.FormatType.ShortFormat)))

        total = figures.total_documents
        counts = figures.status_counts
        self.figure_documents.set(number(total), self.tr("%1 to do · %2 in progress")
                                  .replace("%1", number(counts[Status.TODO.value]))
                                  .replace("%2", number(counts[Status.IN_PROGRESS.value])))
        self.figure_finished.set(f"{figures.fraction_finished:.0%}", self.tr("%1 done · %2 skipped")
                                 .replace("%1", number(counts[Status.DONE.value]))
                                 .replace("%2", number(counts[Status.SKIPPED.value])))
        days_counted = max(1, len(figures.days))
        pace = sum(figures.done_per_day) / days_counted
        remaining = counts[Status.TODO.value] + counts[Status.IN_PROGRESS.value]
        if pace > 0 and remaining:
            note = self.tr("about %n days to finish", "", max(1, round(remaining / pace)))
        elif remaining:
            note = self.tr("no documents done in this period")
        else:
            note = self.tr("nothing left to do")
        self.figure_pace.set(locale.toString(pace, "f", 1), note)
        self.figure_entities.set(number(sum(label.count for label in figures.entity_labels)),
                                 self.tr("%n labels", "", sum(1 for label in figures.entity_labels if label.count)))
        self.figure_relations.set(number(sum(label.count for label in figures.relation_labels)),
                                  self.tr("%n labels", "", sum(1 for label in figures.relation_labels if label.count)))

        self.status_bar.set_data([
            (status_name(status), counts[status.value], status_color(status))
            for status in (Status.DONE, Status.SKIPPED, Status.IN_PROGRESS, Status.TODO)
        ])
        self.done_chart.set_data(figures.days, figures.done_per_day, figures.done_cumulative,
                                 self.tr("Marked done"), self.tr("Done in all"))
        self.people_chart.set_data(figures.days, figures.entities_per_day)
        self.entity_bars.set_data([
            (label.display if label.in_schema else self.tr("%1 (not in schema)").replace("%1", label.name),
             label.count, label.color)
            for label in figures.entity_labels
        ])
        self.relation_bars.set_data([(label.display, label.count, "#627d98") for label in figures.relation_labels])

        self.team.setRowCount(len(figures.annotators))
        for row, person in enumerate(figures.annotators):
            speed = person.entities_per_hour
            cells = [
                person.name,
                number(person.entities),
                number(person.relations),
                number(person.documents),
                self._duration(person.seconds),
                self.tr("%1/h").replace("%1", number(round(speed))) if speed is not None else "–",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == 0 and person.name == self.store.annotator:
                    item.setForeground(QColor(theme.ACCENT))
                self.team.setItem(row, column, item)
        self.loaded.emit(figures)

    def _duration(self, seconds: float) -> str:
        minutes = round(seconds / 60)
        if minutes < 60:
            return self.tr("%n min", "", minutes)
        return self.tr("%1 h %2 min").replace("%1", str(minutes // 60)).replace("%2", f"{minutes % 60:02d}")

    def _period_name(self, days: int | None) -> str:
        if days is None:
            return self.tr("All time")
        return self.tr("Last %n days", "", days)


class DashboardWindow(QDialog):
    """The dashboard in a window of its own, beside the annotation window (not modal)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Project dashboard"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.dashboard = Dashboard(store, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.dashboard)
        self.resize(1120, 780)

    def done(self, result: int) -> None:
        self.dashboard.shutdown()
        super().done(result)


def show_dashboard(store: Store, parent: QWidget | None = None) -> DashboardWindow:
    window = DashboardWindow(store, parent)
    make_plain(window)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    window.show()
    return window
