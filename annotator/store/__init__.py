"""Persistence: the project database (SQLite through sqlite-utils)."""

from annotator.store.sqlite_utils_loader import load_sqlite_utils

load_sqlite_utils()

# isort: split
from annotator.store.annotations import DeletedEntity
from annotator.store.segmentation import SegmentationEdit
from annotator.store.store import Store, default_annotator, open_store

__all__ = ["DeletedEntity", "SegmentationEdit", "Store", "default_annotator", "open_store"]
