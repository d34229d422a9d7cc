"""annotator agree: inter-annotator agreement of merged projects and packages."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from annotator.agreement import compute
from annotator.agreement.load import from_files
from annotator.cli.common import say

HELP = "inter-annotator agreement (F1, kappa, alpha) per pair, label and document"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "agree",
        help=HELP,
        description=(
            "Measure agreement between annotators on the documents two or more of them annotated: span F1 "
            "(exact and overlapping) and relation F1 per pair and label, Cohen's kappa per pair, Fleiss' "
            "kappa and Krippendorff's alpha on character labels, Krippendorff's unitizing alpha on spans, "
            "and the documents with the least agreement. Name a merged project, packages, or both; files "
            "are only read."
        ),
    )
    parser.add_argument("databases", nargs="+", type=Path, metavar="DB", help="projects or packages")
    parser.add_argument("--json", action="store_true", help="print the whole report as JSON")
    parser.add_argument("--worst", type=int, default=10, metavar="N", help="list the N worst documents (default 10)")
    parser.set_defaults(run=run)


def _value(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def run(args: argparse.Namespace) -> int:

    report = compute(from_files(args.databases))
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return 0
    if not report.documents_compared:
        say("no document was annotated by two or more annotators in these files")
        return 0
    data = report.as_dict()
    overall = data["overall"]
    print(f"{report.documents_compared} documents annotated by two or more of: {', '.join(report.annotators)}")
    print(f"span F1, exact {overall['exact']['overall']['f1']:.3f}, overlapping {overall['overlap']['overall']['f1']:.3f}; "
          f"relation F1 {overall['relations']['f1']:.3f}")
    print(f"character labels: Fleiss' kappa {_value(report.fleiss_kappa)}, Krippendorff's alpha "
          f"{_value(report.krippendorff_alpha)}; unitizing alpha {_value(report.unitizing_alpha)}")
    print("\nlabel\texact F1\toverlap F1")
    for label, tally in overall["exact"]["by_label"].items():
        print(f"{label}\t{tally['f1']:.3f}\t{overall['overlap']['by_label'][label]['f1']:.3f}")
    print("\npair\tdocuments\texact F1\toverlap F1\trelation F1\tCohen's kappa")
    for pair in report.pairs:
        print(f"{pair.first} / {pair.second}\t{pair.documents}\t{pair.exact_f1:.3f}\t{pair.overlap_f1:.3f}\t"
              f"{pair.relations.f1:.3f}\t{_value(pair.cohen_kappa)}")
    if args.worst > 0:
        print("\nleast agreement\texact F1\toverlap F1\tkappa\ttitle")
        for doc in report.documents[: args.worst]:
            print(f"{doc.doc_id}\t{doc.exact_f1:.3f}\t{doc.overlap_f1:.3f}\t{_value(doc.kappa)}\t{doc.title}")
    return 0
