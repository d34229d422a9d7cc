"""Options and output helpers shared by the commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.platform import app_paths

if TYPE_CHECKING:  # imported when used: `annotator gui` must not wait for the database layer
    from annotator.store import Store


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        help=f"project database (default: {app_paths.DEFAULT_DB_NAME} in your data folder)",
    )


def add_annotator_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--annotator", metavar="NAME", help="who is acting (default: your login name)")


def open_project(args: argparse.Namespace, *, read_only: bool = False, quick_check: bool = False) -> Store:
    """The project of ``--db`` (or the default one).

    ``read_only``: for commands that only look; the file is opened read-only
    and is byte for byte the same afterwards, and a project that does not
    exist is an error rather than a new empty one. ``quick_check``: refuse a
    damaged project before reading it (SQLite's quick check). A command that
    writes gets a backup first (``backups.safeguard``), which also refuses a
    damaged project.
    """
    # imported when a command opens a project: `annotator --help` and the app's start stay light
    from annotator.store import Store, backups
    from annotator.store.opening import ensure_sound

    store = Store(args.db, annotator=getattr(args, "annotator", None), read_only=read_only)
    try:
        if read_only and quick_check:
            ensure_sound(store.db.conn, store.path)
        elif not read_only:
            backups.safeguard(store.path)
    except BaseException:
        store.close()
        raise
    return store


def reading(store: Store):
    """Around reading ``store``: a damaged file gives a clear ``DamagedProjectError``, not a crash."""
    # imported when a command opens a project: `annotator --help` and the app's start stay light
    from annotator.store.opening import reading_project

    return reading_project(store.path)


def say(message: str = "") -> None:
    """Human-readable progress and summaries go to stderr, so stdout stays clean for data."""
    print(message, file=sys.stderr)


def progress_bar(total: int, unit: str, enabled: bool):
    """A tqdm bar on stderr when a person is watching; a no-op otherwise."""
    # imported when a progress bar is shown
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, file=sys.stderr, disable=not enabled or not sys.stderr.isatty(),
                dynamic_ncols=True, leave=False)
