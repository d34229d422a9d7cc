"""annotator adjudicate: settle the gold of documents several annotators did, from the command line."""

from __future__ import annotations

import argparse

from annotator.cli.common import add_annotator_option, add_db_option, open_project, say
from annotator.errors import InputError
from annotator.team import adjudication

HELP = "list documents waiting for adjudication, or settle their gold"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "adjudicate",
        help=HELP,
        description=(
            "Documents annotated by several people wait for adjudication before they are gold. With --take, "
            "their gold becomes one annotator's version, the union of all versions, or only what all agree "
            "on, and they count as adjudicated. The app's Project ▸ Adjudicate does the same document by "
            "document, with the disagreements marked."
        ),
    )
    add_db_option(parser)
    add_annotator_option(parser)
    parser.add_argument("--list", action="store_true", help="list the documents waiting (the default)")
    parser.add_argument("--take", metavar="NAME|union|agreed",
                        help="settle the documents with this annotator's version, the union or the agreed part")
    parser.add_argument("--doc", action="append", metavar="ID",
                        help="only this document (repeatable; default: every document waiting)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:

    with open_project(args) as store:
        waiting = adjudication.pending(store)
        ids = list(args.doc) if args.doc else waiting
        for doc_id in ids:
            store.documents.text(doc_id)  # names a missing document
        if not args.take:
            versions = store.versions.info(ids)
            for doc_id in ids:
                people = ", ".join(sorted(versions.get(doc_id, {})))
                print(f"{doc_id}\t{people}\t{store.documents.get(doc_id).title}")
            say(f"{len(waiting)} documents wait for adjudication")
            return 0
        settled = 0
        with store.transaction():
            for doc_id in ids:
                versions = store.versions.of_document(doc_id)
                if not versions:
                    raise InputError(f"document {doc_id}: no annotator's version has been merged")
                if args.take == adjudication.UNION:
                    gold = adjudication.take_union(versions)
                elif args.take == adjudication.AGREED:
                    gold = adjudication.take_agreed(versions)
                else:
                    gold = adjudication.take_version(versions, args.take)
                store.layers.replace(gold)
                adjudication.settle(store, doc_id)
                settled += 1
        say(f"settled {settled} documents; {len(adjudication.pending(store))} still wait")
    return 0
