"""The status bar: messages on the left; progress, annotator and speed on the right."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QProgressBar, QStatusBar, QToolButton, QWidget

from annotator.ui.coalesce import Coalescer
from annotator.ui.plain_text import plain_label, plain_tooltip
from annotator.ui.review_controller import ReviewController

MESSAGE_MS = 6000
SPEED_REFRESH_MS = 15_000
# "n of N done" a moment after the change: counting a large project's documents is not part of a
# keypress's feedback, nor of the first article's paint
PROGRESS_DELAY_MS = 120


class ReviewStatusBar(QStatusBar):
    # the reviewer asked to stop the suggester's training
    cancelLearningRequested = Signal()

    def __init__(self, controller: ReviewController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReviewStatusBar")
        self.controller = controller
        # the suggester learning in the background: what it does, how far, and a way to stop it
        self.learning = plain_label("", self)
        self.learning.setObjectName("LearningStatus")
        self.learning_bar = QProgressBar(self)
        self.learning_bar.setObjectName("LearningProgress")
        self.learning_bar.setRange(0, 100)
        self.learning_bar.setTextVisible(False)
        self.learning_bar.setFixedWidth(110)
        self.learning_bar.setMaximumHeight(12)
        self.cancel_learning = QToolButton(self)
        self.cancel_learning.setObjectName("CancelLearning")
        self.cancel_learning.setText(self.tr("Cancel"))
        self.cancel_learning.setToolTip(self.tr("Stop training the suggester; the current suggestions stay as they are"))
        self.cancel_learning.setAutoRaise(True)
        self.cancel_learning.clicked.connect(self.cancelLearningRequested)
        for widget in (self.learning, self.learning_bar, self.cancel_learning):
            self.addPermanentWidget(widget)
            widget.setVisible(False)
        self.background = plain_label("", self)
        self.progress = plain_label("", self)
        self.annotator = plain_label("", self)
        self.speed = plain_label("", self)
        for label in (self.background, self.progress, self.annotator, self.speed):
            self.addPermanentWidget(label)
        controller.message.connect(self.say)
        self._progress_later = Coalescer(self.refresh_progress, PROGRESS_DELAY_MS, self)
        controller.documentsChanged.connect(self._progress_later.schedule)
        controller.documentOpened.connect(self._progress_later.schedule)
        controller.annotationsChanged.connect(self.refresh_speed)
        self._timer = QTimer(self)
        self._timer.setInterval(SPEED_REFRESH_MS)
        self._timer.timeout.connect(self.refresh_speed)
        self._timer.start()
        self.refresh()

    def say(self, message: str) -> None:
        self.showMessage(message, MESSAGE_MS)

    def set_learning(self, text: str, percent: int, *, cancellable: bool = True) -> None:
        """The suggester's background work: what it does and how far (percent); -1 hides it."""
        shown = percent >= 0 or bool(text)
        self.learning.setText(text)
        self.learning.setVisible(shown)
        self.learning_bar.setVisible(percent >= 0)
        self.learning_bar.setValue(max(0, percent))
        self.cancel_learning.setVisible(shown and cancellable and percent >= 0)

    def set_background(self, text: str) -> None:
        """What runs in the background (seeding, suggestions); empty hides it."""
        self.background.setText(text)
        self.background.setVisible(bool(text))

    def refresh(self) -> None:
        self._progress_later.schedule()
        self.refresh_annotator()
        self.refresh_speed()
        self.set_background("")

    def flush(self) -> None:
        """Bring "n of N done" up to date now (tests, screenshots)."""
        self._progress_later.flush()

    def refresh_progress(self, *_args) -> None:
        done, total = self.controller.progress()
        self.progress.setText(self.tr("%1 of %2 done").replace("%1", str(done)).replace("%2", str(total)))

    def refresh_annotator(self) -> None:
        self.annotator.setText(self.controller.store.annotator)
        self.annotator.setToolTip(
            plain_tooltip(self.tr("Annotating as %1 (File ▸ Switch annotator…)").replace("%1", self.controller.store.annotator))
        )

    def refresh_speed(self, *_args) -> None:
        rate = self.controller.entities_per_minute()
        created = self.controller.speed.entities
        if rate is None:
            text = self.tr("Entities this session: %1").replace("%1", str(created))
        else:
            text = self.tr("%1 entities/min this session").replace("%1", f"{rate:.1f}")
        self.speed.setText(text)
        self.speed.setToolTip(self.tr("Entities created this session: %1").replace("%1", str(created)))
