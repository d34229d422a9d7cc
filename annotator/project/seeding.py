"""The bundled seed pages: imported once into a new, empty project so a new user sees articles at once."""

from __future__ import annotations

from pathlib import Path

from annotator.errors import InputError
from annotator.platform import app_paths
from annotator.project.importing import FILES, ImportSettings, Progress, run_import
from annotator.store import Store
from annotator.store.connection import utc_now

SEEDED_SETTING = "seeded_at"


def needs_seeding(store: Store) -> bool:
    return store.documents.count() == 0 and store.settings.get(SEEDED_SETTING) is None


def seed(store: Store, *, suggest: bool = True, progress: Progress | None = None) -> list[str]:
    """Import the bundled pages (through the import pipeline) and remember that this project was
    seeded (even if it is emptied later).

    Returns the new documents' ids. They are owed candidates either way;
    ``suggest=False`` leaves computing them, and the search index, to the
    caller (the app runs ``importing.finish_pending`` in a job of its own, with
    its own progress). Raises ``InputError`` when not one seed page could be imported.
    """
    seeds = [app_paths.seeds_dir()]

    def files_progress(stage: str, done: int, total: int, name: str) -> None:
        if stage == FILES and progress is not None:
            progress(done, total, Path(name))

    result = run_import(store, seeds, ImportSettings(finish=suggest), progress=files_progress)
    store.settings.set(SEEDED_SETTING, utc_now())
    if result.failed and not result.doc_ids:
        raise InputError("; ".join(note for r in result.failed for note in r.notes))
    if result.unfinished is not None:
        raise result.unfinished
    return result.doc_ids
