"""annotator gui: open the app (also what plain ``annotator`` does)."""

from __future__ import annotations

import argparse

from annotator.cli.common import add_annotator_option, add_db_option

HELP = "open the annotation window (the default command)"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "gui",
        help=HELP,
        description="Open the app on a project. A new, empty project starts with the bundled seed pages.",
    )
    add_db_option(parser)
    add_annotator_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Qt and the window load only when the app is opened, not for the other commands
    from annotator.ui.app import run_app

    return run_app(db_path=args.db, annotator=args.annotator)
