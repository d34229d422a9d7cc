"""annotator suggest: candidate spans for raw text, as JSON lines."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from annotator.cli.common import say
from annotator.errors import InputError, NotFoundError

HELP = "print candidate spans for a text as JSON lines"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "suggest",
        help=HELP,
        description=(
            "Print the candidate spans Annotator would highlight in a text, one JSON object per "
            'line: {"start", "end", "label", "text", "source", "score"}. Offsets are code points '
            "into the text as given (a UTF-8 byte order mark is not part of the text). With --db "
            "the project's label schema, its reviewers' labels (the gazetteer), their rejections "
            "and its trained model (see 'annotator train') are used; without it, the bundled rules."
        ),
    )
    parser.add_argument(
        "file", nargs="?", default="-", metavar="FILE",
        help="UTF-8 text file to read; - or nothing reads standard input",
    )
    parser.add_argument(
        "--db", metavar="PATH", type=Path,
        help="an existing project database whose schema, gazetteer, rejections and model to use",
    )
    parser.add_argument(
        "--min-score", type=float, default=None, metavar="SCORE",
        help="print only candidates scoring at least this (0-1)",
    )
    parser.set_defaults(run=run)


def _read(name: str) -> str:
    if name == "-":
        data = sys.stdin.buffer.read()
        where = "standard input"
    else:
        from annotator.formats.files import read_input

        path = Path(name)
        data, _sha = read_input(path)
        where = str(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 text (byte {exc.start} cannot be decoded)") from None
    return text.removeprefix("\ufeff")


def run(args: argparse.Namespace) -> int:
    if args.min_score is not None and not 0 <= args.min_score <= 1:
        raise InputError(f"--min-score must be between 0 and 1, not {args.min_score}")
    text = _read(args.file)
    from annotator.candidates import context_from_store, default_context, suggest

    if args.db is not None:
        if not args.db.is_file():
            raise NotFoundError(f"{args.db}: no such project database")
        from annotator.store import Store

        with Store(args.db) as store:
            context = context_from_store(store)
            _model, problem = store.models.usable()
        if problem:
            say(f"note: {problem}")
    else:
        context = default_context()
    out = sys.stdout
    for suggestion in suggest(text, context=context):
        if args.min_score is not None and suggestion.score < args.min_score:
            continue
        out.write(json.dumps(suggestion.to_dict(), ensure_ascii=False))
        out.write("\n")
    out.flush()
    return 0
