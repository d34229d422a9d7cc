"""annotator check: verify the database and every annotation's offsets."""

from __future__ import annotations

import argparse

from annotator.cli.common import add_db_option, open_project, say

HELP = "check the database's integrity and every annotation's offsets"
EXIT_PROBLEMS = 7


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help=HELP,
        description=(
            "Run SQLite's integrity and foreign-key checks, and verify that every entity and "
            f"candidate still matches its text. Exits {EXIT_PROBLEMS} if anything is wrong."
        ),
    )
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_project(args) as store:
        problems = store.check()
        path = store.path
    for problem in problems:
        print(problem)
    if problems:
        say(f"{path}: {len(problems)} problems found")
        return EXIT_PROBLEMS
    say(f"{path}: no problems found")
    return 0
