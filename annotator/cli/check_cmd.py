"""annotator check: is the project file sound, and does every annotation still fit its text?"""

from __future__ import annotations

import argparse

from annotator.cli.common import add_db_option, open_project, reading, say
from annotator.errors import AnnotatorError, DamagedProjectError

HELP = "check the project file's integrity and every annotation's offsets"
EXIT_PROBLEMS = 7


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help=HELP,
        description=(
            "Run SQLite's full integrity check and its foreign-key check, check that every stored text "
            "is UTF-8 and every JSON value parses, then that every entity, relation and candidate still "
            "fits its text and the label schema. Reads only: the project file is not changed. Exits "
            f"{EXIT_PROBLEMS} if anything is wrong with the annotations, {DamagedProjectError.exit_code} "
            "if the file itself is damaged."
        ),
    )
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # imported when the command runs: every command's parser is built at start-up
    from annotator.store import backups, health
    from annotator.store.opening import with_backup_advice

    with open_project(args, read_only=True) as store:
        path = store.path
        with reading(store):
            damage = health.full_check(store.db.conn)
        problems = list(damage)
        if not damage:
            # Offsets and labels mean something only in a file that reads back whole.
            with reading(store):
                problems += store.check_annotations()
    for problem in problems:
        print(problem)
    say(backup_summary(path, backups))
    if damage:
        raise with_backup_advice(
            path, DamagedProjectError(f"{path}: the project file is damaged ({len(damage)} problems above)")
        )
    if problems:
        say(f"{path}: {len(problems)} problems found")
        return EXIT_PROBLEMS
    say(f"{path}: no problems found")
    return 0


def backup_summary(path, backups) -> str:
    try:
        found = backups.list_backups(path)
        folder = backups.backup_folder(path)
    except (OSError, AnnotatorError) as exc:  # a bad backups.toml must not hide what check found
        return f"backups: cannot tell ({exc})"
    if not found:
        return f"backups: none (in {folder})"
    return f"backups: {len(found)} in {folder}, the newest from {found[0].when()}"
