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


def open_project(args: argparse.Namespace) -> Store:
    # imported when a command opens a project: `annotator --help` and the app's start stay light
    from annotator.store import Store

    return Store(args.db, annotator=getattr(args, "annotator", None))


def say(message: str = "") -> None:
    """Human-readable progress and summaries go to stderr, so stdout stays clean for data."""
    print(message, file=sys.stderr)


def progress_bar(total: int, unit: str, enabled: bool):
    """A tqdm bar on stderr when a person is watching; a no-op otherwise."""
    # imported when a progress bar is shown
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, file=sys.stderr, disable=not enabled or not sys.stderr.isatty(),
                dynamic_ncols=True, leave=False)
