"""The document list's queries: filters, reading order, the rows and their counts."""

from __future__ import annotations

import hashlib

import pytest

from annotator.project.document_listing import DocumentListing, ListFilter
from annotator.model import AnnotatedDocument, Candidate, Document, SourceFile, Status
from annotator.store import Store


def add_documents(store: Store, docs: list[tuple[str, str, str]], name: str = "batch") -> None:
    source = SourceFile(
        path=name, name=name, sha256=hashlib.sha256(name.encode()).hexdigest(), size=1, format="test",
        documents=[AnnotatedDocument(Document(id=d, text=text, title=title)) for d, title, text in docs],
    )
    assert store.documents.import_source(source).documents == len(docs)


@pytest.fixture
def project(fresh_store: Store) -> Store:
    add_documents(fresh_store, [
        ("n1", "工会专家团", "记者邹倜然报道：姚庄镇总工会成立工会专家团。"),
        ("n2", "", "福建工会创建2600多个户外劳动者服务站点，服务贯通。"),
        ("n3", "抗疫一线", "北京市总工会慰问坚守岗位的职工。"),
        ("n4", "技能竞赛", "上海举办职工技能竞赛，张萍获得一等奖。"),
    ])
    store = fresh_store

    def at(doc_id: str, needle: str) -> tuple[int, int]:
        start = store.documents.text(doc_id).index(needle)
        return start, start + len(needle)

    store.set_annotator("alice")
    store.annotations.add_entity("n1", *at("n1", "邹倜然"), "PER")
    store.annotations.add_entity("n1", *at("n1", "姚庄镇总工会"), "ORG")
    store.set_annotator("bob")
    store.annotations.add_entity("n3", *at("n3", "北京市总工会"), "ORG")
    store.documents.set_status("n3", Status.DONE)
    store.documents.set_status("n2", Status.SKIPPED, "广告")
    store.candidates.replace({"n4": [Candidate("n4", *at("n4", "上海"), "LOC", "上海", "rules", 0.9),
                                     Candidate("n4", *at("n4", "张萍"), "PER", "张萍", "rules", 0.8)]})
    store.set_annotator("chen")
    store.annotations.add_time("n4", 30)
    return store


def ids(listing: DocumentListing, filter: ListFilter) -> list[str]:
    return [listing.rows(listing.keys(filter))[k].doc_id for k in listing.keys(filter)]


def test_everything_in_reading_order(project: Store):
    listing = DocumentListing(project)
    assert ids(listing, ListFilter()) == ["n1", "n2", "n3", "n4"]
    assert listing.count() == 4


def test_rows_carry_status_and_counts(project: Store):
    listing = DocumentListing(project)
    rows = {row.doc_id: row for row in listing.rows(listing.keys()).values()}
    assert rows["n1"].entities == 2 and rows["n1"].status is Status.IN_PROGRESS
    assert rows["n2"].status is Status.SKIPPED and rows["n2"].status_reason == "广告"
    assert rows["n2"].title == "" and rows["n2"].display_title.startswith("福建工会创建")
    assert rows["n4"].pending_candidates == 2 and rows["n4"].entities == 0
    assert rows["n3"].status is Status.DONE


def test_filters_combine(project: Store):
    listing = DocumentListing(project)
    assert ids(listing, ListFilter.make(statuses=["done", "skipped"])) == ["n2", "n3"]
    assert ids(listing, ListFilter.make(labels=["ORG"])) == ["n1", "n3"]
    assert ids(listing, ListFilter.make(labels=["ORG"], statuses=["done"])) == ["n3"]
    assert ids(listing, ListFilter.make(annotators=["alice"])) == ["n1"]
    assert ids(listing, ListFilter.make(annotators=["chen"])) == ["n4"]  # time spent counts as work
    assert ids(listing, ListFilter.make(annotators=["alice", "bob"])) == ["n1", "n3"]
    assert ids(listing, ListFilter.make(query="工会")) == ["n1", "n2", "n3"]
    assert ids(listing, ListFilter.make(query="工会", labels=["PER"])) == ["n1"]
    assert ids(listing, ListFilter.make(query="职工 张萍")) == ["n4"]
    assert listing.count(ListFilter.make(query="量子")) == 0


def test_snippets_for_the_rows_on_screen(project: Store):
    listing = DocumentListing(project)
    keys = listing.keys(ListFilter.make(query="总工会"))
    snippets = listing.snippets(keys, "总工会")
    assert len(snippets) == 2
    for key, snippet in snippets.items():
        text = project.documents.text(listing.rows([key])[key].doc_id)
        start, end = snippet.hits[0]
        assert text[start:end] == "总工会"


def test_signature_notices_new_removed_and_moved_documents(project: Store):
    listing = DocumentListing(project)
    first = listing.signature()
    add_documents(project, [("n5", "新", "新来的文档：劳模工匠。")], name="more")
    second = listing.signature()
    assert second != first
    project.db.execute("UPDATE documents SET position = 0.5 WHERE id = 'n5'")
    assert listing.signature() != second
    assert ids(listing, ListFilter())[0] == "n5"
    project.documents.set_status("n5", Status.DONE)
    third = listing.signature()
    project.documents.set_status("n5", Status.TODO)
    assert listing.signature() == third  # a status change is not a change of rows


def test_filter_choices(project: Store):
    listing = DocumentListing(project)
    assert listing.annotator_names() == ["alice", "bob", "chen", "tester"]
    assert listing.labels_in_use() == project.schema.current.entity_names
    assert listing.key_of("n3") in listing.keys()
    assert listing.key_of("missing") is None
    assert listing.status_counts() == {"todo": 1, "in_progress": 1, "done": 1, "skipped": 1}
