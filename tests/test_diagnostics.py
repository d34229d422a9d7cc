"""The log file: the app's start writes to it at once, and it rotates once the first article shows."""

from __future__ import annotations

import logging
import logging.handlers

from annotator.platform import diagnostics


def test_the_start_log_writes_to_the_log_file_then_gives_way_to_the_rotating_handler():
    logger = logging.getLogger("annotator")
    before = list(logger.handlers)
    try:
        path = diagnostics.start_logging()
        logging.getLogger("annotator.test").warning("while the app starts")
        assert diagnostics.setup_logging() == path
        logging.getLogger("annotator.test").warning("once the first article shows")
        added = [handler for handler in logger.handlers if handler not in before]
        assert len(added) == 1 and isinstance(added[0], logging.handlers.RotatingFileHandler)
        text = path.read_text(encoding="utf-8")
        assert "while the app starts" in text and "once the first article shows" in text
        assert diagnostics.start_logging() == path  # set up already: nothing is added
        assert [handler for handler in logger.handlers if handler not in before] == added
    finally:
        for handler in logger.handlers[:]:
            if handler not in before:
                logger.removeHandler(handler)
                handler.close()
        diagnostics._configured = None
