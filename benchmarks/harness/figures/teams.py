"""Team work: merging 20 annotators' packages, and agreement over double-annotated documents.

**merge** (id ``merge_20xN``): a lead's project whose documents are assigned to
20 annotators, N each, a fifth of them to two people; each annotator's package
written by ``annotator pack`` and then annotated (about 12 entities and 2
relations a document, written straight into the package's tables: annotating
100,000 documents through the store would take far longer than the figure it
serves). Measured: ``annotator.team.merging.merge`` of all 20 packages into a
fresh copy of the project, as ``annotator merge`` runs it (checks, private
copies, one transaction, versions, gold for the single-annotated documents).
The baseline copies the same annotation rows of every package into one
database with plain ``INSERT ... SELECT`` in one transaction: what moving the
data costs by itself.

**agreement** (id ``agree_N``): a project with N documents each annotated by two
of three annotators (versions written straight into the tables; the second
annotator's spans are the first's with a share moved, relabelled, dropped or
added). Measured: ``compute(from_store(store))``, reading every version and
computing every figure, as ``annotator agree`` does. The baseline reads the
same version rows out of SQLite as tuples.

Both projects are built once and cached.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import statistics
import time
from pathlib import Path

from harness.measure import Figure, alternating, value_at_most
from harness.projects import pages
from harness.session import FULL, Session

GROUP = "teams"
FIGURES = {
    "merge_20x5000": "merging 20 annotators' packages of 5,000 documents each into the project (under a minute)",
    "agree_10000": "every agreement figure over 10,000 double-annotated documents (under 10 s)",
}

PROJECT_VERSION = 1
ANNOTATORS = tuple(f"annotator{i:02d}" for i in range(1, 21))
LABELS = ("PER", "ORG", "LOC", "TITLE", "DATE")
CHARS_PER_DOCUMENT = 1000
STAMP = "2024-03-01T00:00:00.000Z"
MERGE_NOTE = (
    "Merging reads each package's annotations into objects, fingerprints every document's version, and writes "
    "versions, gold for the single-annotated documents and an event per document; the baseline only copies rows."
)


def _spans(rng: random.Random, text: str, count: int) -> list[tuple[int, int, str]]:
    spans, used = [], set()
    for _ in range(count * 2):
        if len(spans) >= count:
            break
        start = rng.randrange(0, len(text) - 6)
        end = start + rng.randint(2, 5)
        span = text[start:end]
        if "\n" in span or not span.strip() or span != span.strip() or any(
            not (end <= s or start >= e) for s, e in used
        ):
            continue
        used.add((start, end))
        spans.append((start, end, rng.choice(LABELS)))
    return sorted(spans)


def _build_lead(path: Path, documents: int) -> None:
    from annotator.model import content_hash
    from annotator.store import Store

    Store(path, annotator="lead").close()
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    for index, (title, text) in enumerate(pages(documents, CHARS_PER_DOCUMENT, seed=11)):
        conn.execute(
            "INSERT INTO documents (id, position, title, text, content_hash, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (f"doc{index + 1:06d}", index + 1, title, text, content_hash(text), STAMP, STAMP),
        )
    conn.execute("COMMIT")
    conn.close()


def _annotate_package(path: Path, who: str, rng: random.Random) -> None:
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("BEGIN")
    for doc_id, text in conn.execute("SELECT id, text FROM documents").fetchall():
        ids = []
        for start, end, label in _spans(rng, text, 12):
            ids.append(conn.execute(
                "INSERT INTO entities (doc_id, start, \"end\", label, text, annotator, origin, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, 'manual', ?, ?)",
                (doc_id, start, end, label, text[start:end], who, STAMP, STAMP),
            ).lastrowid)
        for head, tail in zip(ids[0:4:2], ids[1:4:2]):
            conn.execute(
                "INSERT INTO relations (doc_id, label, head_id, tail_id, annotator, created_at) VALUES (?, 'related', ?, ?, ?, ?)",
                (doc_id, head, tail, who, STAMP),
            )
        conn.execute("UPDATE documents SET status = 'done', updated_at = ? WHERE id = ?", ("2024-03-02T00:00:00.000Z", doc_id))
    conn.execute("COMMIT")
    conn.close()


def _schema_with_any_relation(store) -> None:
    from annotator.label_schema import RelationLabel

    schema = store.schema.current
    if "related" not in schema.relation_names:
        store.schema.set(schema.with_relation(RelationLabel("related", "相关")))


def ensure_merge_fixture(session: Session, per_package: int) -> tuple[Path, list[Path]]:
    """The lead's project and the 20 annotated packages (cached)."""
    from annotator.store import Store
    from annotator.team.assignment import plan_assignment
    from annotator.team.packages import pack

    folder = session.cache / f"teams-merge-v{PROJECT_VERSION}-{per_package}"
    lead = folder / "lead.db"
    packages = [folder / f"{who}.annotator" for who in ANNOTATORS]
    if (folder / "complete").is_file():
        return lead, packages
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    assignments = per_package * len(ANNOTATORS)
    documents = round(assignments / 1.2)  # a fifth of the documents go to two people
    _build_lead(lead, documents)
    with Store(lead, annotator="lead") as store:
        _schema_with_any_relation(store)
        plan = plan_assignment(store.documents.ids(), ANNOTATORS, overlap=0.2)
        store.assignments.assign(plan.documents)
        for who, path in zip(ANNOTATORS, packages):
            pack(store, who, path)
    rng = random.Random(23)
    for who, path in zip(ANNOTATORS, packages):
        _annotate_package(path, who, rng)
    (folder / "complete").write_text("ok", encoding="utf-8")
    return lead, packages


