"""Build the fixture project of schema version 7, with the code of the release that brought it.

RUN THIS AGAINST THAT RELEASE'S CODE, never against a later working tree: a
fixture must be what the released program wrote, not what newer code would
write. Version 7 is the first released schema after 4: migrations
0005_teams, 0006_models and 0007_candidates_due ship together, so there is
no v5 or v6 fixture. The release's commit is named in README.md:

    git -C /path/to/annotator archive <commit> | tar -x -C /tmp/released-v7
    PYTHONPATH=/tmp/released-v7 python tests/data/migrations/build_fixture_v7.py tests/data/migrations

It creates ``v7.db`` through that release's per-aggregate ``Store`` API and
its team and learning services, holding the small project of v1-v4 (built the
same way, through today's API) plus what 0005-0007 added: assignments to two
annotators with an overlap, their packages merged back as versions, an
adjudicated document, a learned model with the documents' uncertainty, and a
document an interrupted import still owes its candidates. Next to it
``v7.expected.json``: every row of the data tables, which
tests/test_migration_fixtures.py compares after migrating a copy to the
current version. The script refuses to run on code whose schema is not
version 7 (this file speaks that release's API and stays as it is; a later
release adds its own builder).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

from annotator.learning.crf import CrfSettings
from annotator.learning.project import train_project
from annotator.learning.settings import TrainingSettings
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
from annotator.team import adjudication, packages
from annotator.team.merging import merge

VERSION = 7
RELEASED_MIGRATIONS = [
    "0001_initial",
    "0002_search_index",
    "0003_document_list_indexes",
    "0004_events_by_action",
    "0005_teams",
    "0006_models",
    "0007_candidates_due",
]
# Rows compared after migrating, in a stable order: those of v1-v4, then the tables 0005-0007
# added. ``_sqlite_migrations`` is left out (migrating adds rows to it), and so are the search
# tables (a cache rebuilt from documents). BLOBs are written as "sha256:<hex digest>".
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
    "assignments": "doc_id, annotator",
    "package_documents": "doc_id",
    "versions": "doc_id, annotator",
    "version_entities": "doc_id, annotator, key",
    "version_relations": "doc_id, annotator, key",
    "version_doc_labels": "doc_id, annotator, name",
    "adjudications": "doc_id",
    "models": "id",
    "document_uncertainty": "doc_id",
    "candidates_due": "doc_id",
}

# The page of v1-v4: 工人日报 as OCR gives it, with a line break inside a paragraph, a
# character outside the BMP (𠮷, U+20BB7) and an OCR slip (工仝 for 工会) that the importer
# repaired in ``text`` while ``raw_text`` keeps it.
PAGE = (
    "本报讯（记者张建华）3月8日，河南省洛阳市涧西区总工会在𠮷利街道举办技能大赛，"
    "主席李明出席并讲话。\n"
    "大赛吸引了来自洛阳市各企业的120名职工参加，奖金总额8500元。"
)
SECOND = "洛阳市总工会副主席王芳表示，将继续为职工办实事。"
THIRD = "简讯：嘉善县工会开展送清凉活动。"
# A second page, split between two annotators (t-1 given to both), and learnt from.
TEAM_PAGE = {
    "t-1": "全国总工会副主席刘强在北京会见了上海市总工会代表团。",
    "t-2": "浙江省总工会在杭州召开职工代表大会，主席陈红出席。",
    "t-3": "广州市工会为环卫工人送去清凉饮品，副主席赵敏到场慰问。",
    "t-4": "南京市总工会表彰了一百名优秀职工，主席孙伟颁奖。",
}
# Each annotator's work in their package: {document: [(text, label)]}; each document is then done.
PACKAGE_WORK = {
    "alice": {
        "t-1": [("刘强", "PER"), ("北京", "LOC"), ("上海市总工会", "ORG"), ("副主席", "TITLE")],
        "t-2": [("浙江省总工会", "ORG"), ("杭州", "LOC"), ("陈红", "PER"), ("主席", "TITLE")],
    },
    "bob": {
        "t-1": [("全国总工会", "ORG"), ("刘强", "PER"), ("北京", "LOC")],
        "t-3": [("广州市工会", "ORG"), ("赵敏", "PER"), ("副主席", "TITLE")],
    },
}
# A page whose import was interrupted after its documents were stored, before their candidates.
OWED = "简讯：苏州市工会举办职工运动会。"


def _check_release() -> None:
    if migrations.known_names() != RELEASED_MIGRATIONS:
        sys.exit(
            f"build_fixture_v7.py must run against the code of the release with schema version {VERSION}, whose "
            "migrations are exactly "
            + ", ".join(RELEASED_MIGRATIONS)
            + " (this code has "
            + ", ".join(migrations.known_names())
            + "); see this file's docstring and README.md"
        )


def _source_file(path: str, documents: list[AnnotatedDocument], fmt: str) -> SourceFile:
    body = json.dumps([d.document.text for d in documents], ensure_ascii=False).encode("utf-8")
    return SourceFile(
        path=f"/data/pages/{path}",
        name=path,
        sha256=hashlib.sha256(body).hexdigest(),
        size=len(body),
        format=fmt,
        encoding="utf-8",
        documents=documents,
    )


def _first_page() -> SourceFile:
    """The page of v1-v4, with provenance, a repaired raw text and the importer's entities."""
    raw_page = PAGE.replace("总工会在", "总工仝在")
    split_at = PAGE.index("\n")
    name = "pages/gongren-2021-03-09-p2.txt"
    provenance = Provenance(
        file=name,
        sha256=hashlib.sha256(raw_page.encode("utf-8")).hexdigest(),
        encoding="gb18030",
        pieces=[
            Piece(0, split_at, name, 40, 40 + split_at),
            Piece(split_at + 1, len(PAGE), name, 40 + split_at + 2, 40 + len(PAGE) + 1),
        ],
    )
    org, loc = "河南省洛阳市涧西区总工会", "河南省洛阳市涧西区"
    org_start = PAGE.index(org)

    def at(text: str, label: str, entity_id: int, start: int | None = None) -> Entity:
        start = PAGE.index(text) if start is None else start
        return Entity("p2-1", start, start + len(text), label, text, id=entity_id, annotator="importer")

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
            # nested: the place inside the organisation's name
            entities=[
                at("张建华", "PER", 1),
                at(org, "ORG", 2, org_start),
                at(loc, "LOC", 3, org_start),
                at("𠮷利街道", "LOC", 4),
            ],
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
                meta={
                    "flags": [
                        {
                            "kind": "no_headline",
                            "offset": 0,
                            "confidence": 0.5,
                            "message": "no headline was found for this text; it may belong to another article",
                        }
                    ]
                },
            )
        ),
    ]
    source = _source_file("gongren-2021-03-09-p2.txt", documents, "page")
    source.encoding = "gb18030"
    source.notes = ["repaired 1 OCR character"]
    return source


