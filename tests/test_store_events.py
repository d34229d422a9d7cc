"""Every write to the project appends an event in the same transaction: checked on the SQL itself.

Each public method of every store aggregate is driven on a copy of a small
project while ``sqlite3``'s trace callback records the statements it runs.
The statements are grouped into transactions (BEGIN ... COMMIT, or a lone
statement in autocommit), and a transaction that writes a data table must
also insert into ``events``. Methods that only read must write nothing.
Methods marked ``@step_of_write`` must refuse to run outside a transaction.

The list of methods is taken from the classes, so a new public method that is
not driven here fails ``test_every_public_method_is_driven``: add a driver,
and the event check follows.
"""

from __future__ import annotations

import hashlib
import inspect
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from annotator.model import (
    AnnotatedDocument,
    Candidate,
    CandidateState,
    Document,
    DocumentLayer,
    Entity,
    LayerEntity,
    Relation,
    SourceFile,
    Status,
)
from annotator.project.search import SearchIndex
from annotator.store import Store
from annotator.store.adjudications import Adjudications
from annotator.store.annotations import Annotations
from annotator.store.assignments import Assignments
from annotator.store.candidates import Candidates
from annotator.store.candidates_due import CandidatesDue
from annotator.store.database import Aggregate
from annotator.store.documents import Documents
from annotator.store.events import Events
from annotator.store.layers import Layers
from annotator.store.models import ModelRecord, Models
from annotator.store.schema import ProjectSchema
from annotator.store.search_index import SearchIndexWriter
from annotator.store.segmentation import Segmentation
from annotator.store.settings import Settings
from annotator.store.transfer import Transfers
from annotator.store.versions import Versions

AGGREGATES: dict[str, type] = {
    "documents": Documents,
    "annotations": Annotations,
    "candidates": Candidates,
    "candidates_due": CandidatesDue,
    "segmentation": Segmentation,
    "schema": ProjectSchema,
    "events": Events,
    "settings": Settings,
    "search_index": SearchIndexWriter,
    "assignments": Assignments,
    "versions": Versions,
    "layers": Layers,
    "adjudications": Adjudications,
    "transfers": Transfers,
    "models": Models,
}
# The search index is a cache derived from ``documents`` (see annotator/store/search_index.py);
# ``candidates_due`` is a to-do list (the documents an import still owes their candidates, see
# annotator/store/candidates_due.py), written by the import and the candidates' replacement,
# which log the change; ``events`` is the log itself; ``sqlite_sequence`` is SQLite's
# AUTOINCREMENT bookkeeping.
EXEMPT_TABLES = {"search_docs", "search_queue", "search_fts", "candidates_due", "events", "sqlite_sequence"}

TEXT_A = "记者张三报道：北京市总工会主席李四在𠮷野家发言。"
TEXT_B = "杭州市工会举办技能大赛，王五获得第一名。"