def _copy_rows(packages: list[Path], out: Path) -> None:
    """The baseline: every package's annotation rows into one database, plain SQL, one transaction."""
    out.unlink(missing_ok=True)
    conn = sqlite3.connect(str(out), isolation_level=None)
    conn.execute("BEGIN")
    for index, path in enumerate(packages):
        conn.execute("ATTACH DATABASE ? AS package", (str(path),))
        for table in ("entities", "relations", "doc_labels"):
            if index == 0:
                conn.execute(f"CREATE TABLE {table} AS SELECT * FROM package.{table} WHERE 0")
            conn.execute(f"INSERT INTO {table} SELECT * FROM package.{table}")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE package")
        conn.execute("BEGIN")
    conn.execute("COMMIT")
    conn.close()


CPU_SECONDS: dict[str, list[float]] = {"merge": [], "agree": []}


def _merge(lead: Path, packages: list[Path], scratch: Path) -> None:
    from annotator.team.merging import merge

    target = scratch / "merged.db"
    for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copy(lead, target)
    started = time.process_time()
    merge(target, packages, annotator="lead")
    CPU_SECONDS["merge"].append(time.process_time() - started)


def merge_figure(session: Session) -> Figure:
    per_package = session.plan.merge_per_package
    lead, packages = ensure_merge_fixture(session, per_package)
    scratch = session.work / "teams"
    scratch.mkdir(exist_ok=True)
    repeats = max(1, min(3, session.plan.repeats))
    times = alternating(
        {
            "baseline": lambda i: _copy_rows(packages, scratch / "rows.db"),
            "merge": lambda i: _merge(lead, packages, scratch),
        },
        repeats,
    )
    conn = sqlite3.connect(str(scratch / "merged.db"))
    versions = conn.execute("SELECT COUNT(*) FROM versions").fetchone()[0]
    entities = conn.execute("SELECT COUNT(*) FROM version_entities").fetchone()[0]
    adopted = conn.execute("SELECT COUNT(*) FROM adjudications").fetchone()[0]
    conn.close()
    return Figure(
        name=f"merge of {len(packages)} annotators' packages of {per_package:,} documents each",
        id="merge_20x5000",
        unjudged="" if per_package >= FULL.merge_per_package else f"measured on packages of {per_package:,} documents, not 5,000",
        value=statistics.median(times["merge"]),
        unit="s",
        baseline=statistics.median(times["baseline"]),
        baseline_name="copying the same annotation rows into one database with INSERT ... SELECT",
        targets=[value_at_most(60, "s")],
        note=MERGE_NOTE,
        profile=lambda: _profile_merge(lead, packages, scratch),
        detail=(f"{versions:,} versions with {entities:,} entities; {adopted:,} single-annotated documents became "
                f"gold; annotator.team.merging.merge into a fresh copy of the project; median of {repeats}, in turns; "
                f"the merge's own CPU time {statistics.median(CPU_SECONDS['merge']):.1f} s "
                f"(wall-clock time above it is waiting for the disk or for other processes)"),
    )


def _profile_merge(lead: Path, packages: list[Path], scratch: Path) -> str:
    from harness.profiles import call_tree

    tree = call_tree(lambda: _merge(lead, packages, scratch))
    return f"merge of {len(packages)} packages, profiled:\n{tree}"


# --- agreement ------------------------------------------------------------------------------------


