"""Label all occurrences across a project: the search index names the documents, each is then checked."""

from __future__ import annotations

import hashlib

from annotator.candidates.occurrences import find_occurrences
from annotator.model import AnnotatedDocument, Document, SourceFile
from annotator.project.search import SearchIndex


def add(store, *docs):
    name = "-".join(d[0] for d in docs)
    store.documents.import_source(SourceFile(
        path=name, name=name, sha256=hashlib.sha256(name.encode()).hexdigest(), size=1, format="test",
        documents=[AnnotatedDocument(Document(doc_id, text, title=title)) for doc_id, title, text in docs],
    ))


def test_the_index_names_the_documents_whose_text_may_hold_the_words(fresh_store):
    add(fresh_store,
        ("d1", "标题", "姚庄镇总工会成立专家团。"),
        ("d2", "姚庄镇总工会", "标题里有，正文里没有。"),
        ("d3", "第三", "ＡＢＣ公司和姚庄镇总工会签约。"),
        ("d4", "第四", "嘉兴市总工会。"))
    index = SearchIndex(fresh_store)
    assert index.documents_containing("姚庄镇总工会") == ["d1", "d3"]  # the title of d2 does not count
    assert index.documents_containing("abc公司") == ["d3"]  # folded: a superset, checked afterwards
    assert index.documents_containing("会") is None  # one character: no bigram, scan instead


def test_occurrences_among_the_indexed_documents_are_exact(fresh_store):
    add(fresh_store,
        ("d1", "t", "姚庄镇总工会成立专家团，姚庄镇总工会主席讲话。"),
        ("d2", "t", "ＡＢＣ公司"),
        ("d3", "t", "abc公司"))
    among = SearchIndex(fresh_store).documents_containing("abc公司")
    assert among == ["d2", "d3"]
    found = find_occurrences(fresh_store, "abc公司", "ORG", among=among)
    assert [(o.doc_id, o.start) for o in found] == [("d3", 0)]
    steps = []
    found = find_occurrences(fresh_store, "姚庄镇总工会", "ORG", among=["d1", "d2"], progress=lambda d, t: steps.append((d, t)))
    assert [(o.doc_id, o.start) for o in found] == [("d1", 0), ("d1", 12)]
    assert steps == [(1, 2), (2, 2)]
