"""Build the fixture projects of every released schema version, with the released code.

RUN THIS AGAINST THE RELEASED COMMIT, never against the working tree: a fixture
must be what the released program wrote, not what today's code would write.
The released code is commit e8e480f (the last landed commit with schema
version 4; its migrations 0001-0004 are the released ones):

    git -C /path/to/annotator archive e8e480f | tar -x -C /tmp/released
    PYTHONPATH=/tmp/released python tests/data/migrations/build_fixtures.py tests/data/migrations

For each version N in 1-4 it creates ``vN.db`` through the released ``Store``,
with the released migration list cut after the N-th migration, and fills it
through the released Store API only. Next to each it writes ``vN.expected.json``:
every row of the data tables as the released code left them, which
tests/test_migration_fixtures.py compares with the rows after migrating a copy
to the current version. The script refuses to run on code with the current
(split) store API.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from pathlib import Path

from annotator.model import (
    AnnotatedDocument,
    Candidate,
    CandidateState,
    Document,
    Entity,
    Piece,
    Provenance,
    Relation,
    SourceFile,
    Status,
)
from annotator.store import Store, migrations

RELEASED_MIGRATIONS = ["0001_initial", "0002_search_index", "0003_document_list_indexes", "0004_events_by_action"]
# Rows compared after migrating, in a stable order. ``_sqlite_migrations`` is left out on
# purpose: migrating adds rows to it. The search tables are a cache rebuilt from documents.
DATA_TABLES = {
    "settings": "key",
    "label_schema": "id",
    "annotators": "name",
    "sources": "id",
    "documents": "id",
    "entities": "id",
    "relations": "id",
    "candidates": "id",
    "doc_labels": "doc_id, name",
    "time_spent": "doc_id, annotator",
    "events": "id",
}

# A page of 工人日报 as OCR gives it: full-width punctuation, a line break inside a
# paragraph, a character outside the Basic Multilingual Plane (𠮷, U+20BB7), and an OCR slip
# (工仝 for 工会) that the importer repaired in ``text`` while ``raw_text`` keeps it.
PAGE = (
    "本报讯（记者张建华）3月8日，河南省洛阳市涧西区总工会在𠮷利街道举办技能大赛，"
    "主席李明出席并讲话。\n"
    "大赛吸引了来自洛阳市各企业的120名职工参加，奖金总额8500元。"
)
SECOND = "洛阳市总工会副主席王芳表示，将继续为职工办实事。"
THIRD = "简讯：嘉善县工会开展送清凉活动。"


def _check_released_code() -> None:
    if not hasattr(Store, "add_entity") or migrations.known_names() != RELEASED_MIGRATIONS:
        sys.exit(
            "build_fixtures.py must run against the released code (commit e8e480f), whose Store has the flat API "
            "and exactly the migrations " + ", ".join(RELEASED_MIGRATIONS) + "; see this file's docstring"
        )


def _source() -> SourceFile:
    raw_page = PAGE.replace("总工会在", "总工仝在")
    page_sha = hashlib.sha256(raw_page.encode("utf-8")).hexdigest()
    split_at = PAGE.index("\n")
    provenance = Provenance(
        file="pages/gongren-2021-03-09-p2.txt",
        sha256=page_sha,
        encoding="gb18030",
        pieces=[
            Piece(0, split_at, "pages/gongren-2021-03-09-p2.txt", 40, 40 + split_at),
            Piece(split_at + 1, len(PAGE), "pages/gongren-2021-03-09-p2.txt", 40 + split_at + 2,
                  40 + len(PAGE) + 1),
        ],
    )
    org = "河南省洛阳市涧西区总工会"
    loc = "河南省洛阳市涧西区"
    org_start = PAGE.index(org)
    entities = [
        Entity("p2-1", PAGE.index("张建华"), PAGE.index("张建华") + 3, "PER", "张建华", id=1, annotator="importer"),
        # nested: the place inside the organisation's name
        Entity("p2-1", org_start, org_start + len(org), "ORG", org, id=2, annotator="importer"),
        Entity("p2-1", org_start, org_start + len(loc), "LOC", loc, id=3, annotator="importer"),
        Entity("p2-1", PAGE.index("𠮷利街道"), PAGE.index("𠮷利街道") + 4, "LOC", "𠮷利街道", id=4, annotator="importer"),
    ]
    documents = [
        AnnotatedDocument(
            Document(
                id="p2-1",
                text=PAGE,
                title="涧西区总工会举办技能大赛",
                raw_text=raw_page,
                meta={"page": 2, "section": "要闻"},
                provenance=provenance,
            ),
            entities=entities,
            relations=[Relation("p2-1", "located_in", 2, 3, annotator="importer")],
            candidates=[Candidate("p2-1", PAGE.index("李明"), PAGE.index("李明") + 2, "PER", "李明", "import", 0.9)],
            doc_labels={"topic": "技能与创新"},
            time_spent={"importer": 42.5},
        ),
        AnnotatedDocument(Document(id="p2-2", text=SECOND, title="王芳：为职工办实事", kind="news")),
        # the importer's flag, which the merge below carries over to the merged document
        AnnotatedDocument(
            Document(
                id="p2-3",
                text=THIRD,
                title="",
                kind="brief",
                meta={"flags": [{"kind": "no_headline", "offset": 0, "confidence": 0.5,
                                 "message": "no headline was found for this text; it may belong to another article"}]},
            )
        ),
    ]
    body = json.dumps([d.document.text for d in documents], ensure_ascii=False).encode("utf-8")
    return SourceFile(
        path="/data/pages/gongren-2021-03-09-p2.txt",
        name="gongren-2021-03-09-p2.txt",
        sha256=hashlib.sha256(body).hexdigest(),
        size=len(body),
        format="page",
        encoding="gb18030",
        documents=documents,
        notes=["repaired 1 OCR character"],
    )


def _fill(store: Store) -> None:
    """Every kind of data the released Store could hold, through its own API."""
    store.set_setting("export.default_format", "jsonl")
    store.import_source(_source())
    store.set_annotator("reviewer-a")
    # candidates in every state
    store.replace_candidates(
        {
            "p2-1": [
                Candidate("p2-1", PAGE.index("李明"), PAGE.index("李明") + 2, "PER", "李明", "rules", 0.8),
                Candidate("p2-1", PAGE.index("主席"), PAGE.index("主席") + 2, "TITLE", "主席", "rules", 0.7),
                Candidate("p2-1", PAGE.index("8500元"), PAGE.index("8500元") + 5, "MONEY", "8500元", "rules", 0.95),
                Candidate("p2-1", PAGE.index("3月8日"), PAGE.index("3月8日") + 4, "DATE", "3月8日", "rules", 0.6),
            ],
            "p2-2": [
                Candidate("p2-2", 0, 6, "ORG", "洛阳市总工会", "gazetteer", 0.85),
                Candidate("p2-2", SECOND.index("王芳"), SECOND.index("王芳") + 2, "PER", "王芳", "rules", 0.9),
            ],
        }
    )
    by_text = {(c.doc_id, c.text): c for d in ("p2-1", "p2-2") for c in store.candidates(d)}
    person = store.accept_candidate(by_text[("p2-1", "李明")].id)
    store.reject_candidate(by_text[("p2-1", "3月8日")].id)
    store.accept_candidate(by_text[("p2-2", "洛阳市总工会")].id)
    assert {c.state for c in store.candidates("p2-1")} == set(CandidateState)
    # manual work: an entity, a relation, a document label, time, a status
    title = store.add_entity("p2-1", PAGE.index("主席"), PAGE.index("主席") + 2, "TITLE")
    store.add_relation(person.id, title.id, "has_title")
    store.add_relation(person.id, 2, "works_at")
    store.set_doc_label("p2-2", "topic", "职工服务")
    store.add_time("p2-1", 95.0)
    store.set_status("p2-1", Status.DONE)
    # a deleted entity: its id must stay unused (AUTOINCREMENT) after migrating
    store.delete_entity(store.add_entity("p2-2", SECOND.index("王芳"), SECOND.index("王芳") + 2, "PER").id)
    # a segmentation edit: the brief is merged into the document before it
    store.set_annotator("reviewer-b")
    store.merge_documents("p2-2", "p2-3")
    store.add_time("p2-2", 12.25)


def build(folder: Path, version: int) -> Path:
    path = folder / f"v{version}.db"
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    all_migrations = list(migrations.registered)
    # Cut the released migration list after the version wanted, as a project made by a
    # release with only those migrations would be.
    migrations.registered[:] = all_migrations[:version]
    try:
        with Store(path, annotator="importer") as store:
            assert store.version == version
            _fill(store)
            assert store.check() == [], store.check()
            store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        migrations.registered[:] = all_migrations
    conn = sqlite3.connect(path)
    try:
        expected = {
            "user_version": conn.execute("PRAGMA user_version").fetchone()[0],
            "migrations": [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY name")],
            "tables": {
                table: [list(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}")]
                for table, order in DATA_TABLES.items()
            },
        }
    finally:
        conn.close()
    (folder / f"v{version}.expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return path


def main() -> None:
    _check_released_code()
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
    for version in range(1, len(RELEASED_MIGRATIONS) + 1):
        print(build(folder, version))


if __name__ == "__main__":
    main()
