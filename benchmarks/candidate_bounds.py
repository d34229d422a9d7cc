"""Candidates on very long documents: how many, how long, and the peak memory of the process.

    python benchmarks/candidate_bounds.py [--chars 1460000] [--code DIR]

``--code`` measures another checkout's code instead (the figures "before" come from the
commit this work started from: ``git archive 58eb327 | tar -x -C /tmp/before`` then
``--code /tmp/before``).

Each case runs in a fresh process (so its peak resident memory is its own), computing
candidates exactly as an import's worker does (``annotator.candidates.workers.compute``):

- ``names``: names that recur throughout, two of them labelled in the document (the gazetteer
  finds every other occurrence): the issue-12 case, 730,000 candidates and 1.66 GB before bounds;
- ``one-character``: one character repeated, with labelled texts made of it in the project's
  gazetteer (the fuzz case that drove a worker past 9 GB);
- ``news``: the seed pages repeated, ordinary text.

The figures are in ``docs/reliability.md`` (Candidate bounds).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CASES = ("names", "one-character", "news")


def measure(case: str, chars: int, code: Path) -> dict:
    sys.path.insert(0, str(code))
    from annotator.candidates.context import LabelledSpan, default_context
    from annotator.candidates.gazetteer import Gazetteer
    from annotator.candidates.workers import DocumentJob, compute

    context = default_context()
    entities: tuple[LabelledSpan, ...] = ()
    if case == "names":
        unit = "张三李四王五说，"
        text = (unit * (chars // len(unit) + 1))[:chars]
        entities = (LabelledSpan(0, 2, "PER", "张三"), LabelledSpan(2, 4, "PER", "李四"))
    elif case == "one-character":
        text = "中" * chars
        context = replace(context, gazetteer=Gazetteer({("中中", "LOC"): 1, ("中中中", "ORG"): 1}))
    else:
        seeds = "".join(path.read_text(encoding="utf-8") for path in sorted((code / "seeds").glob("*.txt")))
        text = (seeds * (chars // len(seeds) + 1))[:chars]
    started = time.perf_counter()
    # (doc_id, rows) before the learned model, (doc_id, rows, measures) since
    ((_doc, rows, *_measures),) = compute([DocumentJob("long", text, frozenset(), entities)], context)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere
    return {"case": case, "chars": len(text), "candidates": len(rows), "seconds": round(seconds, 1),
            "peak_mb": round(peak_mb)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=1_460_000)
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose code to measure")
    parser.add_argument("--case", choices=CASES, help=argparse.SUPPRESS)  # one case, in this process
    args = parser.parse_args()
    if args.case:
        print(json.dumps(measure(args.case, args.chars, args.code.resolve())))
        return 0
    for case in CASES:
        done = subprocess.run([sys.executable, __file__, "--case", case, "--chars", str(args.chars),
                               "--code", str(args.code)], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONPATH": str(args.code.resolve())})
        result = json.loads(done.stdout)
        print(f"{result['case']:14} {result['chars']:>9,} characters: {result['candidates']:>6,} candidates, "
              f"{result['seconds']:5.1f} s, peak {result['peak_mb']:,} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
