"""A small project that exercises every corner the dataset formats must handle.

Nested and crossing entities, characters outside the BMP (𠮷 and an emoji)
before later entities, relations, a document label, paragraphs and spaces,
several statuses, two annotators, and a document without entities.
"""

from __future__ import annotations

from pathlib import Path

from annotator.model import AnnotatedDocument, Candidate, Document, SourceFile, Status
from annotator.store import Store

RICH_TEXT = (
    "浙江省嘉兴市嘉善县姚庄镇总工会专职副主席张萍告诉记者，𠮷野家😀在北京。\n\n"
    "2018年，该镇总工会 提出“组织一批优秀企业工会主席”的想法。"
)
PLAIN_TEXT = "第二篇文章没有标注。"
SKIPPED_TEXT = "这是一则广告：上海某公司招聘。"
TODO_TEXT = "记者邹倜然报道。"


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def build_rich_project(store: Store) -> dict[str, object]:
    """Fill ``store``; returns the ids of the interesting entities."""
    source = SourceFile(path="rich.txt", name="rich.txt", sha256="rich", size=1, format="text")
    for doc_id, text, title in (("a-1", RICH_TEXT, "“工会专家团”，给力！"), ("a-2", PLAIN_TEXT, "二"),
                                ("a-3", SKIPPED_TEXT, "广告"), ("a-4", TODO_TEXT, "")):
        source.documents.append(AnnotatedDocument(Document(id=doc_id, text=text, title=title, kind="news")))
    store.documents.import_source(source)
    store.set_annotator("alice")
    union = store.annotations.add_entity("a-1", *span(RICH_TEXT, "浙江省嘉兴市嘉善县姚庄镇总工会"), "ORG")
    town_union = store.annotations.add_entity("a-1", *span(RICH_TEXT, "姚庄镇总工会"), "ORG")  # nested
    town = store.annotations.add_entity("a-1", *span(RICH_TEXT, "姚庄镇"), "LOC")  # nested twice
    title = store.annotations.add_entity("a-1", *span(RICH_TEXT, "专职副主席"), "TITLE")
    person = store.annotations.add_entity("a-1", *span(RICH_TEXT, "张萍"), "PER")
    beijing = store.annotations.add_entity("a-1", *span(RICH_TEXT, "北京"), "LOC")  # after 𠮷 and 😀
    store.annotations.add_relation(person.id, town_union.id, "works_at")
    store.annotations.add_relation(person.id, title.id, "has_title")
    store.set_annotator("bob")
    year = store.annotations.add_entity("a-1", *span(RICH_TEXT, "2018年"), "DATE")
    county_town = store.annotations.add_entity("a-1", *span(RICH_TEXT, "嘉善县姚庄"), "LOC")  # crosses 姚庄镇总工会
    second_union = store.annotations.add_entity("a-1", *span(RICH_TEXT, "该镇总工会"), "ORG")
    store.annotations.add_relation(town_union.id, beijing.id, "located_in")
    store.annotations.add_relation(second_union.id, town_union.id, "part_of")
    store.annotations.set_doc_label("a-1", "topic", "工会建设")
    store.documents.set_status("a-1", Status.DONE)
    store.documents.set_status("a-2", Status.DONE)
    store.annotations.add_entity("a-3", *span(SKIPPED_TEXT, "上海"), "LOC")
    store.documents.set_status("a-3", Status.SKIPPED, "advert")
    store.annotations.add_entity("a-4", *span(TODO_TEXT, "邹倜然"), "PER")
    store.candidates.replace({"a-1": [Candidate("a-1", *span(RICH_TEXT, "嘉兴市"), "LOC", "嘉兴市", "jieba:ns", 0.7)]})
    return {"union": union, "town_union": town_union, "town": town, "person": person, "beijing": beijing,
            "year": year, "county_town": county_town, "second_union": second_union}


def annotations(store: Store) -> dict[str, tuple]:
    """Everything a lossless format must carry: per document, its text, entities and relations."""
    out = {}
    for doc_id in store.documents.ids():
        bundle = store.documents.annotated(doc_id, include_candidates=False)
        by_id = {e.id: (e.start, e.end, e.label) for e in bundle.entities}
        out[doc_id] = (
            bundle.document.text,
            sorted(by_id.values()),
            sorted((by_id[r.head_id], by_id[r.tail_id], r.label) for r in bundle.relations),
        )
    return out


def tree(path: Path) -> dict[str, bytes]:
    """An export as {name: bytes}: a folder's files, or a file and the files written beside it."""
    if path.is_file():
        stem = path.name.split(".")[0]
        return {p.name[len(stem):]: p.read_bytes() for p in sorted(path.parent.glob(f"{stem}.*"))}
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