def _source(name: str, *bundles: AnnotatedDocument) -> SourceFile:
    return SourceFile(
        path=name, name=name, sha256=hashlib.sha256(name.encode()).hexdigest(), size=1, format="test",
        documents=list(bundles),
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project with something of every kind: documents, entities, a relation, candidates
    in every state, a document label, time spent."""
    path = tmp_path_factory.mktemp("events") / "template.db"
    with Store(path, annotator="tester") as store:
        store.documents.import_source(
            _source(
                "a.jsonl",
                AnnotatedDocument(
                    Document(id="a", text=TEXT_A, title="甲"),
                    entities=[Entity("a", 2, 4, "PER", "张三", id=1), Entity("a", 7, 13, "ORG", "北京市总工会", id=2)],
                    relations=[Relation("a", "works_at", 1, 2)],
                ),
                AnnotatedDocument(Document(id="b", text=TEXT_B, title="乙")),
                AnnotatedDocument(Document(id="c", text="第三篇文章。\n第二段落在这里。", title="丙")),
            )
        )
        store.candidates.replace(
            {
                "a": [Candidate("a", 15, 17, "PER", "李四", "rules", 0.9), Candidate("a", 13, 15, "TITLE", "主席", "rules", 0.8)],
                "b": [Candidate("b", 0, 3, "LOC", "杭州市", "rules", 0.7), Candidate("b", 12, 14, "PER", "王五", "rules", 0.6)],
            }
        )
        pending = {c.text: c.id for c in store.candidates.for_document("b")}
        store.candidates.accept(pending["王五"])
        store.candidates.reject(pending["杭州市"])
        store.annotations.set_doc_label("a", "topic", "工会建设")
        store.annotations.add_time("a", 12.5)
        SearchIndex(store).sync()
        _trained(store)
    return path


@dataclass
class Driver:
    """``action(store, prepared)`` is traced; ``setup(store)`` runs before, untraced, and prepares its argument."""

    action: Callable[[Store, Any], Any]
    setup: Callable[[Store], Any] = lambda store: None
    writes: bool = True


def _candidate(store: Store, doc_id: str, text: str) -> int:
    return next(c.id for c in store.candidates.for_document(doc_id) if c.text == text)  # type: ignore[misc]


def _schema_with_new_entity(store: Store):
    from annotator.label_schema import EntityLabel

    return store.schema.current.with_entity(EntityLabel("EVENT", "事件", color="#123456"))


def _split_and_undo(store: Store):
    edit = store.segmentation.split("c", 7)
    store.segmentation.undo(edit)
    return edit


def _alices_version(doc_id: str = "b") -> DocumentLayer:
    return DocumentLayer(doc_id, "alice", [LayerEntity(1, 0, 3, "LOC", "杭州市", "alice")], status=Status.DONE)


def _layer_replaced(store: Store):
    return store.layers.replace(DocumentLayer("b", "", [LayerEntity(1, 0, 3, "LOC", "杭州市", "alice")]))


def _replaced_and_undone(store: Store):
    change = _layer_replaced(store)
    store.layers.undo(change)
    return change


def _source_to_pack(store: Store):
    """A copy of the project to pack from; the project under test is emptied to receive the package."""
    source_path = store.path.with_name("source.db")
    shutil.copy(store.path, source_path)
    store.db.conn.execute("DELETE FROM documents")
    store.db.conn.execute("DELETE FROM sources")
    return Store(source_path, annotator="tester")


def _package_to_merge(store: Store):
    from annotator.team import packages

    store.assignments.assign({"a": ["alice"], "b": ["alice"]})
    path = store.path.with_name("alice.annotator")
    packages.pack(store, "alice", path)
    package = Store(path, annotator="alice")
    package.annotations.add_entity("b", 3, 5, "ORG")
    return package


def _trained(store: Store) -> int:
    """A stored model (the bytes only need to look like CRFsuite's to be stored)."""
    record = ModelRecord(b"lCRF" + bytes(60), documents=5, entities=20, labels=("PER", "ORG"), settings={}, metrics={})
    return store.models.add(record).id


READS: dict[str, Callable[[Store], Any]] = {
    "models.summary": lambda s: s.models.summary(_model_id(s)),
    "models.history": lambda s: s.models.history(),
    "models.latest_id": lambda s: s.models.latest_id(),
    "models.current": lambda s: s.models.usable(),
    "models.usable": lambda s: s.models.usable(),
    "models.label_map": lambda s: s.models.label_map(s.models.summary(_model_id(s))),
    "models.last_event_id": lambda s: s.models.last_event_id(),
    "models.uncertainty": lambda s: s.models.uncertainty("a"),
    "models.most_uncertain": lambda s: s.models.most_uncertain(),
    "models.not_measured": lambda s: s.models.not_measured(),
    "assignments.of_annotator": lambda s: s.assignments.of_annotator("alice"),
    "assignments.of_documents": lambda s: s.assignments.of_documents(["a", "b"]),
    "assignments.everything": lambda s: s.assignments.everything(),
    "assignments.counts": lambda s: s.assignments.counts(),
    "assignments.in_team_work": lambda s: s.assignments.in_team_work(["a", "b"]),
    "versions.annotators": lambda s: s.versions.annotators(),
    "versions.info": lambda s: s.versions.info(["a", "b"]),
    "versions.documents": lambda s: s.versions.documents(at_least=1),
    "versions.layers": lambda s: s.versions.layers(["a", "b"]),
    "versions.of_document": lambda s: s.versions.of_document("b"),
    "versions.problems": lambda s: s.versions.problems(s.documents.text),
    "layers.get": lambda s: s.layers.get("a"),
    "layers.of_documents": lambda s: s.layers.of_documents(["a", "b"]),
    "adjudications.get": lambda s: s.adjudications.get("a"),
    "adjudications.everything": lambda s: s.adjudications.everything(),
    "adjudications.pending": lambda s: s.adjudications.pending(),
    "adjudications.of_documents": lambda s: s.adjudications.of_documents(["a", "b"]),
    "documents.get": lambda s: s.documents.get("a"),
    "documents.exists": lambda s: s.documents.exists("a"),
    "documents.existing": lambda s: s.documents.existing(["a", "zz"]),
    "documents.text": lambda s: s.documents.text("a"),
    "documents.texts": lambda s: s.documents.texts(["a", "b"]),
    "documents.count": lambda s: s.documents.count([Status.TODO]),
    "documents.count_by_status": lambda s: s.documents.count_by_status(),
    "documents.ids": lambda s: s.documents.ids(labels=["PER"], annotators=["tester"]),
    "documents.containing": lambda s: s.documents.containing("工会"),
    "documents.annotated": lambda s: s.documents.annotated("a"),
    "documents.iter_annotated": lambda s: list(s.documents.iter_annotated(["a", "b"], include_candidates=True)),
    "documents.sources": lambda s: s.documents.sources(),
    "documents.next_unfinished": lambda s: s.documents.next_unfinished("a"),
    "documents.adjacent": lambda s: s.documents.adjacent("a"),
    "documents.problems": lambda s: s.documents.problems(),
    "annotations.entity": lambda s: s.annotations.entity(1),
    "annotations.entities": lambda s: s.annotations.entities("a"),
    "annotations.relation": lambda s: s.annotations.relation(1),
    "annotations.relations": lambda s: s.annotations.relations("a"),
    "annotations.doc_labels": lambda s: s.annotations.doc_labels("a"),
    "annotations.time_spent": lambda s: s.annotations.time_spent("a"),
    "annotations.attach": lambda s: s.annotations.attach({"a": AnnotatedDocument(s.documents.get("a"))}),
    "annotations.entities_by_document": lambda s: s.annotations.entities_by_document(["a", "b"]),
    "annotations.spans_by_document": lambda s: s.annotations.spans_by_document(["a", "b"]),
    "annotations.find_entity": lambda s: s.annotations.find_entity("a", 2, 4, "PER"),
    "annotations.documents_with": lambda s: s.annotations.documents_with(labels=["PER"]),
    "annotations.labelled_texts": lambda s: s.annotations.labelled_texts(),
    "annotations.label_usage": lambda s: s.annotations.label_usage(),
    "annotations.entity_label_counts": lambda s: s.annotations.entity_label_counts(),
    "annotations.relation_label_counts": lambda s: s.annotations.relation_label_counts(),
    "annotations.work_by_annotator": lambda s: s.annotations.work_by_annotator(),
    "annotations.labels_in_use": lambda s: s.annotations.labels_in_use(),
    "annotations.problems": lambda s: s.annotations.problems(s.schema.current, s.documents.text),
    "candidates.get": lambda s: s.candidates.get(1),
    "candidates.for_document": lambda s: s.candidates.for_document("a", [CandidateState.PENDING]),
    "candidates.rejected_by_document": lambda s: s.candidates.rejected_by_document(["a", "b"]),
    "candidates.documents_with_any": lambda s: s.candidates.documents_with_any(["a", "c"]),
    "candidates.rejection_counts": lambda s: s.candidates.rejection_counts(),
    "candidates.state_counts": lambda s: s.candidates.state_counts(),
    "candidates.documents_with_pending": lambda s: s.candidates.documents_with_pending(["a", "b"], at_least=1),
    "candidates_due.owed": lambda s: s.candidates_due.owed(),
    "candidates_due.problems": lambda s: s.candidates_due.problems(),
    "candidates.attach": lambda s: s.candidates.attach({"a": AnnotatedDocument(s.documents.get("a"))}),
    "candidates.problems": lambda s: s.candidates.problems(s.documents.text),
    "events.find": lambda s: s.events.find("a", action="document.import"),
    "settings.get": lambda s: s.settings.get("anything", "default"),
    "settings.annotators": lambda s: s.settings.annotators(),
    "search_index.pending": lambda s: s.search_index.pending(),
    "search_index.tokenizer_is_current": lambda s: s.search_index.tokenizer_is_current(),
    "store.check": lambda s: s.check(),
    "store.check_annotations": lambda s: s.check_annotations(),
    # what a project opened read-only shows when it has no schema yet; this one has one
    "schema.use_if_missing": lambda s: s.schema.use_if_missing(None),
    "store.stats": lambda s: s.stats(),
    "store.change_marker": lambda s: s.change_marker(),
}

WRITES: dict[str, Driver] = {
    "models.add": Driver(lambda s, _: _trained(s)),
    "documents.import_source": Driver(
        lambda s, _: s.documents.import_source(
            _source(
                "new.jsonl",
                AnnotatedDocument(
                    Document(id="n", text="新华社记者赵六报道。", title="新"),
                    entities=[Entity("n", 5, 7, "PER", "赵六", id=1)],
                    candidates=[Candidate("n", 0, 3, "ORG", "新华社", "import", 1.0)],
                    doc_labels={"topic": "其他"},
                    time_spent={"someone": 3.0},
                ),
            )
        )
    ),
    "documents.set_status": Driver(lambda s, _: s.documents.set_status("b", Status.DONE)),
    "annotations.add_entity": Driver(lambda s, _: s.annotations.add_entity("b", 3, 5, "ORG")),
    "annotations.update_entity": Driver(lambda s, _: s.annotations.update_entity(1, end=3)),
    "annotations.set_entity": Driver(
        lambda s, before: s.annotations.set_entity(before),
        setup=lambda s: s.annotations.update_entity(1, start=3, end=4)[0],
    ),
    "annotations.delete_entity": Driver(lambda s, _: s.annotations.delete_entity(2)),
    "annotations.restore_entity": Driver(
        lambda s, deleted: s.annotations.restore_entity(deleted), setup=lambda s: s.annotations.delete_entity(2)
    ),
    "annotations.add_relation": Driver(
        lambda s, _: s.annotations.add_relation(1, s.annotations.add_entity("a", 13, 15, "TITLE").id, "has_title"),
    ),
    "annotations.delete_relation": Driver(lambda s, _: s.annotations.delete_relation(1)),
    "annotations.restore_relation": Driver(
        lambda s, relation: s.annotations.restore_relation(relation), setup=lambda s: s.annotations.delete_relation(1)
    ),
    "annotations.set_doc_label": Driver(lambda s, _: s.annotations.set_doc_label("a", "topic", None)),
    "annotations.add_time": Driver(lambda s, _: s.annotations.add_time("b", 4.0)),
    "candidates.replace": Driver(
        lambda s, _: s.candidates.replace({"a": [Candidate("a", 19, 21, "LOC", "野家", "rules", 0.5)], "c": []})
    ),
    "candidates.accept": Driver(lambda s, _: s.candidates.accept(_candidate(s, "a", "李四"))),
    "candidates.reject": Driver(lambda s, _: s.candidates.reject(_candidate(s, "a", "主席"))),
    "candidates.reset": Driver(lambda s, _: s.candidates.reset(_candidate(s, "b", "王五"))),
    "segmentation.merge": Driver(lambda s, _: s.segmentation.merge("b", "c")),
    "segmentation.split": Driver(lambda s, _: s.segmentation.split("c", 7, new_id="c2")),
    "segmentation.move_text": Driver(lambda s, _: s.segmentation.move_text("c", 7, 15, "b")),
    "segmentation.undo": Driver(lambda s, edit: s.segmentation.undo(edit), setup=lambda s: s.segmentation.merge("b", "c")),
    "segmentation.redo": Driver(lambda s, edit: s.segmentation.redo(edit), setup=_split_and_undo),
    "schema.install_if_missing": Driver(
        lambda s, _: s.schema.install_if_missing(None),
        setup=lambda s: s.db.conn.execute("DELETE FROM label_schema"),
    ),
    "schema.set": Driver(lambda s, schema: s.schema.set(schema), setup=_schema_with_new_entity),
    "schema.rename_entity_label": Driver(lambda s, _: s.schema.rename_entity_label("PER", "PERSON")),
    "schema.rename_relation_label": Driver(lambda s, _: s.schema.rename_relation_label("works_at", "employed_by")),
    "schema.rename_document_label": Driver(lambda s, _: s.schema.rename_document_label("topic", "subject")),
    "schema.rename_document_label_value": Driver(
        lambda s, _: s.schema.rename_document_label_value("topic", "工会建设", "工会")
    ),
    "settings.set": Driver(lambda s, _: s.settings.set("export.format", "jsonl")),
    "settings.add_annotator": Driver(lambda s, _: s.settings.add_annotator("newcomer")),
    "search_index.index_queued": Driver(
        lambda s, _: s.search_index.index_queued(10),
        setup=lambda s: s.db.conn.execute("UPDATE documents SET title = '改' WHERE id = 'a'"),
    ),
    "search_index.reset": Driver(lambda s, _: s.search_index.reset()),
    "store.set_annotator": Driver(lambda s, _: s.set_annotator("second reviewer")),
    "assignments.assign": Driver(lambda s, _: s.assignments.assign({"a": ["alice"], "b": ["alice", "bob"]})),
    "versions.put_many": Driver(
        lambda s, _: s.versions.put_many(
            [(_alices_version("b"), "2024-01-01T00:00:00.000Z"), (_alices_version("c"), "2024-01-01T00:00:00.000Z")],
            merged_from="x",
        )
    ),
    "versions.put": Driver(
        lambda s, _: s.versions.put(_alices_version(), changed_at="2024-01-01T00:00:00.000Z", merged_from="x")
    ),
    "layers.replace": Driver(lambda s, _: _layer_replaced(s)),
    "layers.replace_many": Driver(
        lambda s, _: s.layers.replace_many(
            [DocumentLayer("b", "", [LayerEntity(1, 0, 3, "LOC", "杭州市", "alice")]), DocumentLayer("c", "")],
            source="version:alice",
        )
    ),
    "layers.undo": Driver(lambda s, change: s.layers.undo(change), setup=_layer_replaced),
    "layers.redo": Driver(lambda s, change: s.layers.redo(change), setup=_replaced_and_undone),
    "adjudications.settle": Driver(lambda s, _: s.adjudications.settle("b", "edited", {"alice": "f"})),
    "adjudications.settle_many": Driver(
        lambda s, _: s.adjudications.settle_many({"b": ("single", {"alice": "f"}), "c": ("union", {})})
    ),
    "adjudications.restore": Driver(
        lambda s, previous: s.adjudications.restore("b", previous),
        setup=lambda s: s.adjudications.settle("b", "edited", {"alice": "f"}),
    ),
    "transfers.fill_package": Driver(
        lambda s, source: s.transfers.fill_package(source, ["a", "b"], "alice", settings={"package.annotator": "alice"}),
        setup=_source_to_pack,
    ),
    "transfers.merge_package": Driver(
        lambda s, package: s.transfers.merge_package(package, "alice", merged_from="alice.annotator"),
        setup=_package_to_merge,
    ),
}

# Public members that are not operations on the data.
NOT_OPERATIONS = {"schema.current", "store.transaction", "store.close", "store.annotator"}


def public_methods() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, cls in {**AGGREGATES, "store": Store}.items():
        for attr, member in inspect.getmembers(cls):
            if not attr.startswith("_"):
                found[f"{name}.{attr}"] = member
    return found


def steps_of_writes() -> list[str]:
    return sorted(name for name, member in public_methods().items() if getattr(member, "step_of_write", False))


# --- tracing ---------------------------------------------------------------------------------

_WRITE = re.compile(
    r"^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+\"?(\w+)\"?",
    re.IGNORECASE,
)


def transactions(statements: list[str]) -> list[list[str]]:
    """The statements grouped by transaction, the ones rolled back left out; a lone statement is its own."""
    groups: list[list[str]] = []
    current: list[str] | None = None
    for sql in statements:
        word = sql.strip().split(None, 1)[0].upper() if sql.strip() else ""
        if word == "BEGIN":
            current = []
        elif word in ("COMMIT", "END"):
            groups.append(current or [])
            current = None
        elif word == "ROLLBACK" and " TO " not in sql.upper():
            current = None
        elif current is not None:
            current.append(sql)
        else:
            groups.append([sql])
    return groups


def written_tables(group: list[str]) -> set[str]:
    return {m.group(1).lower() for sql in group if (m := _WRITE.match(sql))}


def traced(store: Store, action: Callable[[], Any]) -> list[str]:
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        action()
    finally:
        store.db.conn.set_trace_callback(None)
    return statements


@pytest.fixture
def project(template: Path, tmp_path: Path):
    path = tmp_path / "project.db"
    shutil.copy(template, path)
    with Store(path, annotator="tester") as store:
        yield store


# --- the tests ----------------------------------------------------------------------------------


def _model_id(store: Store) -> int:
    return store.models.latest_id() or 0


def test_every_part_of_the_store_is_checked(project: Store):
    """Every aggregate a store is made of is listed above, so its methods are driven."""
    parts = {name: type(part) for name, part in vars(project).items() if isinstance(part, Aggregate)}
    assert parts == AGGREGATES


def test_every_public_method_is_driven():
    """A new public method must be added to READS or WRITES here (or be a step of a write)."""
    covered = set(READS) | set(WRITES) | set(steps_of_writes()) | NOT_OPERATIONS
    public = set(public_methods())
    assert public - covered == set(), "drive these in tests/test_store_events.py"
    assert covered - public == set(), "these are driven here but no longer exist"


@pytest.mark.parametrize("name", sorted(WRITES))
def test_every_write_appends_an_event_in_its_transaction(project: Store, name: str):
    driver = WRITES[name]
    prepared = driver.setup(project)
    events_before = len(project.events.find())
    statements = traced(project, lambda: driver.action(project, prepared))
    groups = transactions(statements)
    written = [written_tables(group) for group in groups]
    assert any(tables - EXEMPT_TABLES for tables in written) or name.startswith("search_index."), (
        f"{name} wrote nothing; the driver does not exercise it"
    )
    for group, tables in zip(groups, written):
        data = tables - EXEMPT_TABLES
        if data:
            assert "events" in tables, f"{name} wrote {sorted(data)} without an event in the same transaction: {group}"
    if name == "search_index.index_queued":
        assert written and all(tables <= EXEMPT_TABLES for tables in written) and any(written)
    else:
        assert len(project.events.find()) > events_before


@pytest.mark.parametrize("name", sorted(READS))
def test_reads_write_nothing(project: Store, name: str):
    statements = traced(project, lambda: READS[name](project))
    assert [sql for sql in statements if _WRITE.match(sql)] == []
    assert not any(sql.strip().upper().startswith("BEGIN") for sql in statements)


@pytest.mark.parametrize("name", steps_of_writes())
def test_steps_of_writes_refuse_to_run_on_their_own(project: Store, name: str):
    aggregate, method = name.split(".")
    bound = getattr(getattr(project, aggregate), method)
    arguments = [None] * (len(inspect.signature(bound).parameters))
    with pytest.raises(RuntimeError, match="one step of a larger write"):
        bound(*arguments)


def test_a_read_only_store_records_nobody_and_writes_nothing(template: Path, tmp_path: Path):
    """Opened to look only, not even a new annotator's name is written."""
    path = tmp_path / "looked-at.db"
    shutil.copy(template, path)
    before = path.read_bytes()
    with Store(path, annotator="a stranger", read_only=True) as store:
        statements = traced(store, lambda: (store.set_annotator("another stranger"), store.schema.use_if_missing(None)))
        assert store.annotator == "another stranger"
        assert "a stranger" not in store.settings.annotators()
    assert [sql for sql in statements if _WRITE.match(sql)] == []
    assert path.read_bytes() == before


def test_the_checker_catches_a_write_without_an_event(project: Store):
    """The check above can fail: a write that forgets its event is caught."""

    def careless() -> None:
        with project.transaction():
            project.db.conn.execute("UPDATE documents SET title = 'x' WHERE id = 'a'")

    groups = transactions(traced(project, careless))
    assert [written_tables(group) for group in groups] == [{"documents"}]


def test_the_new_events_say_what_changed(project: Store):
    project.annotations.add_time("b", 4.0)
    project.settings.set("export.format", "jsonl")
    project.set_annotator("second reviewer")
    project.candidates.replace({"a": [Candidate("a", 19, 21, "LOC", "野家", "rules", 0.5)]})
    (time_event,) = project.events.find("b", action="time.add")
    assert (time_event.doc_id, time_event.annotator, time_event.after) == ("b", "tester", {"seconds": 4.0})
    (setting_event,) = project.events.find(action="setting.set")
    assert (setting_event.target, setting_event.before, setting_event.after) == ("setting:export.format", None, "jsonl")
    (annotator_event,) = project.events.find(action="annotator.add", annotator="second reviewer")
    assert annotator_event.after == {"name": "second reviewer"}
    replaced = project.events.find("a", action="candidates.replace")[-1]
    # the pending 李四 and 主席 went, 野家 came
    assert replaced.after == {"added": 1, "updated": 0, "removed": 2}
    # a refresh that changes nothing writes nothing
    assert project.candidates.replace({"a": [Candidate("a", 19, 21, "LOC", "野家", "rules", 0.5)]}) == 0
    assert project.events.find("a", action="candidates.replace")[-1].id == replaced.id
