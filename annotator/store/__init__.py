"""Persistence: the project database (SQLite; sqlite-utils applies the migrations)."""

from annotator.store.annotations import DeletedEntity
from annotator.store.segmentation import SegmentationEdit
from annotator.store.store import Store, default_annotator, open_store

__all__ = ["DeletedEntity", "SegmentationEdit", "Store", "default_annotator", "open_store"]