def ensure_agreement_project(session: Session, documents: int) -> Path:
    """N documents, each with versions by two of three annotators (cached)."""
    from annotator.model import (
        DocumentLayer,
        LayerEntity,
        LayerRelation,
        Status,
        content_hash,
    )
    from annotator.store import Store

    path = session.cache / f"teams-agree-v{PROJECT_VERSION}-{documents}.db"
    if path.is_file():
        return path
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    Store(partial, annotator="lead").close()
    rng = random.Random(41)
    people = ("wang", "li", "zhao")
    conn = sqlite3.connect(str(partial), isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    for index, (title, text) in enumerate(pages(documents, CHARS_PER_DOCUMENT, seed=13)):
        doc_id = f"doc{index + 1:06d}"
        conn.execute(
            "INSERT INTO documents (id, position, title, text, content_hash, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (doc_id, index + 1, title, text, content_hash(text), STAMP, STAMP),
        )
        first = _spans(rng, text, 15)
        second = []
        for start, end, label in first:
            roll = rng.random()
            if roll < 0.08:
                continue
            if roll < 0.16:
                label = rng.choice(LABELS)
            elif roll < 0.24 and end - start > 2:
                end -= 1
            second.append((start, end, label))
        for who, spans in zip(rng.sample(people, 2), (first, second)):
            entities = [LayerEntity(k + 1, s, e, lab, text[s:e], who, "manual", STAMP, STAMP)
                        for k, (s, e, lab) in enumerate(spans)]
            relations = [LayerRelation(1, "related", 1, 2, who, STAMP)] if len(entities) > 1 else []
            layer = DocumentLayer(doc_id, who, entities, relations, status=Status.DONE)
            conn.execute(
                "INSERT INTO versions (doc_id, annotator, status, fingerprint, changed_at, merged_at, merged_from) "
                "VALUES (?, ?, 'done', ?, ?, ?, 'bench')",
                (doc_id, who, layer.fingerprint(), STAMP, STAMP),
            )
            conn.executemany(
                "INSERT INTO version_entities (doc_id, annotator, key, start, \"end\", label, text, made_by, origin, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(doc_id, who, e.key, e.start, e.end, e.label, e.text, who, "manual", STAMP, STAMP) for e in entities],
            )
            conn.executemany(
                "INSERT INTO version_relations (doc_id, annotator, key, label, head_key, tail_key, made_by, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(doc_id, who, r.key, r.label, r.head_key, r.tail_key, who, STAMP) for r in relations],
            )
    conn.execute("COMMIT")
    conn.close()
    partial.rename(path)
    return path


def _read_rows(store) -> int:
    conn = store.db.conn
    rows = conn.execute("SELECT * FROM version_entities").fetchall()
    rows += conn.execute("SELECT * FROM version_relations").fetchall()
    rows += conn.execute("SELECT * FROM versions").fetchall()
    return len(rows)


def _agree(store) -> None:
    from annotator.agreement import compute
    from annotator.agreement.load import from_store

    started = time.process_time()
    compute(from_store(store))
    CPU_SECONDS["agree"].append(time.process_time() - started)


def agreement_figure(session: Session) -> Figure:
    from annotator.store import Store

    documents = session.plan.agree_documents
    path = ensure_agreement_project(session, documents)
    repeats = max(1, min(3, session.plan.repeats))
    with Store(path, annotator="lead") as store:
        entities = store.db.conn.execute("SELECT COUNT(*) FROM version_entities").fetchone()[0]
        times = alternating(
            {
                "baseline": lambda i: _read_rows(store),
                "agree": lambda i: _agree(store),
            },
            repeats,
        )
    return Figure(
        name=f"agreement over {documents:,} double-annotated documents",
        id="agree_10000",
        unjudged="" if documents >= FULL.agree_documents else f"measured on {documents:,} documents, not 10,000",
        value=statistics.median(times["agree"]),
        unit="s",
        baseline=statistics.median(times["baseline"]),
        baseline_name="reading the same versions' rows out of SQLite as tuples",
        targets=[value_at_most(10, "s")],
        detail=(f"{entities:,} entities in {2 * documents:,} versions; every figure of annotator agree "
                f"(span and relation F1, kappas, alpha, unitizing alpha, per document); median of {repeats}, in turns; "
                f"its own CPU time {statistics.median(CPU_SECONDS['agree']):.1f} s"),
    )


def figures(session: Session) -> list[Figure]:
    return [merge_figure(session), agreement_figure(session)]

