"""annotator merge: take annotators' packages back into the project."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.cli.common import say
from annotator.team.merging import merge

HELP = "merge annotators' packages into the project (lossless, idempotent)"
_SHOWN = 10


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "merge",
        help=HELP,
        description=(
            "Merge annotators' packages into a project: each annotator's work becomes their version of each "
            "document, with every annotation's author and times; documents only one person annotated become "
            "gold at once, the others wait for adjudication. Merging a package twice changes nothing. A "
            "damaged package, one from another project or with labels the project lacks is refused and the "
            "project is left as it was. OUT is created from the packages if it does not exist."
        ),
    )
    parser.add_argument("--out", required=True, type=Path, metavar="DB", help="the project to merge into")
    parser.add_argument("packages", nargs="+", type=Path, metavar="PACKAGE", help="annotators' package files")
    parser.add_argument("--annotator", metavar="NAME", help="who is merging (default: your login name)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every document that needs attention")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:

    def progress(done: int, total: int, what: str) -> None:
        if what:
            say(f"  [{done + 1}/{total}] {what}")

    report = merge(args.out, args.packages, annotator=args.annotator, progress=progress if args.verbose else None)
    say(f"{'created' if report.created else 'merged into'} {report.target}")
    for path, outcome in report.packages:
        say(f"{path.name} ({outcome.annotator}): {outcome.documents} documents; "
            f"{outcome.versions_new} new versions, {outcome.versions_updated} updated, {outcome.unchanged} unchanged; "
            f"{outcome.adopted} became gold" + (f"; {outcome.added_documents} documents added" if outcome.added_documents else ""))
        for kind, ids, why in (
            ("conflict", outcome.conflicts, "its text differs from the project's; not merged"),
            ("stale", outcome.stale, "the project has a newer version from this annotator; kept that one"),
        ):
            shown = ids if args.verbose else ids[:_SHOWN]
            for doc_id in shown:
                say(f"  {kind}: document {doc_id}: {why}")
            if len(ids) > len(shown):
                say(f"  ... and {len(ids) - len(shown)} more ({kind}); --verbose lists them")
    if report.pending_adjudication:
        say(f"{report.pending_adjudication} documents wait for adjudication (annotator adjudicate --list, or "
            "Project ▸ Adjudicate in the app)")
    return 0
