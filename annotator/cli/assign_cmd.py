"""annotator assign: split documents among annotators, some of them double-annotated."""

from __future__ import annotations

import argparse

from annotator.cli.common import add_db_option, open_project, say
from annotator.project.exporting import parse_statuses
from annotator.team.assignment import assign, documents_to_assign

HELP = "split documents among annotators, with an overlap"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "assign",
        help=HELP,
        description=(
            "Assign documents to annotators: each gets about the same number, and a share of the "
            "documents (--overlap) goes to two or more of them, so agreement can be measured. By default "
            "only unfinished documents that nobody has yet are assigned. Without --to, prints who has what."
        ),
    )
    add_db_option(parser)
    parser.add_argument("--to", dest="annotators", action="append", metavar="NAME",
                        help="an annotator to give documents to (repeatable or comma-separated)")
    parser.add_argument("--overlap", type=float, default=0.0, metavar="SHARE",
                        help="share of the documents given to several annotators, 0 to 1 (default 0)")
    parser.add_argument("--per-shared", type=int, default=2, metavar="N",
                        help="annotators per shared document (default 2)")
    parser.add_argument("--status", default="todo,in_progress", metavar="LIST",
                        help="statuses of the documents to assign, or all (default: todo,in_progress)")
    parser.add_argument("--doc", action="append", metavar="ID", help="assign only this document (repeatable)")
    parser.add_argument("--reassign", action="store_true", help="also reassign documents that are assigned already")
    parser.add_argument("--unassign", action="store_true",
                        help="take the selected documents (--doc, or by --status) away from everyone")
    parser.add_argument("--seed", default="", metavar="TEXT", help="mixed into the draw; change it for another split")
    parser.add_argument("--annotator", metavar="NAME", help="who is making the assignment (default: your login name)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:

    names = [n.strip() for value in args.annotators or () for n in value.split(",") if n.strip()]
    statuses = parse_statuses(args.status)
    with open_project(args) as store:
        if args.unassign:
            ids = documents_to_assign(store, statuses=statuses, doc_ids=args.doc, reassign=True)
            store.assignments.assign({doc_id: [] for doc_id in ids})
            say(f"unassigned {len(ids)} documents")
        elif names:
            plan, _before = assign(
                store, names, overlap=args.overlap, per_shared=args.per_shared, statuses=statuses,
                doc_ids=args.doc, reassign=args.reassign, seed=args.seed,
            )
            if not plan.documents:
                say("no documents to assign (all are assigned already; use --reassign, or import more)")
            else:
                say(f"assigned {len(plan.documents)} documents, {plan.shared} of them to "
                    f"{args.per_shared} annotators each")
        counts = store.assignments.counts()
    if not counts:
        say("nothing is assigned yet")
    for name, figures in counts.items():
        print(f"{name}\t{figures['documents']} documents\t{figures['shared']} shared")
    return 0
