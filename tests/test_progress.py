"""The dashboard's figures: counts now, and net work per day from the event log."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest

from annotator.project import progress
from annotator.model import AnnotatedDocument, Document, SourceFile, Status
from annotator.store import Store

UTC = timedelta(0)
SHANGHAI = timedelta(hours=8)
KATHMANDU = timedelta(hours=5, minutes=45)


class Clock:
    """Stands in for the store's clock so events land on chosen days."""

    def __init__(self) -> None:
        self.now = "2024-03-01T09:00:00.000Z"

    def __call__(self) -> str:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr("annotator.store.database.utc_now", clock)
    return clock


def import_docs(store: Store, count: int, *, done: int = 0) -> list[str]:
    docs = []
    for i in range(count):
        text = f"第{i}篇：记者张三报道，北京市总工会举办技能大赛。"
        status = Status.DONE if i < done else Status.TODO
        docs.append(AnnotatedDocument(Document(id=f"d{i}", text=text, title=f"标题{i}", status=status)))
    body = str(count).encode()
    store.documents.import_source(
        SourceFile(path="x.jsonl", name="x.jsonl", sha256=hashlib.sha256(body).hexdigest(), size=1, format="test",
                   documents=docs)
    )
    return [d.document.id for d in docs]


def test_counts_follow_the_schema_order_and_colours(fresh_store: Store):
    import_docs(fresh_store, 3, done=1)
    fresh_store.annotations.add_entity("d1", 4, 6, "PER")
    fresh_store.annotations.add_entity("d1", 9, 12, "LOC")
    fresh_store.annotations.add_entity("d2", 9, 12, "LOC")
    entities, relations = progress.label_counts(fresh_store)
    assert [label.name for label in entities] == fresh_store.schema.current.entity_names
    by_name = {label.name: label for label in entities}
    assert by_name["LOC"].count == 2 and by_name["PER"].count == 1 and by_name["ORG"].count == 0
    assert by_name["PER"].color == fresh_store.schema.current.entity("PER").color
    assert by_name["PER"].display == "人名"
    assert [label.name for label in relations] == fresh_store.schema.current.relation_names
    counts = progress.status_counts(fresh_store)
    assert counts == {"todo": 0, "in_progress": 2, "done": 1, "skipped": 0}


def test_labels_the_schema_no_longer_has_are_listed_last(fresh_store: Store):
    import_docs(fresh_store, 1)
    fresh_store.db.execute(
        "INSERT INTO entities (doc_id, start, \"end\", label, text, created_at, updated_at) "
        "VALUES ('d0', 4, 6, 'OLD', '记者', 'x', 'x')"
    )
    entities, _ = progress.label_counts(fresh_store)
    assert entities[-1] == progress.LabelCount("OLD", "OLD", "#888888", 1, in_schema=False)


def test_entities_per_day_are_net_and_per_annotator(fresh_store: Store, clock: Clock):
    import_docs(fresh_store, 2)
    fresh_store.set_annotator("alice")
    clock.now = "2024-03-01T09:00:00.000Z"
    first = fresh_store.annotations.add_entity("d0", 4, 6, "PER")
    fresh_store.annotations.add_entity("d0", 9, 12, "LOC")
    gone = fresh_store.annotations.add_entity("d0", 12, 15, "ORG")
    fresh_store.annotations.delete_entity(gone.id)
    clock.now = "2024-03-02T09:00:00.000Z"
    deleted = fresh_store.annotations.delete_entity(first.id)
    fresh_store.annotations.restore_entity(deleted)
    fresh_store.set_annotator("bob")
    clock.now = "2024-03-03T09:00:00.000Z"
    fresh_store.annotations.add_entity("d1", 4, 6, "PER")
    fresh_store.annotations.add_entity("d1", 9, 12, "LOC")

    figures = progress.project_progress(fresh_store, days=4, today=date(2024, 3, 4), utc_offset=UTC)
    assert figures.days == [date(2024, 3, d) for d in (1, 2, 3, 4)]
    assert figures.entities_per_day == {"alice": [2, 0, 0, 0], "bob": [0, 0, 2, 0]}


