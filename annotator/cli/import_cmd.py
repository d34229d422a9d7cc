"""annotator import: bring files and folders into a project."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import ClassVar

from annotator import formats
from annotator.cli.common import (
    add_annotator_option,
    add_db_option,
    open_project,
    progress_bar,
    say,
)
from annotator.errors import InputError
from annotator.formats.registry import ReadOptions
from annotator.model import ImportReport, Status
from annotator.project import label_adoption
from annotator.project.importing import (
    CANDIDATES,
    FILES,
    SEARCH,
    ImportSettings,
    discover,
    run_import,
)

HELP = "import text pages, articles or annotated datasets"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help=HELP,
        description=(
            "Import files or folders (searched recursively). The format is detected from the "
            "extension and contents; force it with --format. Each file is imported in one "
            "transaction: a file with an error is reported and nothing from it is kept. "
            "Importing the same file again changes nothing. An import that was interrupted is "
            "finished by running it again: documents it stored without their candidate spans get them."
        ),
    )
    add_db_option(parser)
    add_annotator_option(parser)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to import")
    parser.add_argument("--format", choices=sorted(formats.READERS), help="read every file as this format")
    parser.add_argument(
        "--keep-width",
        action="store_true",
        help="keep half-width punctuation between Chinese characters (default: normalise to full width)",
    )
    parser.add_argument(
        "--offsets",
        choices=("auto", "codepoint", "utf16"),
        default="auto",
        help="how doccano / Label Studio offsets count: auto (decide from the evidence, the default), "
        "codepoint, or utf16 (what their web pages count)",
    )
    parser.add_argument(
        "--status",
        choices=("done",),
        help="mark the imported documents with this status: 'done' brings in gold data as already reviewed "
        "(it is exported by default, and the learned suggester trains on it). Documents whose file gives "
        "them a status of their own (Annotator's JSONL, Prodigy's answers) keep it; the report says how many",
    )
    parser.add_argument(
        "--no-candidates",
        action="store_true",
        help="do not compute candidate spans (highlights) for the new documents; the import is faster",
    )
    parser.add_argument(
        "--add-labels",
        action="store_true",
        help="add the labels the files use (and their tools' label sets beside them: brat annotation.conf, "
        "Label Studio label_config.xml, a doccano label list) that the project's schema lacks; lists them first",
    )
    parser.add_argument("--dry-run", action="store_true",
                        help="with --add-labels: only list the labels that would be added; change nothing")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    parser.set_defaults(run=run, usage_error=parser.error)


def _adopt_labels(args: argparse.Namespace, store, files, options: ReadOptions) -> bool:
    """List (and unless --dry-run, add) the labels the files bring; False when the import should stop here."""
    root = Path(args.paths[0]) if len(args.paths) == 1 and Path(args.paths[0]).is_dir() else None
    additions = label_adoption.plan(store.schema.current, files, format=args.format, options=options, root=root)
    for source in additions.sources:
        say(f"label set: {source}")
    verb = "would add" if args.dry_run else "adding"
    lines = additions.describe()
    say(f"schema: {verb} {len(lines)} label(s)" + (":" if lines else ""))
    for line in lines:
        say(f"  {line}")
    for problem in additions.problems:
        say(f"  warning: {problem}")
    if args.dry_run:
        return False
    label_adoption.adopt(store, additions)
    return True


def run(args: argparse.Namespace) -> int:
    if args.dry_run and not args.add_labels:
        args.usage_error("--dry-run goes with --add-labels (it lists the labels that would be added)")
    files = discover(args.paths)
    store = open_project(args)
    with store:
        options = ReadOptions(normalise_width=not args.keep_width, annotator=store.annotator, offsets=args.offsets)
        if args.add_labels and not _adopt_labels(args, store, files, options):
            return 0
        # brat events come in where the schema (as adopted) has their labels
        options.schema = store.schema.current
        settings = ImportSettings(
            format=args.format,
            read=options,
            status=Status(args.status) if args.status else None,
            suggest=not args.no_candidates,
        )
        bars = _StageBars(len(files), enabled=not args.quiet)
        try:
            result = run_import(store, files, settings, progress=bars.update)
        finally:
            bars.close()
        _print_reports(result.reports, quiet=args.quiet, add_labels=args.add_labels)
        if not args.quiet:
            if result.candidates:
                say(f"{result.candidates} candidate spans suggested")
            if result.resumed:
                say(f"{result.resumed} documents that an interrupted import had left without candidate spans "
                    "now have them")
            stored = len(result.reports) - len(result.failed)
            left = result.files - len(result.reports)
            say(f"{result.documents} new documents from {stored} of {result.files} files into {store.path}"
                + (f" (stopped before the other {left})" if left else ""))
            for note in result.notes:
                say(f"note: {note}")
    if result.unfinished is not None:
        raise type(result.unfinished)(result.unfinished_message())
    if result.failed:
        raise InputError(
            f"{len(result.failed)} of {len(result.reports)} files were not imported (see the errors above)"
        )
    return 0


def _print_reports(reports: list[ImportReport], *, quiet: bool, add_labels: bool) -> None:
    for report in reports:
        if report.outcome == "failed":
            say(f"error: {report.notes[0]}")
            if "is not in the project's schema" in report.notes[0] and not add_labels:
                say("  hint: --add-labels adds the labels the files use to the schema (--dry-run lists them)")
            continue
        if quiet:
            continue
        line = {
            "imported": f"{report.file}: {report.documents} documents, {report.entities} entities, "
            f"{report.relations} relations",
            "unchanged": f"{report.file}: unchanged, already imported",
            "empty": f"{report.file}: no text, nothing imported",
        }[report.outcome]
        say(line)
        for note in report.notes:
            if report.outcome != "unchanged":
                say(f"  note: {note}")
        for skipped in report.skipped:
            say(f"  skipped: {skipped}")


class _StageBars:
    """A progress bar per stage (files, then documents for candidates and search), on a terminal only."""

    UNITS: ClassVar[dict[str, str]] = {FILES: "file", CANDIDATES: "doc", SEARCH: "doc"}

    def __init__(self, files: int, *, enabled: bool) -> None:
        self.enabled = enabled
        self.stage = FILES
        self.bar = progress_bar(files, "file", enabled)

    def update(self, stage: str, done: int, total: int, _what: str) -> None:
        if stage != self.stage:
            self.bar.close()
            self.stage = stage
            self.bar = progress_bar(total, self.UNITS.get(stage, "doc"), self.enabled and total > 0)
        if self.bar.total != total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        self.bar.close()
