"""The bundled seed pages: imported once into a new, empty project so a new user sees articles at once."""

from __future__ import annotations

from annotator.platform import app_paths
from annotator.errors import InputError
from annotator.project.importing import Progress, import_paths
from annotator.store import Store
from annotator.store.connection import utc_now

SEEDED_SETTING = "seeded_at"


def needs_seeding(store: Store) -> bool:
    return store.documents.count() == 0 and store.settings.get(SEEDED_SETTING) is None


def seed(store: Store, *, suggest: bool = True, progress: Progress | None = None) -> list[str]:
    """Import the bundled pages and remember that this project was seeded (even if it is emptied later).

    Returns the new documents' ids. ``suggest=False`` leaves candidates to the
    caller (the app computes them in a job of their own, with its own
    progress). Raises ``InputError`` when not one seed page could be imported.
    """
    reports = import_paths(store, [app_paths.seeds_dir()], suggest=suggest, progress=progress)
    store.settings.set(SEEDED_SETTING, utc_now())
    failed = [r for r in reports if r.outcome == "failed"]
    if failed and not any(r.doc_ids for r in reports):
        raise InputError("; ".join(note for r in failed for note in r.notes))
    return [doc_id for report in reports for doc_id in report.doc_ids]
