"""The document list's search keeps its reading order cached, and notices every change that would stale it."""

from __future__ import annotations

import hashlib

import pytest

from annotator.project.document_listing import DocumentListing, ListFilter
from annotator.model import AnnotatedDocument, Document, SourceFile, Status
from annotator.project.search import SearchIndex
from annotator.store import Store

TEXTS = {
    "a": "姚庄镇总工会成立工会专家团。",
    "b": "福建创建户外劳动者服务站点。",
    "c": "北京市总工会慰问坚守岗位的职工。",
    "d": "上海举办职工技能竞赛，工会主席颁奖。",
}


def add(store: Store, docs: dict[str, str], name: str) -> None:
    source = SourceFile(
        path=name, name=name, sha256=hashlib.sha256(name.encode()).hexdigest(), size=1, format="test",
        documents=[AnnotatedDocument(Document(id=doc_id, text=text)) for doc_id, text in docs.items()],
    )
    store.documents.import_source(source)


def found(listing: DocumentListing, query: str, **filters) -> list[str]:
    keys = listing.keys(ListFilter.make(query=query, **filters))
    return listing.doc_ids(keys)


@pytest.fixture
def store(fresh_store: Store) -> Store:
    add(fresh_store, TEXTS, "first")
    return fresh_store


def test_search_results_come_in_reading_order_and_combine_with_filters(store: Store):
    listing = DocumentListing(store)
    assert found(listing, "工会") == ["a", "c", "d"]
    assert found(listing, "工会 职工") == ["c", "d"]
    assert listing.count(ListFilter.make(query="工会")) == 3
    store.documents.set_status("c", Status.DONE)
    assert found(listing, "工会", statuses=["done"]) == ["c"]
    assert found(listing, "工会", statuses=["todo"]) == ["a", "d"]
    assert found(listing, "量子") == []


def test_added_removed_and_moved_documents_are_seen_at_once(store: Store):
    listing = DocumentListing(store)
    assert found(listing, "工会") == ["a", "c", "d"]  # the order is cached from here on
    add(store, {"e": "新成立的工会联合会。"}, "second")
    assert found(listing, "工会") == ["a", "c", "d", "e"]
    store.db.execute("UPDATE documents SET position = 0.5 WHERE id = 'e'")
    assert found(listing, "工会") == ["e", "a", "c", "d"]
    store.segmentation.merge("a", "b")
    assert found(listing, "工会") == ["e", "a", "c", "d"]
    assert found(listing, "户外") == ["a"]  # b's text is in a now


def test_reading_order_follows_positions_not_insertion(store: Store):
    listing = DocumentListing(store)
    with store.transaction():
        for position, doc_id in enumerate(["d", "b", "a", "c"]):
            store.db.execute("UPDATE documents SET position = ? WHERE id = ?", (position, doc_id))
    assert listing.doc_ids(listing.keys()) == ["d", "b", "a", "c"]
    assert found(listing, "工会") == ["d", "a", "c"]
    store.documents.set_status("a", Status.DONE)
    assert listing.doc_ids(listing.keys(ListFilter.make(statuses=["todo"]))) == ["d", "b", "c"]
    assert listing.keys(ListFilter.make(query="量子 工会")) == []


def test_changes_made_by_another_connection_are_seen(store: Store, db_path):
    listing = DocumentListing(store)
    assert found(listing, "工会") == ["a", "c", "d"]
    with Store(db_path, annotator="other") as other:
        add(other, {"f": "工会驿站开门。"}, "third")
        SearchIndex(other).sync()
    assert found(listing, "工会") == ["a", "c", "d", "f"]


def test_a_one_character_query_still_scans_the_text(store: Store):
    listing = DocumentListing(store)
    assert found(listing, "京") == ["c"]
    assert found(listing, "京 工会") == ["c"]


def test_annotating_does_not_change_the_results(store: Store):
    listing = DocumentListing(store)
    before = found(listing, "工会")
    text = store.documents.text("a")
    start = text.index("姚庄镇")
    store.annotations.add_entity("a", start, start + 3, "LOC")
    store.documents.set_status("a", Status.DONE)
    assert found(listing, "工会") == before


def test_a_removed_document_is_not_found_while_the_index_lags(store: Store, monkeypatch):
    import annotator.project.search as search

    listing = DocumentListing(store)
    SearchIndex(store).sync()
    assert found(listing, "工会") == ["a", "c", "d"]
    monkeypatch.setattr(search, "AUTO_SYNC_LIMIT", 0)  # as with a long queue: the index is not caught up
    store.segmentation.merge("c", "d")  # d is gone; its words are still in the index until a sync
    assert listing.search.pending() > 0
    assert found(listing, "工会") == ["a", "c"]
    assert found(listing, "技能") == []  # d's text moved into c, which the lagging index has not seen yet


def test_numbers_reused_after_a_removal_keep_the_results_right(store: Store):
    listing = DocumentListing(store)
    assert found(listing, "工会") == ["a", "c", "d"]
    store.segmentation.merge("c", "d")  # the last document goes; its rowid is free again
    add(store, {"g": "新的工会活动中心。"}, "fourth")  # may take d's rowid, never its index key
    assert found(listing, "工会") == ["a", "c", "g"]
    assert found(listing, "活动中心") == ["g"]
