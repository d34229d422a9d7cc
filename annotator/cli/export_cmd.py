"""annotator export: write a dataset."""

from __future__ import annotations

import argparse
import sys

from annotator import formats
from annotator.cli.common import add_db_option, open_project, progress_bar, say
from annotator.formats.nesting import NESTING_CHOICES
from annotator.formats.registry import TOKEN_MODES, ExportOptions, ExportSummary
from annotator.project.exporting import export, parse_splits, parse_statuses

HELP = "write a gold dataset (default: done documents)"
# Listed one by one unless --verbose; the rest are counted.
_SHOWN = 20

FORMAT_HELP = """formats:
  jsonl         Annotator's own JSON Lines (full fidelity; the default for moving data between projects)
  doccano       doccano JSONL with entities and relations
  label-studio  Label Studio task JSON plus the matching labelling config XML
  prodigy       Prodigy JSONL: tokens, spans, relations (spaCy's relation tutorial reads it)
  spacy         spaCy DocBin (.spacy): doc.spans['sc'], doc.ents, relations in user_data
  brat          brat standoff folder: .txt + .ann per document, annotation.conf, visual.conf
  conll         CoNLL BIO, one character (or jieba word) and tag per line
  hf            Hugging Face dataset folder: JSONL splits and a README dataset card

Every export writes the label schema beside the data (NAME.schema.json, or
schema.json inside a folder). With --split, OUT is a folder with one file
per split. Nothing is written unless every span matches its text."""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help=HELP,
        description=(
            "Write the project's documents and annotations as a dataset. Every span is checked "
            "against the text before anything is written; if one fails, nothing is written."
        ),
        epilog=FORMAT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_option(parser)
    parser.add_argument("--format", required=True, choices=sorted(formats.WRITERS), help="dataset format (below)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="output file or folder; '-' for stdout (one-file text formats)")
    selection = parser.add_argument_group("what to export")
    selection.add_argument(
        "--status",
        default="done",
        metavar="LIST",
        help="comma-separated statuses to export: todo,in_progress,done,skipped, or all (default: done)",
    )
    selection.add_argument("--doc", action="append", metavar="ID", help="export only this document (repeatable)")
    selection.add_argument("--label", action="append", metavar="LABEL",
                           help="export only entities with this label (repeatable or comma-separated); "
                                "relations need both ends")
    selection.add_argument("--annotator", dest="annotators", action="append", metavar="NAME",
                           help="export only documents, entities and relations by this person (repeatable)")
    selection.add_argument("--layer", metavar="gold|project|NAME",
                           help="whose annotations: gold (adjudicated; the default once any document is), "
                                "project (as the app shows them) or an annotator's merged versions")
    selection.add_argument("--include-candidates", action="store_true",
                           help="also write candidate spans (jsonl; label-studio writes them as predictions)")
    layout = parser.add_argument_group("how to write it")
    layout.add_argument("--split", metavar="NAME=RATIO,...",
                        help="deterministic splits by a hash of the document id, e.g. train=0.8,dev=0.1,test=0.1")
    layout.add_argument("--split-seed", default="", metavar="TEXT",
                        help="mixed into the split hash; change it to draw a different, equally stable split")
    layout.add_argument("--tokens", choices=TOKEN_MODES, default="char",
                        help="tokens for conll, prodigy, spacy and the hf tags: characters (default) or jieba words")
    layout.add_argument("--offsets", choices=("codepoint", "utf16"), default=None,
                        help="doccano and label-studio: code points (what Python counts) or the UTF-16 units the "
                             "tools' web pages count; default: utf16 for doccano (what doccano itself writes), "
                             "codepoint for label-studio. The unit is written into the export")
    layout.add_argument("--nested", choices=NESTING_CHOICES, default="all",
                        help="where entities nest or overlap: keep all (default), or only the outermost or "
                             "innermost layer, for readers that take one (spaCy doc.ents, the spaCy relation "
                             "tutorial's parse_data.py reading a prodigy export)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    parser.add_argument("-v", "--verbose", action="store_true", help="list everything that was skipped")
    parser.set_defaults(run=run)


def _labels(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [label.strip() for value in values for label in value.split(",") if label.strip()]


def run(args: argparse.Namespace) -> int:
    statuses = parse_statuses(args.status)
    options = ExportOptions(
        include_candidates=args.include_candidates,
        splits=parse_splits(args.split) if args.split else None,
        split_seed=args.split_seed,
        tokens=args.tokens,
        offsets=args.offsets,
        nesting=args.nested,
    )
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
            labels=_labels(args.label),
            annotators=args.annotators,
            options=options,
            progress=progress,
            layer=args.layer,
        )
        bar.close()
    if not args.quiet:
        print_summary(summary, verbose=args.verbose)
    sys.stdout.flush()
    return 0


def print_summary(summary: ExportSummary, *, verbose: bool = False) -> None:
    where = "stdout" if summary.output == "-" else summary.output
    say(f"wrote {summary.documents} documents, {summary.entities} entities, "
        f"{summary.relations} relations to {where}")
    if len(summary.splits) > 1 or (summary.splits and "all" not in summary.splits):
        for name, counts in summary.splits.items():
            say(f"  {name}: {counts['documents']} documents, {counts['entities']} entities, "
                f"{counts['relations']} relations")
    if summary.candidates:
        say(f"  and {summary.candidates} candidates")
    for note in summary.notes:
        say(f"  note: {note}")
    shown = summary.skipped if verbose else summary.skipped[:_SHOWN]
    for skipped in shown:
        say(f"  skipped: {skipped}")
    if len(summary.skipped) > len(shown):
        say(f"  ... and {len(summary.skipped) - len(shown)} more skipped (use --verbose to list them)")
