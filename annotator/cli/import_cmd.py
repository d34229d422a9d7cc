"""annotator import: bring files and folders into a project."""

from __future__ import annotations

import argparse
from pathlib import Path

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
from annotator.project import label_adoption
from annotator.project.importing import (
    discover,
    import_paths,
    suggest_for_new_documents,
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
            "Importing the same file again changes nothing."
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
        bar = progress_bar(len(files), "file", not args.quiet)
        reports = import_paths(
            store, files, format=args.format, options=options,
            progress=lambda done, total, path: bar.update(done - bar.n),
            suggest=False,
        )
        bar.close()
        if not args.no_candidates:
            new_documents = sum(len(r.doc_ids) for r in reports)
            candidate_bar = progress_bar(new_documents, "doc", not args.quiet and new_documents > 0)

            def candidates_done(done: int, total: int) -> None:
                candidate_bar.update(done - candidate_bar.n)

            suggested = suggest_for_new_documents(store, reports, progress=candidates_done)
            candidate_bar.close()
            if suggested and not args.quiet:
                say(f"{suggested} candidate spans suggested")
        failed = [r for r in reports if r.outcome == "failed"]
        for report in reports:
            if report.outcome == "failed":
                say(f"error: {report.notes[0]}")
                if "is not in the project's schema" in report.notes[0] and not args.add_labels:
                    say("  hint: --add-labels adds the labels the files use to the schema (--dry-run lists them)")
                continue
            if args.quiet:
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
        if not args.quiet:
            total = sum(r.documents for r in reports)
            say(f"{total} new documents from {len(reports) - len(failed)} of {len(reports)} files into {store.path}")
    if failed:
        raise InputError(f"{len(failed)} of {len(reports)} files were not imported (see the errors above)")
    return 0
