"""annotator restore: list a project's backups, or put one back in its place."""

from __future__ import annotations

import argparse

from annotator.cli.common import add_db_option, say
from annotator.platform import app_paths

HELP = "list the project's backups, or bring one back"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "restore",
        help=HELP,
        description=(
            "Put a backup in the project's place: BACKUP (a file name from --list, or a path), or else "
            "the newest backup that passes a full integrity check. The current project file is never "
            "overwritten: it is moved into the backups folder as <name>.set-aside-<time>.db. Close the "
            "app first. With --list, only list the backups, newest first."
        ),
    )
    add_db_option(parser)
    parser.add_argument("--list", action="store_true", help="list the backups, newest first, and change nothing")
    parser.add_argument("backup", nargs="?", metavar="BACKUP", help="the backup to restore (default: the newest good one)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # imported when the command runs: every command's parser is built at start-up
    from annotator.store import backups

    project = args.db or app_paths.default_db_path()
    if args.list:
        found = backups.list_backups(project)
        if not found:
            say(f"{project}: no backups (in {backups.backup_folder(project)})")
            return 0
        for backup in found:
            print(f"{backup.path.name}\t{backup.when()}\t{backup.size:,} bytes")
        say(f"{len(found)} backups of {project} in {backups.backup_folder(project)}")
        return 0
    chosen = backups.find_backup(project, args.backup) if args.backup else None
    restored = backups.restore(project, chosen)
    say(f"restored {restored.backup} to {project}")
    if restored.set_aside is not None:
        say(f"the project file it replaced is kept as {restored.set_aside}")
    return 0