def test_documents_done_per_day_and_the_cumulative_line(fresh_store: Store, clock: Clock):
    import_docs(fresh_store, 4, done=1)  # d0 arrives done, with no status event
    clock.now = "2024-03-01T10:00:00.000Z"
    fresh_store.documents.set_status("d1", Status.DONE)
    clock.now = "2024-03-02T10:00:00.000Z"
    fresh_store.documents.set_status("d2", Status.DONE)
    fresh_store.documents.set_status("d3", Status.SKIPPED, "duplicate")
    clock.now = "2024-03-03T10:00:00.000Z"
    fresh_store.documents.set_status("d2", Status.IN_PROGRESS)

    figures = progress.project_progress(fresh_store, days=3, today=date(2024, 3, 3), utc_offset=UTC)
    assert figures.done_per_day == [1, 1, -1]
    assert figures.done_cumulative == [2, 3, 2]
    assert figures.done_cumulative[-1] == figures.status_counts["done"]
    assert figures.finished == 3 and figures.fraction_finished == 0.75


def test_days_are_counted_in_the_viewers_time_zone(fresh_store: Store, clock: Clock):
    import_docs(fresh_store, 3)
    clock.now = "2024-03-01T20:30:00.000Z"  # 04:30 on 2 March in Shanghai
    fresh_store.annotations.add_entity("d0", 4, 6, "PER")
    clock.now = "2024-03-01T18:20:00.000Z"  # 00:05 on 2 March in Kathmandu (+5:45)
    fresh_store.annotations.add_entity("d1", 4, 6, "PER")
    clock.now = "2024-03-01T18:10:00.000Z"  # 23:55 on 1 March in Kathmandu
    fresh_store.annotations.add_entity("d2", 4, 6, "PER")
    today = date(2024, 3, 2)
    assert progress.project_progress(fresh_store, days=2, today=today, utc_offset=UTC).entities_per_day["tester"] == [3, 0]
    assert progress.project_progress(fresh_store, days=2, today=today, utc_offset=SHANGHAI).entities_per_day["tester"] == [0, 3]
    assert progress.project_progress(fresh_store, days=2, today=today, utc_offset=KATHMANDU).entities_per_day["tester"] == [1, 2]


def test_all_days_start_at_the_first_event(fresh_store: Store, clock: Clock):
    import_docs(fresh_store, 1)
    clock.now = "2024-02-27T08:00:00.000Z"
    fresh_store.annotations.add_entity("d0", 4, 6, "PER")
    figures = progress.project_progress(fresh_store, days=None, today=date(2024, 3, 1), utc_offset=UTC)
    assert figures.days[0] == date(2024, 2, 27) and figures.days[-1] == date(2024, 3, 1)
    assert len(figures.done_per_day) == len(figures.days) == 4
    empty = progress.project_progress(fresh_store, days=7, today=date(2024, 6, 1), utc_offset=UTC)
    assert len(empty.days) == 7 and empty.entities_per_day == {}


def test_annotator_summaries(fresh_store: Store, clock: Clock):
    import_docs(fresh_store, 2)
    fresh_store.set_annotator("alice")
    head = fresh_store.annotations.add_entity("d0", 4, 6, "PER")
    tail = fresh_store.annotations.add_entity("d0", 9, 14, "ORG")
    fresh_store.annotations.add_relation(head.id, tail.id, "works_at")
    fresh_store.annotations.add_time("d0", 1800)
    fresh_store.documents.set_status("d0", Status.DONE)
    fresh_store.set_annotator("bob")
    fresh_store.documents.set_status("d1", Status.DONE)
    fresh_store.documents.set_status("d1", Status.TODO)
    people = {p.name: p for p in progress.annotator_summaries(fresh_store)}
    assert people["alice"] == progress.AnnotatorSummary("alice", 2, 1, 1, 1800.0)
    assert people["alice"].entities_per_hour == 4.0
    assert "bob" not in people or people["bob"].documents == 0
    relations = progress.project_progress(fresh_store, days=None, utc_offset=UTC).relations_per_day
    assert sum(relations["alice"]) == 1


def test_the_computer_zone_is_the_default(fresh_store: Store, clock: Clock):
    import_docs(fresh_store, 1)
    clock.now = "2024-03-01T12:00:00.000Z"
    fresh_store.annotations.add_entity("d0", 4, 6, "PER")
    local = progress.local_day(clock.now)
    figures = progress.project_progress(fresh_store, days=3, today=local + timedelta(days=1))
    assert figures.entities_per_day["tester"] == [0, 1, 0]
    assert progress.local_day(clock.now, SHANGHAI) == date(2024, 3, 1)


def test_figures_only_read(fresh_store: Store):
    import_docs(fresh_store, 1)
    fresh_store.annotations.add_entity("d0", 4, 6, "PER")
    before = fresh_store.db.conn.total_changes
    progress.project_progress(fresh_store)
    assert fresh_store.db.conn.total_changes == before
