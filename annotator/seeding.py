"""The bundled seed pages: imported once into a new, empty project so a new user sees articles at once."""

from __future__ import annotations

from annotator import app_paths
from annotator.importing import import_paths
from annotator.model import ImportReport
from annotator.store import Store
from annotator.store.connection import utc_now

SEEDED_SETTING = "seeded_at"


def needs_seeding(store: Store) -> bool:
    return store.document_count() == 0 and store.setting(SEEDED_SETTING) is None


def seed(store: Store) -> list[ImportReport]:
    """Import the bundled pages and remember that this project was seeded (even if later emptied)."""
    reports = import_paths(store, [app_paths.seeds_dir()])
    store.set_setting(SEEDED_SETTING, utc_now())
    return reports
