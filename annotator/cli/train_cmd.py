"""annotator train: learn a suggester from the project's reviewed documents."""

from __future__ import annotations

import argparse
import json
import sys

from annotator.cli.common import add_annotator_option, add_db_option, open_project, progress_bar, say
from annotator.errors import NotFoundError

HELP = "train the project's suggester on its reviewed documents"
PHASES = {"features": ("features", "doc"), "training": ("training", "it"), "candidates": ("candidates", "doc")}


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train",
        help=HELP,
        description=(
            "Train a character CRF on the documents marked done (their entities are the answers), "
            "report its k-fold cross-validated precision, recall and F1 per label, store it in the "
            "project database as a new model version, and refresh the candidates of the unfinished "
            "documents, which then include the model's suggestions (source 'model'). Needs at least "
            "5 reviewed documents with 20 entities; says how many more otherwise."
        ),
    )
    add_db_option(parser)
    add_annotator_option(parser)
    parser.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    parser.add_argument(
        "--workers", type=int, default=None, metavar="N",
        help="training processes (default: one per core; 1 trains in this process)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors (and the JSON report)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.db is not None and not args.db.is_file():
        raise NotFoundError(f"{args.db}: no such project database")
    from annotator.learning import train_project

    with open_project(args) as store:
        _model, problem = store.models.usable()
        if problem and not args.quiet:
            say(f"note: {problem}")
        bars: dict[str, object] = {}

        def progress(phase: str, done: int, total: int) -> None:
            bar = bars.get(phase)
            if bar is None:
                for other in bars.values():
                    other.close()  # type: ignore[attr-defined]
                name, unit = PHASES.get(phase, (phase, "it"))
                bar = bars[phase] = progress_bar(total, unit, not args.quiet)
                bar.set_description(name)  # type: ignore[attr-defined]
            bar.update(done - bar.n)  # type: ignore[attr-defined]

        try:
            report = train_project(
                store, workers=args.workers, in_process=args.workers == 1, progress=progress,
            )
        finally:
            for bar in bars.values():
                bar.close()  # type: ignore[attr-defined]
        if args.json:
            json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        if not args.quiet:
            _summary(report, store.path, to_stdout=not args.json)
    return 0


def _summary(report, path, *, to_stdout: bool) -> None:
    write = print if to_stdout else say
    model = report.model
    metrics = model.metrics
    write(f"Model version {model.id}: trained on {model.documents} reviewed documents with {model.entities} entities "
          f"({', '.join(model.labels)})")
    if report.nested_dropped:
        write(f"  {report.nested_dropped} nested entities left out (a character has one label; the outermost wins)")
    write(f"{metrics['folds']}-fold cross-validation (exact spans):")
    write(f"  {'label':<10}{'precision':>10}{'recall':>8}{'F1':>8}{'gold':>7}")
    for label in model.labels:  # the schema's order (the stored figures are sorted by name)
        figures = metrics["labels"][label]
        write(f"  {label:<10}{figures['precision']:>10.3f}{figures['recall']:>8.3f}{figures['f1']:>8.3f}"
              f"{figures['gold']:>7}")
    overall = metrics["overall"]
    write(f"  {'all':<10}{overall['precision']:>10.3f}{overall['recall']:>8.3f}{overall['f1']:>8.3f}"
          f"{overall['gold']:>7}")
    if model.learning_curve:
        points = ", ".join(f"{p['documents']:g} documents {p['overall']:.3f}" for p in model.learning_curve)
        write(f"Learning curve (F1 against training documents): {points}")
    timings = report.timings
    write(f"Features {timings.get('features', 0):.1f} s, training {timings.get('training', 0):.1f} s "
          f"on {report.processes} process{'es' if report.processes != 1 else ''}"
          + (f", candidates {timings['refresh']:.1f} s" if "refresh" in timings else ""))
    write(f"Stored in {path}; candidates refreshed for {report.refreshed_documents} unfinished documents "
          f"({report.candidates} added or updated)")