def _span(text: str, part: str, label: str, doc_id: str) -> Candidate:
    start = text.index(part)
    return Candidate(doc_id, start, start + len(part), label, part, "rules", 0.8)


def _fill_v4_kind(store: Store) -> None:
    """What v1-v4 hold, through today's API."""
    store.settings.set("export.default_format", "jsonl")
    store.documents.import_source(_first_page())
    store.set_annotator("reviewer-a")
    store.candidates.replace(
        {
            "p2-1": [
                _span(PAGE, "李明", "PER", "p2-1"),
                _span(PAGE, "主席", "TITLE", "p2-1"),
                _span(PAGE, "8500元", "MONEY", "p2-1"),
                _span(PAGE, "3月8日", "DATE", "p2-1"),
            ],
            "p2-2": [
                Candidate("p2-2", 0, 6, "ORG", "洛阳市总工会", "gazetteer", 0.85),
                _span(SECOND, "王芳", "PER", "p2-2"),
            ],
        }
    )
    by_text = {(c.doc_id, c.text): c for d in ("p2-1", "p2-2") for c in store.candidates.for_document(d)}
    person = store.candidates.accept(by_text[("p2-1", "李明")].id)
    store.candidates.reject(by_text[("p2-1", "3月8日")].id)
    store.candidates.accept(by_text[("p2-2", "洛阳市总工会")].id)
    assert {c.state for c in store.candidates.for_document("p2-1")} == set(CandidateState)
    title = store.annotations.add_entity("p2-1", PAGE.index("主席"), PAGE.index("主席") + 2, "TITLE")
    store.annotations.add_relation(person.id, title.id, "has_title")
    store.annotations.add_relation(person.id, 2, "works_at")
    store.annotations.set_doc_label("p2-2", "topic", "职工服务")
    store.annotations.add_time("p2-1", 95.0)
    store.documents.set_status("p2-1", Status.DONE)
    # a deleted entity: its id must stay unused (AUTOINCREMENT) after migrating
    wang = SECOND.index("王芳")
    store.annotations.delete_entity(store.annotations.add_entity("p2-2", wang, wang + 2, "PER").id)
    # a segmentation edit: the brief is merged into the document before it
    store.set_annotator("reviewer-b")
    store.segmentation.merge("p2-2", "p2-3")
    store.annotations.add_time("p2-2", 12.25)


