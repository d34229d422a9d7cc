"""The project database: migrations, transactions, the event log, and the annotation operations."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.errors import DatabaseError, InputError, NotFoundError, SchemaError
from annotator.model import AnnotatedDocument, Candidate, CandidateState, Document, SourceFile, Status
from annotator.store import Store
from annotator.store import migrations as store_migrations
from annotator.store.sqlite_utils_loader import load_sqlite_utils

TEXT = "浙江省嘉兴市嘉善县姚庄镇总工会专职副主席张萍告诉记者。"


def add_doc(store: Store, doc_id: str = "d1", text: str = TEXT, sha: str = "sha-1") -> str:
    source = SourceFile(path=f"{doc_id}.txt", name=f"{doc_id}.txt", sha256=sha, size=len(text), format="text")
    source.documents.append(AnnotatedDocument(Document(id=doc_id, text=text, title="标题")))
    report = store.documents.import_source(source)
    assert report.outcome == "imported"
    return doc_id


def table_counts(store: Store) -> dict[str, int]:
    return {
        table: store.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("documents", "entities", "relations", "candidates", "events")
    }


# --- opening and migrating ------------------------------------------------------------


def test_new_database_is_migrated_to_the_latest_version(db_path):
    with Store(db_path) as store:
        assert store.version == len(store_migrations.known_names())
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == store.version
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        tables = {name for (name,) in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"documents", "entities", "relations", "candidates", "events", "annotators"} <= tables
        assert store_migrations.applied_names(store.db.conn) == store_migrations.known_names()
        # read as sqlite-utils, which records them, reads them
        sqlite_utils = load_sqlite_utils()
        recorded = store_migrations.migration_set().applied(sqlite_utils.Database(store.db.conn))
        assert [m.name for m in recorded] == store_migrations.known_names()


def test_reopening_applies_nothing_twice_and_keeps_data(db_path):
    with Store(db_path, annotator="a") as store:
        add_doc(store)
    with Store(db_path, annotator="b") as store:
        assert store.documents.count() == 1
        assert store.settings.annotators() == ["a", "b"]
        assert store_migrations.applied_names(store.db.conn) == store_migrations.known_names()


def test_new_database_gets_a_copy_of_the_default_schema(fresh_store):
    assert fresh_store.schema.current.entity_names == ["PER", "ORG", "LOC", "TITLE", "DATE", "MONEY", "WORK"]
    assert fresh_store.events.find(action="schema.install")


def test_a_file_that_is_not_a_database_is_refused_by_name(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is a text file, not SQLite" * 100)
    with pytest.raises(DatabaseError, match="notes.db: not an SQLite database"):
        Store(path)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(DatabaseError, match="is a folder"):
        Store(tmp_path)


def test_another_programs_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="not an Annotator project"):
        Store(path)


def test_a_database_from_a_newer_version_is_refused(db_path):
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        (store_migrations.MIGRATION_SET, "9999_from_the_future", "2030-01-01"),
    )
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="newer version of Annotator"):
        Store(db_path)


def test_a_locked_database_says_so(db_path, monkeypatch):
    Store(db_path).close()
    monkeypatch.setenv("ANNOTATOR_BUSY_TIMEOUT_MS", "50")
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseError, match="locked by another program"):
            with Store(db_path) as store:
                add_doc(store)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


# --- transactions ------------------------------------------------------------------------


def test_an_error_inside_a_transaction_rolls_everything_back(fresh_store):
    add_doc(fresh_store)
    before = table_counts(fresh_store)
    with pytest.raises(RuntimeError):
        with fresh_store.transaction():
            fresh_store.annotations.add_entity("d1", 0, 3, "LOC")
            fresh_store.annotations.add_entity("d1", 3, 6, "LOC")
            raise RuntimeError("boom")
    assert table_counts(fresh_store) == before
    assert fresh_store.annotations.entities("d1") == []


def test_a_failing_inner_step_rolls_back_only_itself(fresh_store):
    add_doc(fresh_store)
    with fresh_store.transaction():
        fresh_store.annotations.add_entity("d1", 0, 3, "LOC")
        with pytest.raises(SchemaError):
            fresh_store.annotations.add_entity("d1", 3, 6, "NOPE")
    assert [e.text for e in fresh_store.annotations.entities("d1")] == ["浙江省"]


def test_an_import_with_a_bad_document_writes_nothing(fresh_store):
    source = SourceFile(path="p.jsonl", name="p.jsonl", sha256="abc", size=1, format="jsonl")
    good = AnnotatedDocument(Document(id="ok", text=TEXT))
    bad = AnnotatedDocument(Document(id="bad", text="另一篇文章"))
    from annotator.model import Entity

    bad.entities.append(Entity("bad", 0, 2, "FOO", "另一", id=1))
    source.documents += [good, bad]
    with pytest.raises(SchemaError, match="p.jsonl: document bad, entity 1 .* label 'FOO'"):
        fresh_store.documents.import_source(source)
    assert fresh_store.documents.count() == 0
    assert fresh_store.documents.sources() == []


def test_importing_the_same_bytes_twice_changes_nothing(fresh_store):
    add_doc(fresh_store)
    events = len(fresh_store.events.find())
    source = SourceFile(path="again.txt", name="again.txt", sha256="sha-1", size=1, format="text")
    source.documents.append(AnnotatedDocument(Document(id="other", text="完全不同")))
    report = fresh_store.documents.import_source(source)
    assert report.outcome == "unchanged"
    assert fresh_store.documents.count() == 1
    assert len(fresh_store.events.find()) == events


def test_the_same_text_from_another_file_is_skipped_not_duplicated(fresh_store):
    add_doc(fresh_store)
    source = SourceFile(path="copy.txt", name="copy.txt", sha256="sha-2", size=1, format="text")
    source.documents.append(AnnotatedDocument(Document(id="d2", text=TEXT)))
    report = fresh_store.documents.import_source(source)
    assert report.documents == 0
    assert report.skipped == ["copy.txt: document d2: same text as document d1"]



def test_duplicates_inside_one_file_are_caught_as_each_document_is_taken(fresh_store):
    """The file's lookups are made once for the whole file: a document repeated further down the same file
    is still skipped, by id or by text, naming the copy taken first, and positions stay consecutive."""
    add_doc(fresh_store)
    source = SourceFile(path="many.txt", name="many.txt", sha256="sha-3", size=1, format="text")
    for doc_id, text in [
        ("a", "第一篇文章的正文。"),
        ("d1", TEXT),  # an id the project holds, with its text
        ("b", "第二篇文章的正文。"),
        ("a", "第一篇文章的正文。"),  # taken a moment ago, same text
        ("a", "同一个编号，另一段正文。"),  # taken a moment ago, another text
        ("c", "第二篇文章的正文。"),  # the text of b
        ("e", TEXT),  # the text of d1
        ("f", "第三篇文章的正文。"),
    ]:
        source.documents.append(AnnotatedDocument(Document(id=doc_id, text=text)))
    report = fresh_store.documents.import_source(source)
    assert report.doc_ids == ["a", "b", "f"]
    assert report.skipped == [
        "many.txt: document d1: already in the project",
        "many.txt: document a: already in the project",
        "many.txt: document a: a different document with this id is already in the project",
        "many.txt: document c: same text as document b",
        "many.txt: document e: same text as document d1",
    ]
    ids = fresh_store.documents.ids()
    assert ids == ["d1", "a", "b", "f"]
    assert [fresh_store.documents.get(doc_id).position for doc_id in ids] == [1, 2, 3, 4]
    imported = [e.doc_id for e in fresh_store.events.find(action="document.import")]
    assert imported == ["d1", "a", "b", "f"]
    assert fresh_store.documents.sources()[-1]["documents"] == 3


def test_documents_with_and_without_annotations_go_in_together_in_file_order(fresh_store):
    from annotator.model import Entity

    source = SourceFile(path="mixed.jsonl", name="mixed.jsonl", sha256="sha-4", size=1, format="jsonl")
    plain = AnnotatedDocument(Document(id="plain", text="没有标注的文章。"))
    annotated = AnnotatedDocument(Document(id="annotated", text=TEXT))
    annotated.entities.append(Entity("annotated", 0, 3, "LOC", "浙江省", id=1))
    labelled = AnnotatedDocument(Document(id="labelled", text="另一篇没有实体的文章。"))
    labelled.time_spent = {"tester": 12.5}
    last = AnnotatedDocument(Document(id="last", text="最后一篇文章。"))
    source.documents += [plain, annotated, labelled, last]
    report = fresh_store.documents.import_source(source)
    assert (report.documents, report.entities) == (4, 1)
    assert fresh_store.documents.ids() == ["plain", "annotated", "labelled", "last"]
    assert [e.text for e in fresh_store.annotations.entities("annotated")] == ["浙江省"]
    assert fresh_store.documents.annotated("labelled").time_spent == {"tester": 12.5}


# --- the event log ---------------------------------------------------------------------------


def test_every_annotation_action_is_logged_with_before_and_after(fresh_store):
    add_doc(fresh_store)
    person = fresh_store.annotations.add_entity("d1", 20, 22, "PER")
    org = fresh_store.annotations.add_entity("d1", 9, 15, "ORG")
    fresh_store.annotations.update_entity(org.id, start=0)
    relation = fresh_store.annotations.add_relation(person.id, org.id, "works_at")
    fresh_store.annotations.delete_relation(relation.id)
    fresh_store.documents.set_status("d1", Status.DONE)

    log = [(e.action, e.annotator) for e in fresh_store.events.find(doc_id="d1")]
    assert log == [
        ("document.import", "tester"),
        ("entity.add", "tester"),
        ("document.status", "tester"),  # todo -> in_progress on the first annotation
        ("entity.add", "tester"),
        ("entity.update", "tester"),
        ("relation.add", "tester"),
        ("relation.delete", "tester"),
        ("document.status", "tester"),
    ]
    update = fresh_store.events.find(action="entity.update")[0]
    assert (update.before["start"], update.before["text"]) == (9, "姚庄镇总工会")
    assert (update.after["start"], update.after["text"]) == (0, "浙江省嘉兴市嘉善县姚庄镇总工会")
    status = fresh_store.events.find(action="document.status")[-1]
    assert status.before == {"status": "in_progress", "reason": ""}
    assert status.after == {"status": "done", "reason": ""}


def test_the_event_log_cannot_be_rewritten(fresh_store):
    add_doc(fresh_store)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        fresh_store.db.conn.execute("UPDATE events SET annotator = 'mallory'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        fresh_store.db.conn.execute("DELETE FROM events")


# --- entities, relations and their inverses -------------------------------------------------


def test_entities_take_their_text_from_the_document(fresh_store):
    add_doc(fresh_store)
    entity = fresh_store.annotations.add_entity("d1", 0, 3, "LOC")
    assert (entity.text, entity.annotator, entity.origin) == ("浙江省", "tester", "manual")
    assert fresh_store.documents.get("d1").status is Status.IN_PROGRESS


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [(5, 5, "not inside the text"), (-1, 2, "not inside the text"), (0, 999, "not inside the text")],
)
def test_bad_spans_are_refused_with_the_document_named(fresh_store, start, end, message):
    add_doc(fresh_store)
    with pytest.raises(InputError, match=f"document d1: span {start}-{end} is {message}"):
        fresh_store.annotations.add_entity("d1", start, end, "LOC")


def test_unknown_labels_and_documents_are_refused(fresh_store):
    add_doc(fresh_store)
    with pytest.raises(SchemaError, match="unknown entity label 'PLACE'"):
        fresh_store.annotations.add_entity("d1", 0, 3, "PLACE")
    with pytest.raises(NotFoundError, match="no document with id 'nope'"):
        fresh_store.annotations.add_entity("nope", 0, 3, "LOC")


def test_the_same_span_and_label_cannot_be_added_twice(fresh_store):
    add_doc(fresh_store)
    fresh_store.annotations.add_entity("d1", 0, 3, "LOC")
    with pytest.raises(InputError, match="already labelled LOC"):
        fresh_store.annotations.add_entity("d1", 0, 3, "LOC")
    # nested and overlapping spans with other boundaries are fine
    fresh_store.annotations.add_entity("d1", 0, 6, "LOC")


def test_deleting_an_entity_takes_its_relations_and_restoring_brings_all_back(fresh_store):
    add_doc(fresh_store)
    person = fresh_store.annotations.add_entity("d1", 20, 22, "PER")
    org = fresh_store.annotations.add_entity("d1", 9, 15, "ORG")
    title = fresh_store.annotations.add_entity("d1", 15, 20, "TITLE")
    works = fresh_store.annotations.add_relation(person.id, org.id, "works_at")
    holds = fresh_store.annotations.add_relation(person.id, title.id, "has_title")

    deleted = fresh_store.annotations.delete_entity(person.id)
    assert [r.id for r in deleted.relations] == [works.id, holds.id]
    assert fresh_store.annotations.relations("d1") == []

    fresh_store.annotations.restore_entity(deleted)
    assert fresh_store.annotations.entity(person.id) == person
    assert fresh_store.annotations.relations("d1") == [works, holds]


def test_relations_obey_the_schema(fresh_store):
    add_doc(fresh_store)
    person = fresh_store.annotations.add_entity("d1", 20, 22, "PER")
    place = fresh_store.annotations.add_entity("d1", 0, 3, "LOC")
    with pytest.raises(SchemaError, match="works_at' goes from PER to ORG, not from PER to LOC"):
        fresh_store.annotations.add_relation(person.id, place.id, "works_at")
    org = fresh_store.annotations.add_entity("d1", 9, 15, "ORG")
    fresh_store.annotations.add_relation(person.id, org.id, "works_at")
    with pytest.raises(InputError, match="already related by works_at"):
        fresh_store.annotations.add_relation(person.id, org.id, "works_at")
    with pytest.raises(SchemaError, match="cannot relabel entity"):
        fresh_store.annotations.update_entity(org.id, label="LOC")


def test_update_entity_and_set_entity_are_inverses(fresh_store):
    add_doc(fresh_store)
    entity = fresh_store.annotations.add_entity("d1", 9, 15, "ORG")
    before, after = fresh_store.annotations.update_entity(entity.id, start=6, end=12, label="LOC")
    assert after.text == "嘉善县姚庄镇"
    fresh_store.annotations.set_entity(before)
    assert fresh_store.annotations.entity(entity.id) == entity


# --- candidates --------------------------------------------------------------------------------


def suggestion(start: int, end: int, label: str, text: str = TEXT, source: str = "rule:test") -> Candidate:
    return Candidate("d1", start, end, label, text[start:end], source, 0.8)


def test_accepting_a_candidate_creates_an_entity_and_reset_undoes_it(fresh_store):
    add_doc(fresh_store)
    fresh_store.candidates.replace({"d1": [suggestion(0, 3, "LOC"), suggestion(20, 22, "PER")]})
    first, second = fresh_store.candidates.for_document("d1")
    entity = fresh_store.candidates.accept(first.id)
    assert (entity.text, entity.label, entity.origin) == ("浙江省", "LOC", "candidate:rule:test")
    assert fresh_store.candidates.get(first.id).state is CandidateState.ACCEPTED

    fresh_store.candidates.reset(first.id)
    assert fresh_store.annotations.entities("d1") == []
    assert fresh_store.candidates.get(first.id).state is CandidateState.PENDING

    fixed = fresh_store.candidates.accept(second.id, label="PER", start=19)
    assert (fixed.text, fixed.start, fixed.end) == ("席张萍", 19, 22)


def test_rejected_text_is_never_suggested_again_in_that_document(fresh_store):
    add_doc(fresh_store)
    fresh_store.candidates.replace({"d1": [suggestion(20, 22, "PER")]})
    (candidate,) = fresh_store.candidates.for_document("d1")
    fresh_store.candidates.reject(candidate.id)
    stored = fresh_store.candidates.replace({"d1": [suggestion(20, 22, "PER"), suggestion(0, 3, "LOC")]})
    assert stored == 1
    assert [(c.text, c.state.value) for c in fresh_store.candidates.for_document("d1")] == [
        ("浙江省", "pending"),
        ("张萍", "rejected"),
    ]
    assert fresh_store.candidates.rejection_counts() == {("张萍", "PER"): 1}


def test_a_refresh_keeps_the_ids_of_candidates_suggested_again(fresh_store):
    add_doc(fresh_store)
    fresh_store.candidates.replace({"d1": [suggestion(0, 3, "LOC"), suggestion(20, 22, "PER")]})
    kept, dropped = fresh_store.candidates.for_document("d1")
    again = Candidate("d1", 0, 3, "LOC", "浙江省", "gazetteer", 0.95)
    stored = fresh_store.candidates.replace({"d1": [again, suggestion(3, 6, "LOC")]})
    assert stored == 2  # one updated, one new
    after = fresh_store.candidates.for_document("d1")
    assert [(c.id == kept.id, c.text, c.source, c.score) for c in after] == [
        (True, "浙江省", "gazetteer", 0.95),
        (False, "嘉兴市", "rule:test", 0.8),
    ]
    assert dropped.id not in {c.id for c in after}


def test_suggestions_that_do_not_match_the_text_are_refused(fresh_store):
    add_doc(fresh_store)
    wrong = Candidate("d1", 0, 3, "LOC", "北京市", "rule:test", 0.5)
    with pytest.raises(InputError, match="does not match the text at 0-3"):
        fresh_store.candidates.replace({"d1": [wrong]})


def test_deleting_an_accepted_entity_rejects_its_candidate(fresh_store):
    add_doc(fresh_store)
    fresh_store.candidates.replace({"d1": [suggestion(0, 3, "LOC")]})
    (candidate,) = fresh_store.candidates.for_document("d1")
    entity = fresh_store.candidates.accept(candidate.id)
    deleted = fresh_store.annotations.delete_entity(entity.id)
    assert fresh_store.candidates.get(candidate.id).state is CandidateState.REJECTED
    fresh_store.annotations.restore_entity(deleted)
    assert fresh_store.candidates.get(candidate.id).state is CandidateState.ACCEPTED


# --- status, labels, time, schema ------------------------------------------------------------


def test_status_doc_labels_and_time(fresh_store):
    add_doc(fresh_store)
    assert fresh_store.documents.set_status("d1", "skipped", "not an article") == (Status.TODO, "")
    assert fresh_store.documents.get("d1").status_reason == "not an article"
    assert fresh_store.annotations.set_doc_label("d1", "topic", "劳动权益") is None
    assert fresh_store.annotations.set_doc_label("d1", "topic", None) == "劳动权益"
    with pytest.raises(SchemaError, match="has no value '天气'"):
        fresh_store.annotations.set_doc_label("d1", "topic", "天气")
    fresh_store.annotations.add_time("d1", 12.5)
    fresh_store.annotations.add_time("d1", 2.5)
    assert fresh_store.annotations.time_spent("d1") == {"tester": 15.0}


def test_next_unfinished_follows_reading_order_and_wraps(fresh_store):
    for n in range(3):
        add_doc(fresh_store, doc_id=f"d{n}", text=f"{TEXT}{n}", sha=f"s{n}")
    fresh_store.documents.set_status("d1", Status.DONE)
    assert fresh_store.documents.next_unfinished("d0") == "d2"
    assert fresh_store.documents.next_unfinished("d2") == "d0"
    assert fresh_store.documents.next_unfinished() == "d0"


def test_renaming_a_label_carries_annotations_along(fresh_store):
    add_doc(fresh_store)
    fresh_store.annotations.add_entity("d1", 0, 3, "LOC")
    fresh_store.candidates.replace({"d1": [suggestion(3, 6, "LOC")]})
    fresh_store.schema.rename_entity_label("LOC", "GPE")
    assert [e.label for e in fresh_store.annotations.entities("d1")] == ["GPE"]
    assert [c.label for c in fresh_store.candidates.for_document("d1")] == ["GPE"]
    assert fresh_store.schema.current.relation("located_in").heads == ("ORG", "GPE")
    with Store(fresh_store.path) as reopened:
        assert "GPE" in reopened.schema.current.entity_names


def test_a_schema_that_drops_a_used_label_is_refused(fresh_store):
    add_doc(fresh_store)
    fresh_store.annotations.add_entity("d1", 0, 3, "LOC")
    smaller = fresh_store.schema.current.without_relation("located_in").without_entity("LOC")
    with pytest.raises(SchemaError, match="drops entity label 'LOC', which 1 entities use"):
        fresh_store.schema.set(smaller)
    assert "LOC" in fresh_store.schema.current.entity_names


def test_check_finds_an_entity_that_no_longer_fits_its_text(fresh_store):
    add_doc(fresh_store)
    fresh_store.annotations.add_entity("d1", 0, 3, "LOC")
    assert fresh_store.check() == []
    fresh_store.db.conn.execute("UPDATE documents SET text = '北京' || substr(text, 3) WHERE id = 'd1'")
    problems = fresh_store.check()
    assert len(problems) == 1
    assert "does not match the text at 0-3" in problems[0]


def test_stats_count_by_status_label_and_annotator(fresh_store):
    add_doc(fresh_store)
    fresh_store.annotations.add_entity("d1", 0, 3, "LOC")
    fresh_store.set_annotator("second")
    fresh_store.annotations.add_entity("d1", 20, 22, "PER")
    stats = fresh_store.stats()
    assert stats["documents"]["in_progress"] == 1
    assert stats["entities"] == {"total": 2, "by_label": {"LOC": 1, "PER": 1}}
    assert stats["annotators"]["tester"]["entities"] == 1
    assert stats["annotators"]["second"]["entities"] == 1


def test_opening_the_store_does_not_import_pandas_but_leaves_it_importable():
    import subprocess
    import sys

    # No module is left as a blocking None entry, so a later `import pandas` works.
    script = (
        "import sys, annotator.store\n"
        "print([name in sys.modules for name in ('pandas', 'numpy')])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[False, False]"


def test_opening_an_up_to_date_project_does_not_import_sqlite_utils(db_path):
    import subprocess
    import sys

    Store(db_path).close()  # created (and migrated) here
    # sqlite-utils (with click, dateutil, pluggy) is for applying migrations; opening costs start-up time without it.
    script = (
        "import sys\n"
        "from annotator.store import Store\n"
        f"with Store({str(db_path)!r}) as store:\n"
        "    print(store.documents.count(), 'sqlite_utils' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "False"]


def test_the_change_marker_notices_writes_from_this_and_other_connections(fresh_store):
    add_doc(fresh_store)
    quiet = fresh_store.change_marker()
    assert fresh_store.change_marker() == quiet
    fresh_store.annotations.add_entity("d1", 0, 3, "LOC")
    mine = fresh_store.change_marker()
    assert mine != quiet
    with Store(fresh_store.path, annotator="other") as other:
        other.annotations.add_entity("d1", 3, 6, "LOC")
    assert fresh_store.change_marker() != mine
    fresh_store.close()
    assert fresh_store.closed
