"""Is the page parser faster than another checkout's? CPU time of both on the same pages, in turns.

    python benchmarks/parser_cpu.py --code /tmp/before [--pages 1000] [--rounds 3] [--cache DIR]

(``git archive <commit> | tar -x -C /tmp/before`` makes the other checkout.) Each measurement is a
fresh process running one checkout's ``segment_text`` over the first ``--pages`` synthetic pages the
benchmarks import (decoded beforehand; the parser's own work, as ``segmentation_vs_rjieba`` times
it); the two checkouts take turns, so a busy machine slows both alike, and the medians are
compared. CPU time of the process, not wall clock: on a shared machine other programs' work
does not count, though their use of the caches still does (repeat when the load is high). Pair
it with ``parser_fingerprint.py``, which checks that the output is the same.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent


def seconds(files: list[Path]) -> float:
    """CPU seconds this process's ``annotator`` takes to cut ``files`` into documents."""
    import hashlib
    import time

    from annotator.ingest.pages import segment_text
    from annotator.text.segmenter import get_segmenter

    texts = [(path.name, path.read_text(encoding="utf-8")) for path in files]
    sums = [hashlib.sha256(text.encode("utf-8")).hexdigest() for _, text in texts]
    get_segmenter()  # the dictionary's loading is start-up, not parsing
    for (name, text), sha256 in list(zip(texts, sums, strict=True))[:20]:
        segment_text(text, file_name=name, sha256=sha256)  # warm the regular expressions and caches
    started = time.process_time()
    for (name, text), sha256 in zip(texts, sums, strict=True):
        segment_text(text, file_name=name, sha256=sha256)
    return time.process_time() - started


def run(code: Path, files: list[Path]) -> float:
    """The seconds measured with the checkout at ``code``, in a fresh process."""
    done = subprocess.run(
        [sys.executable, __file__, "--measure", str(code)],
        input=json.dumps([str(path) for path in files]), capture_output=True, text=True, check=True,
    )
    return float(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, help="the other checkout (the code before the change)")
    parser.add_argument("--pages", type=int, default=1000, help="synthetic pages to parse")
    parser.add_argument("--rounds", type=int, default=3, help="measurements of each checkout")
    parser.add_argument("--cache", type=Path, default=REPO / ".benchmarks-cache", help="where the synthetic pages are")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure is not None:
        # the child: the listed files through the code at that checkout
        sys.path.insert(0, str(args.measure))
        print(seconds([Path(p) for p in json.loads(sys.stdin.read())]))
        return 0
    if args.code is None:
        parser.error("--code is needed: the checkout to compare this one with")
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    from harness.corpus import page_paths

    files = page_paths(args.cache, args.pages)
    checkouts = {"this": REPO, "other": args.code.resolve()}
    times: dict[str, list[float]] = {name: [] for name in checkouts}
    for round_ in range(args.rounds):
        order = list(checkouts) if round_ % 2 == 0 else list(reversed(checkouts))
        for name in order:
            times[name].append(run(checkouts[name], files))
            print(f"round {round_ + 1}: {name} {times[name][-1]:.3f} s", flush=True)
    this, other = statistics.median(times["this"]), statistics.median(times["other"])
    print(f"{len(files)} pages, CPU seconds, median of {args.rounds}: this {this:.3f}, other {other:.3f}, "
          f"this/other {this / other:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
