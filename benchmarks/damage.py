"""Damaged projects: make each kind from a good project, check it is detected, restore it from its backup.

    python benchmarks/damage.py [--work DIR] [--random-flips N]

For each kind of damage (truncated, pages zeroed, bytes flipped, another
program's database, a newer Annotator's project, an empty file, an SQLite
file without tables) the script copies one good project with its backups,
damages the copy in place, and runs the real commands on it: ``stats``,
``check`` and ``export`` must refuse it with exit 4 and write nothing, and
``restore`` must bring back a project that passes ``check`` and exports
byte for byte what the good project exported. ``--random-flips N`` also
changes 1 to 8 random bytes anywhere past the header in N copies (seeds
1..N) and counts how many ``check`` detects, and of the others how many
changed no stored value at all (the bytes were unused space in a page). The fixtures come from
``make_damage``; the tests use the same functions (tests/test_damage.py).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import random
import shutil
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

KINDS = ("truncated", "pages zeroed", "bytes flipped", "foreign", "newer", "empty file", "no tables")
DB_NAME = "project.db"


# --- the good project ---------------------------------------------------------------------


def build_good_project(folder: Path, pages: int = 3) -> Path:
    """A project of seed pages with entities, a relation, a done document and time spent; and one backup."""
    from annotator.project.importing import discover, import_paths
    from annotator.store import Store, backups

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = folder / DB_NAME
    with Store(path, annotator="wang") as store:
        import_paths(store, discover([REPO / "seeds"])[:pages], suggest=False)
        doc_ids = store.documents.ids()
        rng = random.Random(5)
        for doc_id in doc_ids[:6]:
            text = store.documents.text(doc_id)
            added = []
            for start in sorted(rng.sample(range(max(1, len(text) - 4)), 3)):
                if text[start : start + 3].strip() and "\n" not in text[start : start + 3]:
                    with contextlib.suppress(Exception):
                        added.append(store.annotations.add_entity(doc_id, start, start + 3, rng.choice(["PER", "ORG", "LOC"])))
            store.annotations.add_time(doc_id, 12.5)
            store.documents.set_status(doc_id, "done")
        store.annotations.set_doc_label(doc_ids[0], "topic", store.schema.current.document_labels[0].values[0])
    backups.take_backup(path)
    return path


def export_bytes(project: Path, out: Path) -> tuple[int, bytes | None]:
    code, _out, _err = run_cli(["export", "--db", str(project), "--format", "jsonl", "--status", "all", "-o", str(out)])
    return code, (out.read_bytes() if out.exists() else None)


# --- damage ---------------------------------------------------------------------------------


def pages_of(project: Path, table: str) -> list[int]:
    """Page numbers (1-based) of ``table``'s leaf pages, from SQLite's dbstat (or the last pages of the file)."""
    conn = sqlite3.connect(f"{project.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        rows = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,)
        ).fetchall()
        return [r[0] for r in rows]
    except sqlite3.OperationalError:  # an SQLite built without dbstat
        count = conn.execute("PRAGMA page_count").fetchone()[0]
        return list(range(max(2, count - 3), count + 1))
    finally:
        conn.close()


def make_damage(project: Path, kind: str, seed: int = 1) -> None:
    """Damage ``project`` in place (it must have been closed: no -wal)."""
    page_size = 4096
    data = bytearray(project.read_bytes()) if project.exists() else bytearray()
    if kind == "truncated":
        # A copy or download cut short: half the pages.
        project.write_bytes(data[: (len(data) // page_size // 2) * page_size])
    elif kind == "pages zeroed":
        # Pages an export never reads (the event log, the candidates): exporting a damaged project must fail anyway.
        for table in ("events", "candidates"):
            page = pages_of(project, table)[0]
            data[(page - 1) * page_size : page * page_size] = bytes(page_size)
        project.write_bytes(bytes(data))
    elif kind == "bytes flipped":
        # A bad stretch of disk inside the documents' text: SQLite's own checks cannot see it.
        leaves = pages_of(project, "documents")
        page = leaves[len(leaves) // 2]
        at = (page - 1) * page_size + page_size // 2
        for i in range(at, at + 16):
            data[i] ^= 0xFF
        project.write_bytes(bytes(data))
    elif kind == "foreign":
        project.unlink()
        conn = sqlite3.connect(project)
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('someone')")
        conn.commit()
        conn.close()
    elif kind == "newer":
        conn = sqlite3.connect(project)
        conn.execute("PRAGMA user_version = 99")
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('annotator', '9999_future', 'x')"
        )
        conn.commit()
        conn.close()
    elif kind == "empty file":
        project.write_bytes(b"")
    elif kind == "no tables":
        project.unlink()
        conn = sqlite3.connect(project)
        conn.execute("PRAGMA user_version = 0")
        conn.execute("CREATE TABLE t (x)")
        conn.execute("DROP TABLE t")
        conn.commit()
        conn.close()
    elif kind == "random flips":
        rng = random.Random(seed)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(page_size, len(data))
            data[at] ^= rng.randrange(1, 256)
        project.write_bytes(bytes(data))
    else:
        raise ValueError(f"unknown kind of damage '{kind}'")


# --- running the commands -------------------------------------------------------------------


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """``annotator ARGV`` in this process: exit code, stdout, stderr."""
    from annotator.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"


@dataclass
class Trial:
    kind: str
    stats: int
    check: int
    export: int
    export_wrote: bool
    unchanged: bool  # the damaged file is byte-identical after stats, check and export
    message: str
    restore: int
    restored_check: int
    restored_identical: bool
    set_aside: bool

    @property
    def detected(self) -> bool:
        # ``check`` and ``export`` must refuse. ``stats`` runs SQLite's quick check, which sees damaged
        # structure (zeroed pages) but not a damaged value inside a record (flipped bytes in a text).
        return self.check == self.export == 4 and not self.export_wrote

    @property
    def restored(self) -> bool:
        return self.restore == 0 and self.restored_check == 0 and self.restored_identical and self.set_aside


def run_trial(good: Path, kind: str, work: Path) -> Trial:
    folder = work / kind.replace(" ", "-")
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(good.parent, folder)
    project = folder / good.name
    _code, reference = export_bytes(project, folder / "reference.jsonl")
    make_damage(project, kind)
    before = digest(project)
    stats, _o, _e = run_cli(["stats", "--db", str(project)])
    check, _o, _e = run_cli(["check", "--db", str(project)])
    out = folder / "damaged.jsonl"
    export, _written = export_bytes(project, out)
    _code, _o, err = run_cli(["export", "--db", str(project), "--format", "jsonl", "--status", "all", "-o", str(out)])
    unchanged = digest(project) == before and not any(
        Path(f"{project}{suffix}").exists() for suffix in ("-wal", "-shm")
    )
    restore, _o, _e = run_cli(["restore", "--db", str(project)])
    restored_check, _o, _e = run_cli(["check", "--db", str(project)])
    _code, again = export_bytes(project, folder / "restored.jsonl")
    set_aside = any(p.name.startswith(f"{project.stem}.set-aside-") for p in (folder / "backups").iterdir())
    return Trial(
        kind, stats, check, export, out.exists(), unchanged, err.strip().splitlines()[-1] if err.strip() else "",
        restore, restored_check, again is not None and again == reference, set_aside,
    )


def logical_content(path: Path) -> dict[str, list[tuple]]:
    """Every row of every ordinary table, as stored bytes (what a change to the file can alter)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    conn.text_factory = bytes
    try:
        tables = [
            name.decode()
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
        ]
        return {table: conn.execute(f'SELECT * FROM "{table}"').fetchall() for table in tables}
    finally:
        conn.close()


