"""The annotation guidelines (``guidelines.md``), rendered, next to the text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTextBrowser, QWidget

from annotator.platform import app_paths


class GuidelinesPanel(QTextBrowser):
    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("GuidelinesPanel")
        self.setOpenExternalLinks(True)
        self.document().setDocumentMargin(12)
        self.path = path or app_paths.guidelines_path()
        self.reload()

    def reload(self) -> None:
        if self.path is None:
            self.setMarkdown(self.tr("*No guidelines found.* Put them in `docs/guidelines.md`."))
            return
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.setMarkdown(self.tr("*Cannot read the guidelines* (%1): %2").replace("%1", str(self.path)).replace("%2", str(exc)))
            return
        self.setMarkdown(text)
