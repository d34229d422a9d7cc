"""annotator pack: write one annotator's package, a project file with their share of the work."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.cli.common import add_db_option, open_project, progress_bar, say
from annotator.team.packages import PackReport, pack, pack_all, set_guidelines

HELP = "write an annotator's package (their documents, the schema, guidelines and model)"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "pack",
        help=HELP,
        description=(
            "Write a project file for one annotator with the documents assigned to them, the label schema, "
            "the guidelines and the project's learned model. They open it with 'annotator --db FILE' and "
            "start on their first unfinished document; 'annotator merge' takes it back."
        ),
    )
    add_db_option(parser)
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--annotator", metavar="NAME", help="whose package to write")
    who.add_argument("--all", action="store_true",
                     help="write every assigned annotator's package into the folder -o names, as NAME.annotator")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE",
                        help="the package file to write (e.g. NAME.annotator); with --all, the folder")
    parser.add_argument("--guidelines", type=Path, metavar="FILE",
                        help="make this Markdown file the project's guidelines first (kept for later packages)")
    parser.add_argument("--force", action="store_true", help="overwrite packages that exist")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:

    with open_project(argparse.Namespace(db=args.db, annotator=None)) as store:
        if args.guidelines:
            set_guidelines(store, args.guidelines)
        bar = progress_bar(0, "doc", not args.quiet)

        def progress(done: int, total: int, _annotator: str = "") -> None:
            bar.total = total
            bar.update(done - bar.n)

        if args.all:
            if not args.output.exists() and args.output.parent.is_dir():
                args.output.mkdir()  # `-o packages/` is made when missing (its parent must exist)
            reports = pack_all(store, args.output, overwrite=args.force, progress=progress)
        else:
            reports = [pack(store, args.annotator, args.output, overwrite=args.force, progress=progress)]
        bar.close()
    if not args.quiet:
        for report in reports:
            say(describe(report))
            say(f"  {report.annotator} opens it with: annotator --db {report.path.name}")
    return 0


def describe(report: PackReport) -> str:
    return (f"wrote {report.path}: {report.documents} documents for {report.annotator}, "
            f"{report.entities} entities, {report.relations} relations, {report.candidates} candidates"
            + (", the learned model" if report.with_model else "")
            + (", the guidelines" if report.guidelines else ""))