def _team_round(path: Path, scratch: Path) -> None:
    """The second page split between alice and bob (t-1 to both), packed, annotated, merged back."""
    with Store(path, annotator="lead") as store:
        documents = [
            AnnotatedDocument(Document(id=doc_id, text=text, title="", kind="news"))
            for doc_id, text in TEAM_PAGE.items()
        ]
        store.documents.import_source(_source_file("gongren-2021-03-10-p3.txt", documents, "page"))
        store.assignments.assign({"t-1": ["alice", "bob"], "t-2": ["alice"], "t-3": ["bob"]})
        for who in PACKAGE_WORK:
            packages.pack(store, who, scratch / f"{who}.annotator")
    for who, work in PACKAGE_WORK.items():
        with Store(scratch / f"{who}.annotator", annotator=who) as package:
            for doc_id, spans in work.items():
                text = TEAM_PAGE[doc_id]
                made = {}
                for part, label in spans:
                    made[label] = package.annotations.add_entity(
                        doc_id, text.index(part), text.index(part) + len(part), label
                    )
                if "PER" in made and "TITLE" in made:
                    package.annotations.add_relation(made["PER"].id, made["TITLE"].id, "has_title")
                package.annotations.set_doc_label(doc_id, "topic", "工会建设")
                package.annotations.add_time(doc_id, 30.0)
                package.documents.set_status(doc_id, Status.DONE)
    merge(path, [scratch / "alice.annotator", scratch / "bob.annotator"], annotator="lead")


def _adjudicate_and_learn(store: Store) -> None:
    # t-1, annotated by both, adjudicated: alice's version taken as gold
    versions = store.versions.of_document("t-1")
    assert sorted(versions) == ["alice", "bob"], versions
    store.layers.replace(adjudication.take_version(versions, "alice"))
    adjudication.settle(store, "t-1")
    # a tiny model, learnt from the finished documents, which measures the unfinished ones' uncertainty
    settings = TrainingSettings(
        crf=CrfSettings(max_iterations=20), folds=2, curve_fractions=(0.5,), min_documents=3, min_entities=5
    )
    train_project(store, settings=settings, in_process=True, refresh=True)


def _interrupted_import(store: Store) -> None:
    """An import that stored its page and stopped before the candidates: the document is still owed them."""
    source = _source_file(
        "gongren-2021-03-11-p1.txt", [AnnotatedDocument(Document(id="p1-1", text=OWED, title="", kind="brief"))], "page"
    )
    with store.transaction():
        report = store.documents.import_source(source)
        store.candidates_due.mark(report.doc_ids)


def _blob_safe(value: object) -> object:
    return f"sha256:{hashlib.sha256(value).hexdigest()}" if isinstance(value, bytes) else value


def expected_rows(conn: sqlite3.Connection, table: str, order: str) -> list[list]:
    return [[_blob_safe(v) for v in row] for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}")]


def build(folder: Path) -> Path:
    path = folder / f"v{VERSION}.db"
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    with Store(path, annotator="importer") as store:
        assert store.version == VERSION
        _fill_v4_kind(store)
    with tempfile.TemporaryDirectory(prefix="fixture-v7-") as scratch:
        _team_round(path, Path(scratch))
    with Store(path, annotator="lead") as store:
        _adjudicate_and_learn(store)
        _interrupted_import(store)
        owed = store.candidates_due.owed()
        assert owed == ["p1-1"], owed
        assert store.models.latest_id() is not None and store.models.most_uncertain(["todo", "in_progress"])
        # the one problem ``check`` reports is the document still owed its candidates
        assert store.check() == store.candidates_due.problems(), store.check()
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn = sqlite3.connect(path)
    try:
        conn.execute("VACUUM")
        expected = {
            "user_version": conn.execute("PRAGMA user_version").fetchone()[0],
            "migrations": [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY name")],
            "tables": {table: expected_rows(conn, table, order) for table, order in DATA_TABLES.items()},
        }
    finally:
        conn.close()
    (folder / f"v{VERSION}.expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return path


def main() -> None:
    _check_release()
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
    print(build(folder))


if __name__ == "__main__":
    main()
