"""The status bar: messages on the left; progress, annotator and speed on the right."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QStatusBar, QWidget

from annotator.ui.plain_text import plain_label, plain_tooltip
from annotator.ui.review_controller import ReviewController

MESSAGE_MS = 6000
SPEED_REFRESH_MS = 15_000


class ReviewStatusBar(QStatusBar):
    def __init__(self, controller: ReviewController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReviewStatusBar")
        self.controller = controller
        self.background = plain_label("", self)
        self.progress = plain_label("", self)
        self.annotator = plain_label("", self)
        self.speed = plain_label("", self)
        for label in (self.background, self.progress, self.annotator, self.speed):
            self.addPermanentWidget(label)
        controller.message.connect(self.say)
        controller.documentsChanged.connect(self.refresh_progress)
        controller.documentOpened.connect(self.refresh_progress)
        controller.annotationsChanged.connect(self.refresh_speed)
        self._timer = QTimer(self)
        self._timer.setInterval(SPEED_REFRESH_MS)
        self._timer.timeout.connect(self.refresh_speed)
        self._timer.start()
        self.refresh()

    def say(self, message: str) -> None:
        self.showMessage(message, MESSAGE_MS)

    def set_background(self, text: str) -> None:
        """What runs in the background (seeding, suggestions); empty hides it."""
        self.background.setText(text)
        self.background.setVisible(bool(text))

    def refresh(self) -> None:
        self.refresh_progress()
        self.refresh_annotator()
        self.refresh_speed()
        self.set_background("")

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
