"""Logging to a file in the user's log folder, so a windowed app with no console leaves a trace."""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from annotator.platform import app_paths

LOG_NAME = "annotator.log"
_configured: Path | None = None


def log_path() -> Path:
    return app_paths.log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the ``annotator`` logger to a rotating file (idempotent)."""
    global _configured
    path = log_path()
    if _configured == path:
        return path
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("annotator")
    logger.setLevel(level)
    logger.addHandler(handler)
    _configured = path
    return path


def log_exception(exc_type, exc, tb) -> Path:
    """Write an unexpected error's traceback to the log; return the log's path for the message."""
    path = setup_logging()
    logging.getLogger("annotator").error(
        "unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb))
    )
    return path
