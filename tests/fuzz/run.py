"""The full fuzz run: thousands of Hypothesis-generated files per importer, with counts.

    python tests/fuzz/run.py [--examples 10000] [--importer NAME ...] [--seed N] [--json OUT] [--keep DIR] [--workdir DIR]

Each generated file is imported into a copy of a small project through the real pipeline and
checked (see ``importers.py``). Nothing stops at the first failure: every case runs, failures are
counted by kind (internal error, partial import, message without the file's name, unsound project,
an error escaping the per-file report) and the first few of each are written to ``--keep``, one
folder per case, so they can be imported by hand. Exits 0 only when there were none.
``docs/reliability.md`` gives the figures of the last full run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path[:0] = [str(HERE), str(REPO)]

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402 - after the path is set
from importers import IMPORTERS, Case, Harness, Tally, Verdict  # noqa: E402

FAILURE_KINDS = ("internal", "partial", "unnamed", "unsound", "escaped", "unfinished")


def run_importer(importer: str, examples: int, harness: Harness, keep: Path | None, run_seed: int) -> Tally:
    tally = Tally()
    kept: dict[str, int] = {}

    @seed(run_seed)
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(IMPORTERS[importer]())
    def one(case: Case) -> None:
        verdict = harness.check(importer, case)
        tally.add(verdict)
        if not verdict.ok:
            count(tally, verdict)
            if keep is not None and kept.get(verdict.outcome, 0) < 5:
                kept[verdict.outcome] = kept.get(verdict.outcome, 0) + 1
                folder = keep / importer / f"{verdict.outcome}-{kept[verdict.outcome]}"
                folder.mkdir(parents=True, exist_ok=True)
                for name, data in case.files:
                    (folder / name).write_bytes(data)
                (folder / "problem.txt").write_text(
                    f"format: {case.format}\ntarget: {case.target}\n\n{verdict.problem}\n", encoding="utf-8")

    one()
    return tally


def count(tally: Tally, verdict: Verdict) -> None:
    if verdict.outcome == "internal":
        tally.internal_errors += 1
    elif verdict.outcome == "partial":
        tally.partial_imports += 1
    elif verdict.outcome == "unnamed":
        tally.unnamed_errors += 1
    else:
        tally.unsound_projects += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000, help="generated files per importer")
    parser.add_argument("--importer", action="append", choices=sorted(IMPORTERS), help="only these (repeatable)")
    parser.add_argument("--seed", type=int, default=12, help="Hypothesis seed, for a repeatable run")
    parser.add_argument("--json", type=Path, help="write the counts here")
    parser.add_argument("--keep", type=Path, help="write failing cases here")
    parser.add_argument("--workdir", type=Path, help="where the projects are made (default: the temporary folder; "
                        "a RAM disk such as /dev/shm makes the run several times faster)")
    args = parser.parse_args()
    importers = args.importer or sorted(IMPORTERS)
    results: dict[str, dict] = {}
    failures = 0
    with tempfile.TemporaryDirectory(prefix="annotator-fuzz-", dir=args.workdir) as tmp:
        harness = Harness(Path(tmp), REPO / "seeds")
        for importer in importers:
            started = time.monotonic()
            tally = run_importer(importer, args.examples, harness, args.keep, args.seed)
            elapsed = time.monotonic() - started
            results[importer] = {
                "cases": tally.cases, "outcomes": dict(sorted(tally.outcomes.items())),
                "internal_errors": tally.internal_errors, "partial_imports": tally.partial_imports,
                "unnamed_errors": tally.unnamed_errors, "other_failures": tally.unsound_projects,
                "seconds": round(elapsed, 1),
            }
            failures += tally.internal_errors + tally.partial_imports + tally.unnamed_errors + tally.unsound_projects
            print(f"{importer:13} {tally.cases:6} cases  internal errors {tally.internal_errors}  partial imports "
                  f"{tally.partial_imports}  unnamed {tally.unnamed_errors}  other {tally.unsound_projects}  "
                  f"{dict(sorted(tally.outcomes.items()))}  {elapsed:.0f} s", flush=True)
    if args.json:
        args.json.write_text(json.dumps({"examples": args.examples, "seed": args.seed, "importers": results},
                                        indent=2) + "\n", encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