def random_flip_detection(good: Path, work: Path, count: int) -> tuple[int, int, int]:
    """Copies with 1-8 random bytes changed anywhere past the header (seeds 1..count):
    (detected by ``check``, undetected but with every stored row unchanged, undetected and changed)."""
    reference = logical_content(good)
    detected = harmless = silent = 0
    for seed in range(1, count + 1):
        folder = work / f"flip-{seed}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        project = folder / good.name
        shutil.copyfile(good, project)
        make_damage(project, "random flips", seed)
        code, _o, _e = run_cli(["check", "--db", str(project)])
        if code != 0:
            detected += 1
        else:
            try:
                same = logical_content(project) == reference
            except sqlite3.Error:
                same = False
            harmless += same
            silent += not same
        shutil.rmtree(folder, ignore_errors=True)
    return detected, harmless, silent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, help="folder for the projects (default: a temporary one)")
    parser.add_argument("--random-flips", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="annotator-damage-") as temporary:
        work = args.work or Path(temporary)
        import os

        os.environ.setdefault("ANNOTATOR_HOME", str(work / "home"))
        good = build_good_project(work / "good")
        print("| damage | stats | check | export | file unchanged | restored, checks clean, same export |")
        print("|---|---|---|---|---|---|")
        failures = 0
        for kind in KINDS:
            trial = run_trial(good, kind, work)
            failures += not (trial.detected and trial.unchanged and trial.restored)
            print(
                f"| {kind} | exit {trial.stats} | exit {trial.check} | exit {trial.export}"
                f"{', wrote a file' if trial.export_wrote else ', nothing written'} | "
                f"{'yes' if trial.unchanged else 'NO'} | {'yes' if trial.restored else 'NO'} |"
            )
            print(f"  message: {trial.message}", file=sys.stderr)
        if args.random_flips:
            detected, harmless, silent = random_flip_detection(good, work, args.random_flips)
            print(
                f"\nrandom byte changes in {args.random_flips} copies: {detected} detected by 'annotator check'; "
                f"{harmless} not detected and harmless (every stored row unchanged: the bytes were unused space); "
                f"{silent} not detected that changed a stored value"
            )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
