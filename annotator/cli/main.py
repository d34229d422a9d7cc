"""Entry point: parse the command line, run a command, turn errors into messages and exit codes.

Exit codes: 0 success; 1 unexpected error (a bug; details in the log);
2 usage error; 3 bad input; 4 database problem; 5 an export or import
failed verification; 6 something named does not exist; 7 ``check`` found
problems; 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from annotator import __version__
from annotator.errors import AnnotatorError

COMMANDS = (
    "gui_cmd", "import_cmd", "export_cmd", "train_cmd", "suggest_cmd", "stats_cmd", "check_cmd",
    "assign_cmd", "pack_cmd", "merge_cmd", "agree_cmd", "adjudicate_cmd",
)
EXIT_INTERNAL = 1
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


def build_parser(commands: Sequence[str] = COMMANDS) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description=(
            "Turn Chinese news articles into gold training data for entity and relation extraction. "
            "Run without a command (or with just --db and --annotator) to open the app."
        ),
        epilog="Run 'annotator COMMAND --help' for a command's options. " + (__doc__ or "").split("\n\n")[1],
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="self-test for packaged builds: exits 0 only if Qt, jieba, the database, import, "
        "candidates, export and learning all work",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in commands:
        importlib.import_module(f"annotator.cli.{name}").add_parser(subparsers)
    return parser


# Options that belong to the program itself; any other leading option is the app's
# (`annotator --db my.db` opens the app on my.db).
_PROGRAM_OPTIONS = {"-h", "--help", "--version", "--smoke"}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0].startswith("-") and argv[0] not in _PROGRAM_OPTIONS:
        argv = ["gui", *argv]
    # Opening the app needs only the gui command; importing the others (formats,
    # the database layer) first would delay the window by most of a second.
    opens_app = not argv or (argv[0] == "gui" and not {"-h", "--help"} & set(argv))
    parser = build_parser(("gui_cmd",) if opens_app else COMMANDS)
    args = parser.parse_args(argv)
    try:
        if args.smoke:
            from annotator.cli.smoke import run_smoke

            return run_smoke()
        if args.command is None:
            args = parser.parse_args(["gui"])
        return args.run(args)
    except AnnotatorError as exc:
        print(f"annotator: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("annotator: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our stdout went away (e.g. `| head`): stop quietly,
        # and keep Python from complaining again when it flushes at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as exc:
        # sqlite3 is not imported just to name its error: opening the app does not need it
        sqlite3 = sys.modules.get("sqlite3")
        if sqlite3 is not None and isinstance(exc, sqlite3.Error):
            from annotator.errors import DatabaseError

            print(f"annotator: error: database error: {exc}", file=sys.stderr)
            return DatabaseError.exit_code
        from annotator.platform.diagnostics import log_exception

        exc_type, exc, tb = sys.exc_info()
        path = log_exception(exc_type, exc, tb)
        print(f"annotator: internal error: {exc_type.__name__}: {exc} (details in {path})", file=sys.stderr)
        return EXIT_INTERNAL


def gui_main() -> int:
    """Entry point of the windowed launcher (no console on Windows)."""
    return main(["gui", *sys.argv[1:]])
