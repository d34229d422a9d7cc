"""annotator export: write a dataset."""

from __future__ import annotations

import argparse
import sys

from annotator import formats
from annotator.cli.common import add_db_option, open_project, progress_bar, say
from annotator.exporting import export, parse_statuses
from annotator.formats.registry import ExportOptions

HELP = "write a gold dataset (default: done documents)"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help=HELP,
        description=(
            "Write the project's documents and annotations as a dataset. Every span is checked "
            "against the text before anything is written; if one fails, nothing is written."
        ),
    )
    add_db_option(parser)
    parser.add_argument("--format", required=True, choices=sorted(formats.WRITERS), help="dataset format")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="output file or folder; '-' for stdout")
    parser.add_argument(
        "--status",
        default="done",
        metavar="LIST",
        help="comma-separated statuses to export: todo,in_progress,done,skipped, or all (default: done)",
    )
    parser.add_argument("--doc", action="append", metavar="ID", help="export only this document (repeatable)")
    parser.add_argument("--include-candidates", action="store_true", help="also write candidate spans")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    statuses = parse_statuses(args.status)
    with open_project(args) as store:
        bar = progress_bar(0, "doc", not args.quiet)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        summary = export(
            store,
            args.format,
            args.output,
            statuses=statuses,
            doc_ids=args.doc,
            options=ExportOptions(include_candidates=args.include_candidates),
            progress=progress,
        )
        bar.close()
    if not args.quiet:
        where = "stdout" if args.output == "-" else args.output
        say(
            f"wrote {summary.documents} documents, {summary.entities} entities, "
            f"{summary.relations} relations to {where}"
        )
        for note in summary.notes:
            say(f"  note: {note}")
        for skipped in summary.skipped:
            say(f"  skipped: {skipped}")
    sys.stdout.flush()
    return 0
