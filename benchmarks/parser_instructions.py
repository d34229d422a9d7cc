"""How many machine instructions the page parser executes per page, this checkout against another: a count that a
busy machine does not change.

    python benchmarks/parser_instructions.py --code /tmp/before [--pages 40] [--fresh-caches] [--cache DIR]

(``git archive <commit> | tar -x -C /tmp/before`` makes the other checkout; valgrind must be installed.) On a shared
machine ``parser_cpu.py``'s CPU seconds move by 10% or more from one run to the next, which hides a change of a few
per cent. Here each checkout's ``segment_text`` runs under valgrind's callgrind, once over no pages and once over
``--pages`` synthetic pages (the same pages for both, after five pages to warm up), with a fixed hash seed; the
difference of the two counts, divided by the pages, is the parser's own work per page, exact to a fraction of a per
cent. Slow: a few minutes a checkout. ``--fresh-caches`` forgets the parser's ``lru_cache``s before every page, as
if every page were the first: the benchmark's pages are recombined from the seed articles and repeat their
paragraphs, which a cache kept across pages turns into hits that users' own pages would not give.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
# the pages parsed before counting starts matters not: both runs parse them
_WARM_UP = 5


def parse(code: Path, files: list[Path], fresh_caches: bool) -> None:
    """The child: ``files`` through the checkout at ``code``."""
    import gc

    sys.path.insert(0, str(code))
    from annotator.ingest.pages import segment_text

    texts = [path.read_text(encoding="utf-8") for path in files]
    for text in texts[:_WARM_UP]:
        segment_text(text, file_name="warm-up", sha256="")
    # every function an lru_cache wraps in the parser's modules (found among the live objects: the caches are
    # module attributes and decorated functions alike), but for word lists loaded once (maxsize 1)
    caches = [
        item for item in gc.get_objects()
        if callable(getattr(item, "cache_clear", None)) and hasattr(item, "__wrapped__")
        and str(getattr(item, "__module__", "")).startswith("annotator.ingest")
        and item.cache_parameters()["maxsize"] != 1
    ] if fresh_caches else []
    for text in texts[_WARM_UP:]:
        for cache in caches:
            cache.cache_clear()
        segment_text(text, file_name="page", sha256="")


def instructions(code: Path, files: list[Path], fresh_caches: bool) -> int:
    """Instructions callgrind counts for the child parsing ``files`` with the checkout at ``code``."""
    command = [
        "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
        sys.executable, __file__, "--parse", str(code), *(["--fresh-caches"] if fresh_caches else []),
        *map(str, files),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def per_page(code: Path, files: list[Path], fresh_caches: bool) -> float:
    """The parser's instructions per page: all pages, less the start-up and warm-up alone."""
    everything = instructions(code, files, fresh_caches)
    start_up = instructions(code, files[:_WARM_UP], fresh_caches)
    return (everything - start_up) / (len(files) - _WARM_UP)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, help="the other checkout (the code before the change)")
    parser.add_argument("--pages", type=int, default=40, help="synthetic pages to count")
    parser.add_argument("--fresh-caches", action="store_true", help="forget the parser's caches before every page")
    parser.add_argument("--cache", type=Path, default=REPO / ".benchmarks-cache", help="where the synthetic pages are")
    parser.add_argument("--parse", type=Path, help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args(argv)
    if args.parse is not None:
        parse(args.parse, [Path(p) for p in rest], args.fresh_caches)
        return 0
    if args.code is None:
        parser.error("--code is needed: the checkout to compare this one with")
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    from harness.corpus import page_paths

    files = page_paths(args.cache, args.pages + _WARM_UP)
    this = per_page(REPO, files, args.fresh_caches)
    other = per_page(args.code.resolve(), files, args.fresh_caches)
    print(f"{args.pages} pages{', caches forgotten before each' if args.fresh_caches else ''}: instructions per page "
          f"this {this / 1e6:.1f} M, other {other / 1e6:.1f} M, this/other {this / other:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
