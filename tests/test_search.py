"""Full-text search: what it finds, the offsets it reports, and staying in step with the documents."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
import sqlite_utils

from annotator.model import AnnotatedDocument, Document, SourceFile
from annotator.project.search import SearchIndex, find_hits, make_snippets, parse_query
from annotator.store import Store, migrations
from annotator.text.bigrams import TOKENIZER_SETTING, fold, index_tokens


def add_documents(store: Store, *docs: tuple[str, str, str]) -> None:
    """Import (id, title, text) documents as one source file."""
    body = "|".join(f"{d}:{t}" for d, _, t in docs).encode()
    source = SourceFile(
        path=f"{docs[0][0]}.txt",
        name=f"{docs[0][0]}.txt",
        sha256=hashlib.sha256(body).hexdigest(),
        size=len(body),
        format="test",
        documents=[AnnotatedDocument(Document(id=d, text=text, title=title)) for d, title, text in docs],
    )
    report = store.documents.import_source(source)
    assert report.documents == len(docs), report


def hit_texts(text: str, snippet_hits) -> list[str]:
    return [text[start:end] for start, end in snippet_hits]


@pytest.fixture
def corpus(fresh_store: Store) -> Store:
    add_documents(
        fresh_store,
        ("a", "嘉善工会成立专家团", "浙江省嘉兴市嘉善县姚庄镇总工会成立了一支工会专家团。\n\n专职副主席张萍告诉记者。"),
        ("b", "福建户外劳动者服务站点", "福建工会创建2600多个户外劳动者服务站点,线上线下服务贯通。"),
        ("c", "疫情防控", "COVID-19 疫情期间，职工坚守岗位。Ｗｏｒｋｅｒｓ stayed."),
        ("d", "生僻字", "𠮷野家的员工在𠮷野家门口合影，工会送来慰问品。"),
    )
    SearchIndex(fresh_store).sync()
    return fresh_store


# --- tokens and folding ----------------------------------------------------------------------


def test_fold_keeps_length_and_maps_case_and_full_width():
    text = "ＡＢc,D\n工会\u3000x𠮷Ü"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded[:3] == "abc"
    assert folded[11] == "ü"
    assert fold("ＣＯＶＩＤ") == fold("covid") == fold("COVID")


def test_index_tokens_are_the_overlapping_bigrams():
    assert index_tokens("工会主席") == "工会 会主 主席"
    assert index_tokens("工") == ""
    assert len(index_tokens("a-b c").split(" ")) == 4


def test_parse_query_splits_on_white_space_and_drops_repeats():
    assert parse_query("  工会  主席\u3000工会 ") == ("工会", "主席")
    assert parse_query("COVID covid") == ("COVID",)
    assert parse_query("   ") == ()


# --- searching --------------------------------------------------------------------------------


def test_two_character_word_is_found_with_code_point_offsets(corpus: Store):
    results = SearchIndex(corpus).search("工会")
    assert results.total == 3
    assert [hit.doc_id for hit in results.hits] == ["a", "b", "d"]
    for hit in results.hits:
        text = corpus.documents.text(hit.doc_id)
        for snippet in hit.snippets:
            assert text[snippet.start : snippet.end] == snippet.text
            assert hit_texts(text, snippet.hits) == ["工会"] * len(snippet.hits)
    assert results.hits[0].hit_count == 2
    assert results.hits[0].title_hits == ((2, 4),)


def test_offsets_count_code_points_after_characters_outside_the_bmp(corpus: Store):
    hit = SearchIndex(corpus).search("工会").hits[2]
    text = corpus.documents.text("d")
    (start, end), = hit.snippets[0].hits
    assert text[start:end] == "工会"
    assert start == text.index("工会") == 15  # in UTF-16 units it would be 17


def test_longer_terms_match_exact_substrings_only(corpus: Store):
    index = SearchIndex(corpus)
    assert [h.doc_id for h in index.search("总工会").hits] == ["a"]
    assert [h.doc_id for h in index.search("浙江省嘉兴市嘉善县").hits] == ["a"]
    # every bigram of 工会站点 occurs somewhere, but never the phrase itself
    assert index.search("会专家").total == 1
    assert index.search("工会站点").total == 0
    assert index.search("𠮷野家").hits[0].hit_count == 2


def test_every_term_must_match(corpus: Store):
    index = SearchIndex(corpus)
    assert [h.doc_id for h in index.search("工会 福建").hits] == ["b"]
    assert index.search("工会 疫情").total == 0


def test_single_characters_fall_back_to_a_scan(corpus: Store):
    index = SearchIndex(corpus)
    assert [h.doc_id for h in index.search("岗").hits] == ["c"]
    assert [h.doc_id for h in index.search("疫 职工").hits] == ["c"]
    assert [h.doc_id for h in index.search("w").hits] == ["c"]  # the full-width Ｗ folds to w


def test_case_width_and_punctuation_in_queries(corpus: Store):
    index = SearchIndex(corpus)
    assert [h.doc_id for h in index.search("covid-19").hits] == ["c"]
    assert [h.doc_id for h in index.search("ＣＯＶＩＤ").hits] == ["c"]
    hit = index.search("workers").hits[0]
    text = corpus.documents.text("c")
    assert hit_texts(text, hit.snippets[0].hits) == ["Ｗｏｒｋｅｒｓ"]
    # FTS5 query syntax in a query is just text
    for query in ('"', "AND", "工会*", "(工会", "NEAR(工会", "title:工会", "2600多个"):
        index.search(query)
    assert index.search("2600多个").total == 1


def test_titles_are_searched(corpus: Store):
    hit = SearchIndex(corpus).search("站点").hits[0]
    assert hit.doc_id == "b" and hit.title_hits == ((9, 11),)
    only_title = SearchIndex(corpus).search("防控")
    assert only_title.total == 1 and only_title.hits[0].hit_count == 0 and only_title.hits[0].title_hits


def test_results_are_paged_in_reading_order(fresh_store: Store):
    docs = [(f"p{i:02d}", f"第{i}篇", f"第{i}篇报道：工会为职工办实事。") for i in range(30)]
    add_documents(fresh_store, *docs)
    index = SearchIndex(fresh_store)
    first = index.search("职工", limit=10)
    second = index.search("职工", limit=10, offset=10)
    assert first.total == second.total == 30
    assert [h.doc_id for h in first.hits] == [f"p{i:02d}" for i in range(10)]
    assert [h.doc_id for h in second.hits] == [f"p{i:02d}" for i in range(10, 20)]
    fresh_store.db.execute("UPDATE documents SET position = -1 WHERE id = 'p29'")
    assert index.search("职工", limit=1).hits[0].doc_id == "p29"


def test_empty_query_and_no_match(corpus: Store):
    index = SearchIndex(corpus)
    assert index.search("").total == 0 and index.search("").hits == []
    assert index.search("量子计算").total == 0


def test_snippets_stay_in_their_paragraph_and_merge_nearby_hits():
    text = "前言\n" + "工会" * 3 + "甲" * 60 + "工会" + "乙" * 10 + "\n末段工会"
    snippets = make_snippets(text, find_hits(text, ["工会"]), context=5, limit=5)
    assert [len(s.hits) for s in snippets] == [3, 1, 1]
    assert all("\n" not in s.text for s in snippets)
    assert all(text[a:b] == "工会" for s in snippets for a, b in s.hits)
    assert len(make_snippets(text, find_hits(text, ["工会"]), context=5, limit=2)) == 2


def test_filter_sql_composes_with_other_conditions(corpus: Store):
    index = SearchIndex(corpus)
    sql, params = index.filter_sql("工会")
    ids = [r[0] for r in corpus.db.conn.execute(
        f"SELECT id FROM documents WHERE {sql} AND id != 'a' ORDER BY position", params)]
    assert ids == ["b", "d"]
    assert index.filter_sql("  ") is None
    assert index.count("工会 𠮷野家") == 1


# --- staying in step ------------------------------------------------------------------------------


def test_changes_made_behind_the_stores_back_are_found(corpus: Store):
    """Merges, splits and other tools change rows directly; triggers catch every change."""
    index = SearchIndex(corpus)
    conn = corpus.db.conn
    assert index.pending() == 0
    conn.execute("UPDATE documents SET text = '改写后的文本：劳模工匠座谈会。', title = '座谈会' WHERE id = 'a'")
    conn.execute("UPDATE documents SET title = '新的标题' WHERE id = 'b'")
    conn.execute("DELETE FROM documents WHERE id = 'd'")
    assert index.pending() == 3
    assert [h.doc_id for h in index.search("工会").hits] == ["b"]
    assert index.pending() == 0
    assert [h.doc_id for h in index.search("工匠").hits] == ["a"]
    assert index.search("站点").hits[0].title_hits == ()
    assert index.search("𠮷野家").total == 0


def test_renamed_document_keeps_its_index_entry(corpus: Store):
    conn = corpus.db.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE documents SET id = 'b2' WHERE id = 'b'")
    conn.execute("PRAGMA foreign_keys = ON")
    index = SearchIndex(corpus)
    assert index.pending() == 0
    assert [h.doc_id for h in index.search("站点").hits] == ["b2"]


def test_a_change_twice_before_a_sync_deletes_what_the_index_holds(corpus: Store):
    conn = corpus.db.conn
    conn.execute("UPDATE documents SET text = '第一次修改：工会' WHERE id = 'a'")
    conn.execute("UPDATE documents SET text = '第二次修改：劳模' WHERE id = 'a'")
    conn.execute("DELETE FROM documents WHERE id = 'a'")
    add_documents(corpus, ("a", "又来了", "第三次：同一个编号的新文档，讲技能竞赛。"))
    index = SearchIndex(corpus)
    assert index.search("修改").total == 0
    assert [h.doc_id for h in index.search("技能").hits] == ["a"]
    assert index.search("专家团").total == 0
    # a contentless FTS5 table corrupts silently on a wrong delete; check it
    conn.execute("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")


def test_rolled_back_imports_leave_nothing_queued(fresh_store: Store):
    index = SearchIndex(fresh_store)
    with pytest.raises(RuntimeError):
        with fresh_store.transaction():
            add_documents(fresh_store, ("x", "标题", "回滚的文档：工会"))
            raise RuntimeError("abort")
    assert index.pending() == 0
    assert index.search("工会").total == 0


def test_large_queues_wait_for_an_explicit_sync(fresh_store: Store):
    docs = [(f"q{i:03d}", "", f"第{i}篇：劳动者港湾") for i in range(320)]
    add_documents(fresh_store, *docs)
    index = SearchIndex(fresh_store)
    results = index.search("港湾")
    assert results.pending == 320 and results.total == 0
    seen: list[tuple[int, int]] = []
    assert index.sync(batch=100, progress=lambda done, total: seen.append((done, total))) == 320
    assert seen[0] == (0, 320) and seen[-1] == (320, 320) and len(seen) == 5
    assert index.search("港湾").total == 320


def test_a_worker_store_syncs_for_the_window(corpus: Store, db_path):
    corpus.db.conn.execute("UPDATE documents SET text = '工人先锋号' WHERE id = 'c'")
    with Store(db_path, annotator="worker") as worker:
        assert SearchIndex(worker).sync() == 1
    assert SearchIndex(corpus).search("先锋", auto_sync=False).total == 1


def test_a_new_tokenizer_version_rebuilds_the_index(corpus: Store):
    corpus.settings.set(TOKENIZER_SETTING, "0")
    index = SearchIndex(corpus)
    assert index.sync() == 4
    assert corpus.settings.get(TOKENIZER_SETTING) != "0"
    assert index.search("工会").total == 3
    assert index.rebuild() == 4
    assert index.search("工会").total == 3


def test_migration_queues_documents_already_in_the_project_for_the_index(db_path):
    db = sqlite_utils.Database(sqlite3.connect(str(db_path), isolation_level=None))
    migrations.migration_set().apply(db, stop_before="0002_search_index")
    db.conn.execute(
        "INSERT INTO documents (id, position, title, text, content_hash, created_at, updated_at) "
        "VALUES ('old', 1, '旧文档', '升级之前导入的文档：工会主席接受采访。', 'h', 'now', 'now')"
    )
    db.conn.close()
    with Store(db_path, annotator="tester") as store:
        index = SearchIndex(store)
        # The migration queues what is already there (cutting text into bigrams
        # takes live code, which a released migration never calls); a sync indexes it.
        assert index.pending() == 1
        assert index.search("主席", auto_sync=False).total == 0
        assert index.sync() == 1
        hit = index.search("主席", auto_sync=False).hits[0]
        assert hit.doc_id == "old" and hit.snippets[0].hits == ((12, 14),)


def test_merges_splits_and_their_undo_stay_searchable(corpus: Store):
    """The ingest edits (annotator/store/segmentation.py) change documents; the index follows."""
    index = SearchIndex(corpus)
    merge = corpus.segmentation.merge("a", "b")
    assert [h.doc_id for h in index.search("站点").hits] == ["a"]
    assert "b" not in [h.doc_id for h in index.search("工会").hits]
    corpus.segmentation.undo(merge)
    assert [h.doc_id for h in index.search("站点").hits] == ["b"]
    text = corpus.documents.text("a")
    split = corpus.segmentation.split("a", text.index("专职"), new_id="a2")
    assert [h.doc_id for h in index.search("张萍").hits] == ["a2"]
    hit = index.search("张萍").hits[0]
    assert corpus.documents.text("a2")[slice(*hit.snippets[0].hits[0])] == "张萍"
    corpus.segmentation.undo(split)
    assert [h.doc_id for h in index.search("张萍").hits] == ["a"]
    corpus.db.conn.execute("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")


def test_a_search_does_not_wait_for_a_writer(corpus: Store, db_path):
    """While an import holds the write lock, searching answers at once from what is indexed."""
    corpus.db.conn.execute("UPDATE documents SET text = '新的文本：职工之家' WHERE id = 'c'")
    with Store(db_path, annotator="importer") as importer:
        importer.db.conn.execute("BEGIN IMMEDIATE")
        try:
            results = SearchIndex(corpus).search("职工")
        finally:
            importer.db.conn.execute("ROLLBACK")
    assert results.pending == 1
    assert results.elapsed_ms < 2500  # the busy timeout is 5 s: it did not wait for it
    assert corpus.db.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert SearchIndex(corpus).search("之家").total == 1
