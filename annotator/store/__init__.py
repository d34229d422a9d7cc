"""Persistence: the project database (SQLite through sqlite-utils)."""

from annotator.store.annotations import DeletedEntity
from annotator.store.store import Store, default_annotator, open_store

__all__ = ["DeletedEntity", "Store", "default_annotator", "open_store"]
