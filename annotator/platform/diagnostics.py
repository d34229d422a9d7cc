"""Logging to a file in the user's log folder, so a windowed app with no console leaves a trace."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from annotator.platform import app_paths

LOG_NAME = "annotator.log"
_configured: Path | None = None


def log_path() -> Path:
    return app_paths.log_dir() / LOG_NAME


FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# the plain file handler of ``start_logging``, until ``setup_logging`` replaces it
_starting: logging.FileHandler | None = None


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the ``annotator`` logger to a rotating file (idempotent)."""
    global _configured, _starting
    path = log_path()
    if _configured == path:
        return path
    # Imported here, not at the top: logging.handlers (with socket, pickle and queue) takes about
    # 10 ms to import, which the app's start leaves until its first article shows (start_logging).
    import logging.handlers

    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    logger = logging.getLogger("annotator")
    logger.setLevel(level)
    logger.addHandler(handler)
    if _starting is not None:
        logger.removeHandler(_starting)
        _starting.close()
        _starting = None
    _configured = path
    return path


def start_logging(level: int = logging.INFO) -> Path:
    """Log to the same file at once, without rotating it: for the app's start, until ``setup_logging``."""
    global _starting
    path = log_path()
    if _configured == path or _starting is not None:
        return path
    _starting = logging.FileHandler(path, encoding="utf-8", delay=True)  # the file opens with the first record
    _starting.setFormatter(logging.Formatter(FORMAT))
    logger = logging.getLogger("annotator")
    logger.setLevel(level)
    logger.addHandler(_starting)
    return path


def log_exception(exc_type, exc, tb) -> Path:
    """Write an unexpected error's traceback to the log; return the log's path for the message."""
    path = setup_logging()
    logging.getLogger("annotator").error(
        "unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb))
    )
    return path
