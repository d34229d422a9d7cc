"""Killed imports: ``annotator import`` killed with SIGKILL at random points, then run again.

    python benchmarks/killed_imports.py [--trials 30] [--pages 200] [--seed N] [--json OUT]

A folder of synthetic newspaper pages (``harness.corpus``, large enough that reading and
candidates both run on worker processes) is imported once without interruption: the reference.
Then, trial after trial, the same import into a fresh project is killed (SIGKILL to the import
process alone, as the task manager or a crash would) at a point drawn at random, and run again
to completion. A point is a stage (starting up, storing files, computing candidates, indexing
for search) and how far into it, measured in documents, so where the kills fall does not depend
on how busy the machine is. Each trial checks that

- no process of the killed import outlives it (its worker processes notice their parent is gone);
- ``annotator check`` reports the unfinished import while it is unfinished, and nothing after the
  re-run;
- the project equals the reference exactly: documents (text, title, position, status, meta,
  provenance), sources, candidates (span, label, source, score, state), and the search index
  (the same documents indexed, nothing queued, and the same answers to a set of queries).

Exits 0 only when every trial passed. ``docs/reliability.md`` gives the figures of the last run.
Runs on Linux and macOS (it uses ``ps`` to find surviving processes).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
REPO = BENCHMARKS.parent
sys.path[:0] = [str(BENCHMARKS), str(REPO)]

from harness.corpus import page_paths  # noqa: E402 - after the path is set

# Queries whose answers must match the reference's: common words, names, and a one-character term.
QUERIES = ("工会", "职工", "总工会", "劳动", "记者", "北京", "会议 工人", "技能", "了")


@dataclass
class Trial:
    number: int
    kill_at: str
    # what the killed import had done: documents stored, documents owed candidates, search queue
    stored: int = 0
    owed: int = 0
    queued: int = 0
    check_reported_it: bool | None = None
    # the import ended on its own before the moment drawn (the trial is drawn again)
    finished_first: bool = False
    survivors: list[str] = field(default_factory=list)
    rerun_exit: int = 0
    differences: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.survivors and self.rerun_exit == 0 and not self.differences and self.check_reported_it is not False


def make_corpus(folder: Path, pages: int, cache: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for page in page_paths(cache, pages):
        shutil.copy(page, folder / page.name)
    return folder


def import_command(db: Path, folder: Path) -> list[str]:
    return [sys.executable, "-m", "annotator", "import", "-q", "--db", str(db), str(folder)]


def environment(home: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "ANNOTATOR_HOME": str(home)}


def run_import(db: Path, folder: Path, env: dict[str, str]) -> tuple[int, float]:
    started = time.monotonic()
    done = subprocess.run(import_command(db, folder), env=env, capture_output=True, text=True, check=False)
    return done.returncode, time.monotonic() - started


def check_exit(db: Path, env: dict[str, str]) -> int:
    return subprocess.run([sys.executable, "-m", "annotator", "check", "--db", str(db)], env=env, check=False,
                          capture_output=True, text=True).returncode


def group_members(pgid: int) -> list[str]:
    """Live processes (not zombies) of the process group ``pgid``, as "pid command"."""
    listing = subprocess.run(["ps", "-A", "-o", "pid=,pgid=,stat=,command="], capture_output=True, text=True,
                             check=False).stdout
    members = []
    for line in listing.splitlines():
        parts = line.split(None, 3)
        if len(parts) >= 3 and parts[1] == str(pgid) and not parts[2].startswith("Z"):
            members.append(f"{parts[0]} {parts[3] if len(parts) > 3 else ''}".strip())
    return members


def wait_for_group_to_end(pgid: int, timeout: float) -> list[str]:
    deadline = time.monotonic() + timeout
    while True:
        members = group_members(pgid)
        if not members or time.monotonic() > deadline:
            return members
        time.sleep(0.1)


@dataclass(frozen=True)
class KillPoint:
    """When to kill: ``fraction`` of the way through ``stage`` (counted in documents, so the point
    does not move with the machine's load), or, for ``start``, that many seconds after starting."""

    stage: str  # start, files, candidates, search
    fraction: float

    def reached(self, db: Path, documents: int, started: float) -> bool:
        if self.stage == "start":
            return time.monotonic() - started >= self.fraction
        stored, owed, queued = progress_of(db)
        if self.stage == "files":
            return stored >= self.fraction * documents
        if self.stage == "candidates":
            return stored == documents and owed <= (1 - self.fraction) * documents
        return stored == documents and owed == 0 and queued <= (1 - self.fraction) * documents

    def __str__(self) -> str:
        if self.stage == "start":
            return f"{self.fraction:.2f} s after starting"
        return f"{self.fraction:.0%} through {self.stage}"


def draw_kill_point(rng: random.Random) -> KillPoint:
    stage = rng.choices(["start", "files", "candidates", "search"], weights=[10, 30, 45, 15])[0]
    return KillPoint(stage, round(rng.uniform(0.2, 2.0) if stage == "start" else rng.uniform(0.0, 1.0), 2))


def kill_import(db: Path, folder: Path, env: dict[str, str], point: KillPoint, documents: int) -> tuple[list[str], bool]:
    """Start the import in a process group of its own and SIGKILL the import process (only) once
    ``point`` is reached; returns the processes of the group still alive 10 s later, and whether
    the import had finished before the point was reached."""
    started = time.monotonic()
    process = subprocess.Popen(import_command(db, folder), env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    while not point.reached(db, documents, started):
        try:
            process.wait(timeout=0.02)
            return [], True
        except subprocess.TimeoutExpired:
            pass
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return wait_for_group_to_end(process.pid, timeout=10), False


def progress_of(db: Path) -> tuple[int, int, int]:
    if not db.exists():
        return 0, 0, 0
    conn = sqlite3.connect(db)
    try:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "documents" not in tables:
            return 0, 0, 0
        stored = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        owed = conn.execute(
            "SELECT COUNT(*) FROM candidates_due c WHERE NOT EXISTS (SELECT 1 FROM candidates WHERE doc_id = c.doc_id)"
        ).fetchone()[0] if "candidates_due" in tables else 0
        queued = conn.execute("SELECT COUNT(*) FROM search_queue").fetchone()[0] if "search_queue" in tables else 0
        return stored, owed, queued
    finally:
        conn.close()


def snapshot(db: Path) -> dict[str, object]:
    """What must come out the same however the import was interrupted (not times or row ids)."""
    sys.path.insert(0, str(REPO))
    from annotator.project.search import SearchIndex
    from annotator.store import Store

    conn = sqlite3.connect(db)
    try:
        rows = {
            "documents": conn.execute(
                "SELECT id, position, title, text, raw_text, kind, status, status_reason, meta, provenance, "
                "content_hash FROM documents ORDER BY id").fetchall(),
            "sources": conn.execute("SELECT name, sha256, format, encoding, size, documents FROM sources "
                                    "ORDER BY sha256").fetchall(),
            "candidates": conn.execute(
                "SELECT doc_id, start, \"end\", label, text, source, score, state FROM candidates "
                "ORDER BY doc_id, start, \"end\", label").fetchall(),
            "candidates_due": conn.execute("SELECT COUNT(*) FROM candidates_due").fetchone(),
            "search_documents": conn.execute("SELECT doc_id, position FROM search_docs ORDER BY doc_id").fetchall(),
            "search_queue": conn.execute("SELECT COUNT(*) FROM search_queue").fetchone(),
        }
    finally:
        conn.close()
    with Store(db, annotator="check") as store:
        index = SearchIndex(store)
        rows["search_answers"] = {
            query: [hit.doc_id for hit in index.search(query, limit=10_000, auto_sync=False).hits] for query in QUERIES
        }
    return rows


def differences(reference: dict[str, object], trial: dict[str, object]) -> list[str]:
    found = []
    for key, expected in reference.items():
        got = trial[key]
        if got != expected:
            size = len(got) if isinstance(got, list | dict) else got
            want = len(expected) if isinstance(expected, list | dict) else expected
            found.append(f"{key}: {size} against {want} in the reference")
    return found


def run(trials: int, pages: int, rng_seed: int, workdir: Path, cache: Path, report=print) -> dict:
    rng = random.Random(rng_seed)
    home = workdir / "home"
    env = environment(home)
    folder = make_corpus(workdir / "pages", pages, cache)
    reference_db = workdir / "reference.db"
    code, duration = run_import(reference_db, folder, env)
    if code != 0:
        raise SystemExit(f"the reference import failed with exit code {code}")
    reference = snapshot(reference_db)
    stored, _, _ = progress_of(reference_db)
    report(f"reference: {pages} pages, {stored} documents, {len(reference['candidates'])} candidates, "
           f"{duration:.1f} s")
    results: list[Trial] = []
    finished_first = 0
    number = 0
    while len(results) < trials:
        number += 1
        db = workdir / f"trial-{number}.db"
        point = draw_kill_point(rng)
        trial = Trial(number, str(point))
        survivors, finished = kill_import(db, folder, env, point, stored)
        if finished:  # nothing was killed: not a trial; draw another point
            finished_first += 1
            report(f"trial {number:2}: the import finished before {point}; drawing again")
            for path in workdir.glob(f"trial-{number}.db*"):
                path.unlink()
            continue
        trial.survivors = survivors
        trial.stored, trial.owed, trial.queued = progress_of(db)
        if trial.owed:
            trial.check_reported_it = check_exit(db, env) == 7
        trial.rerun_exit, _ = run_import(db, folder, env)
        if check_exit(db, env) != 0:
            trial.differences.append("annotator check reports problems after the re-run")
        trial.differences += differences(reference, snapshot(db))
        results.append(trial)
        report(f"trial {number:2}: killed {trial.kill_at} with {trial.stored} documents stored, "
               f"{trial.owed} owed candidates, {trial.queued} waiting for the index; "
               f"{'passed' if trial.passed else 'FAILED ' + '; '.join(trial.differences + trial.survivors)}")
        for path in workdir.glob(f"trial-{number}.db*"):
            path.unlink()
    passed = sum(t.passed for t in results)
    return {
        "pages": pages, "documents": stored, "candidates": len(reference["candidates"]),
        "reference_seconds": round(duration, 1), "trials": len(results), "passed": passed,
        "killed_while_storing_files": sum(0 < t.stored < stored for t in results),
        "killed_before_anything_was_stored": sum(t.stored == 0 for t in results),
        "killed_while_computing_candidates": sum(t.stored == stored and t.owed > 0 for t in results),
        "killed_while_indexing": sum(t.stored == stored and t.owed == 0 and t.queued > 0 for t in results),
        "killed_after_indexing": sum(t.stored == stored and t.owed == 0 and t.queued == 0 for t in results),
        "finished_before_the_kill": finished_first,
        "surviving_processes": sum(len(t.survivors) for t in results),
        "results": [asdict(t) for t in results],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=30)
    parser.add_argument("--pages", type=int, default=200, help="synthetic pages to import (200 = 3.3 MB)")
    parser.add_argument("--seed", type=int, default=20240612, help="seed for the kill times")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="annotator-killed-") as tmp:
        summary = run(args.trials, args.pages, args.seed, Path(tmp), Path(tmp) / "cache")
    print(f"{summary['passed']} of {summary['trials']} killed imports completed exactly by a re-run "
          f"({summary['killed_before_anything_was_stored']} killed before anything was stored, "
          f"{summary['killed_while_storing_files']} while storing files, "
          f"{summary['killed_while_computing_candidates']} while computing candidates, "
          f"{summary['killed_while_indexing']} while indexing, {summary['killed_after_indexing']} while closing); "
          f"{summary['surviving_processes']} processes outlived a killed import")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if summary["passed"] == summary["trials"] else 1


if __name__ == "__main__":
    sys.exit(main())
