"""The reviewer's segmentation edits: merge, split and move, each undone exactly and redone with the same ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.formats.registry import ReadOptions
from annotator.ingest.text_reader import read_text
from annotator.model import Candidate, Status

PAGE = """北京工会开展技能比武

本报讯（记者张三）近日，北京市总工会举办职工技能比武，200余名职工参加。

比赛设焊工、电工等8个项目，优胜者获评“北京工匠”称号。

上海职工书屋焕新

本报讯（记者李四）日前，上海市总工会为50家企业的职工书屋更新图书。

新书涵盖技能培训、文学历史等类别，共计2万余册。
"""

# Tables whose rows a segmentation edit may change; search and event tables are bookkeeping.
_STATE_TABLES = ("documents", "entities", "relations", "candidates", "doc_labels", "time_spent")


def state(store) -> dict[str, list[tuple]]:
    """Every row of every table a segmentation edit touches, in a stable order."""
    out = {}
    for table in _STATE_TABLES:
        cursor = store.db.execute(f"SELECT * FROM {table}")
        names = [column[0] for column in cursor.description]
        out[table] = sorted(tuple(sorted(zip(names, row))) for row in cursor)
    return out


def without_times(snapshot: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    return {
        table: [tuple(kv for kv in row if kv[0] not in ("updated_at", "created_at")) for row in rows]
        for table, rows in snapshot.items()
    }


def assert_provenance_holds(store, source_text: str) -> None:
    for doc_id in store.documents.ids():
        doc = store.documents.get(doc_id)
        raw = doc.raw_text if doc.raw_text is not None else doc.text
        covered = set()
        for piece in doc.provenance.pieces:
            assert raw[piece.start : piece.end] == source_text[piece.src_start : piece.src_end], (doc_id, piece)
            covered.update(range(piece.start, piece.end))
        # what no piece covers was inserted by the importer or an edit: paragraph breaks only
        assert all(raw[i] == "\n" for i in range(len(raw)) if i not in covered), doc_id


@pytest.fixture
def page(tmp_path: Path, fresh_store):
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    source = read_text(path, ReadOptions())
    fresh_store.documents.import_source(source)
    first, second = fresh_store.documents.ids()
    return fresh_store, first, second


def find(store, doc_id: str, needle: str) -> tuple[int, int]:
    start = store.documents.text(doc_id).index(needle)
    return start, start + len(needle)


def annotate(store, doc_id: str) -> dict[str, int]:
    """A person, an organisation, a relation between them, a pending candidate, a topic and some time."""
    per = store.annotations.add_entity(doc_id, *find(store, doc_id, "张三" if "张三" in store.documents.text(doc_id) else "李四"), "PER")
    org_text = "北京市总工会" if "北京" in store.documents.text(doc_id) else "上海市总工会"
    org = store.annotations.add_entity(doc_id, *find(store, doc_id, org_text), "ORG")
    relation = store.annotations.add_relation(per.id, org.id, "works_at")
    start, end = find(store, doc_id, "职工")
    store.candidates.replace({doc_id: [Candidate(doc_id, start, end, "ORG", "职工", "test", 0.5)]})
    store.annotations.set_doc_label(doc_id, "topic", "职工服务")
    store.annotations.add_time(doc_id, 12.5)
    return {"per": per.id, "org": org.id, "relation": relation.id}


def test_the_page_imports_as_two_articles_with_provenance(page):
    store, first, second = page
    assert [store.documents.get(d).title for d in (first, second)] == ["北京工会开展技能比武", "上海职工书屋焕新"]
    assert_provenance_holds(store, PAGE)


def test_merge_appends_the_second_document_and_moves_its_annotations(page):
    store, first, second = page
    first_text, second_text = store.documents.text(first), store.documents.text(second)
    ids = annotate(store, second)
    edit = store.segmentation.merge(first, second)
    assert not store.documents.exists(second)
    merged = store.documents.get(first)
    assert merged.text == first_text + "\n" + second_text
    shift = len(first_text) + 1
    per = store.annotations.entity(ids["per"])
    assert (per.doc_id, per.text, per.start) == (first, "李四", shift + second_text.index("李四"))
    assert store.annotations.relation(ids["relation"]).doc_id == first
    assert [c.text for c in store.candidates.for_document(first)] == ["职工"]
    assert store.annotations.doc_labels(first) == {"topic": "职工服务"}
    assert store.annotations.time_spent(first) == {"tester": 12.5}
    assert merged.meta["merged"] == [{"id": second, "title": "上海职工书屋焕新", "offset": shift}]
    assert edit.removed == [second] and edit.created == []
    assert_provenance_holds(store, PAGE)
    assert store.check() == []


def test_undoing_a_merge_restores_everything_exactly_and_redo_repeats_it(page):
    store, first, second = page
    annotate(store, first)
    annotate(store, second)
    before = state(store)
    edit = store.segmentation.merge(first, second)
    after = state(store)
    store.segmentation.undo(edit)
    assert state(store) == before
    again = store.segmentation.redo(edit)
    assert without_times(state(store)) == without_times(after)
    store.segmentation.undo(again)
    assert state(store) == before
    actions = [e.action for e in store.events.find() if e.action.startswith("document.")]
    assert actions[-4:] == ["document.merge", "document.unmerge", "document.merge", "document.unmerge"]


def test_merging_without_a_paragraph_break_rejoins_a_cut_sentence(page):
    store, first, second = page
    text_a, text_b = store.documents.text(first), store.documents.text(second)
    store.segmentation.merge(first, second, separator="")
    assert store.documents.text(first) == text_a + text_b
    assert_provenance_holds(store, PAGE)


def test_merge_refuses_a_document_with_itself_and_other_separators(page):
    store, first, _ = page
    with pytest.raises(InputError, match="itself"):
        store.segmentation.merge(first, first)
    with pytest.raises(InputError, match="paragraph break"):
        store.segmentation.merge(first, store.documents.adjacent(first), separator=" ")


def test_split_makes_a_new_document_right_after_with_a_source_based_id(page):
    store, first, second = page
    text = store.documents.text(first)
    cut = text.index("比赛设")
    ids = annotate(store, first)
    edit = store.segmentation.split(first, cut)
    new_id = edit.created[0]
    assert store.documents.ids() == [first, new_id, second]
    assert store.documents.text(first) == text[: cut - 1]
    assert store.documents.text(new_id) == text[cut:]
    assert new_id.split("-")[0] == first.split("-")[0]  # same file hash, like an imported document
    assert store.documents.get(new_id).meta["split_from"] == first
    # without a title given, the new document is named after its first words
    assert store.documents.get(new_id).title == text[cut : cut + 24] + "…"
    assert store.annotations.entity(ids["per"]).doc_id == first
    assert store.annotations.doc_labels(new_id) == {"topic": "职工服务"}
    assert_provenance_holds(store, PAGE)
    assert store.check() == []


def test_undoing_a_split_restores_exactly_and_redo_reuses_the_new_id(page):
    store, first, _ = page
    annotate(store, first)
    before = state(store)
    text = store.documents.text(first)
    edit = store.segmentation.split(first, text.index("比赛设"), title="北京比武（续）")
    after = state(store)
    store.segmentation.undo(edit)
    assert state(store) == before
    again = store.segmentation.redo(edit)
    assert again.created == edit.created
    assert store.documents.get(again.created[0]).title == "北京比武（续）"
    assert without_times(state(store)) == without_times(after)


def test_split_moves_entities_after_the_cut_and_refuses_one_across_it(page):
    store, first, _ = page
    text = store.documents.text(first)
    cut = text.index("比赛设")
    welder = store.annotations.add_entity(first, *find(store, first, "北京工匠"), "TITLE")
    edit = store.segmentation.split(first, cut)
    moved = store.annotations.entity(welder.id)
    assert moved.doc_id == edit.created[0] and moved.start == text.index("北京工匠") - cut
    store.segmentation.undo(edit)
    start, end = find(store, first, "北京市总工会")
    store.annotations.add_entity(first, start, end, "ORG")
    before = state(store)
    with pytest.raises(InputError, match="'北京市总工会' .*cut in two"):
        store.segmentation.split(first, start + 2)
    assert state(store) == before  # nothing half-done


def test_split_refuses_a_relation_whose_ends_would_part(page):
    store, first, _ = page
    text = store.documents.text(first)
    person = store.annotations.add_entity(first, *find(store, first, "张三"), "PER")
    title = store.annotations.add_entity(first, *find(store, first, "北京工匠"), "TITLE")
    store.annotations.add_relation(person.id, title.id, "has_title")
    with pytest.raises(InputError, match="has_title.*different documents"):
        store.segmentation.split(first, text.index("比赛设"))


def test_split_drops_a_candidate_it_cuts_and_undo_brings_it_back(page):
    store, first, _ = page
    text = store.documents.text(first)
    start = text.index("比赛设") - 3
    store.candidates.replace({first: [Candidate(first, start, start + 6, "ORG", text[start : start + 6], "test", 0.4)]})
    before = state(store)
    edit = store.segmentation.split(first, text.index("比赛设"))
    assert store.candidates.for_document(first) == [] and store.candidates.for_document(edit.created[0]) == []
    store.segmentation.undo(edit)
    assert state(store) == before


def test_split_refuses_points_outside_the_text_or_leaving_an_empty_side(page):
    store, first, _ = page
    length = len(store.documents.text(first))
    for offset in (0, length, -3):
        with pytest.raises(InputError, match="inside the text"):
            store.segmentation.split(first, offset)


def test_move_a_paragraph_to_the_end_of_another_document(page):
    store, first, second = page
    text_a, text_b = store.documents.text(first), store.documents.text(second)
    start, end = find(store, first, "比赛设焊工、电工等8个项目，优胜者获评“北京工匠”称号。")
    prize = store.annotations.add_entity(first, *find(store, first, "北京工匠"), "TITLE")
    before = state(store)
    edit = store.segmentation.move_text(first, start, end, second)
    assert store.documents.text(first) == text_a[: start - 1]
    assert store.documents.text(second) == text_b + "\n" + text_a[start:end]
    moved = store.annotations.entity(prize.id)
    assert moved.doc_id == second and store.documents.text(second)[moved.start : moved.end] == "北京工匠"
    assert_provenance_holds(store, PAGE)
    assert store.check() == []
    store.segmentation.undo(edit)
    assert state(store) == before


def test_move_to_the_start_or_a_paragraph_start_of_the_target(page):
    store, first, second = page
    text_a, text_b = store.documents.text(first), store.documents.text(second)
    start, end = find(store, first, "比赛设焊工、电工等8个项目，优胜者获评“北京工匠”称号。")
    store.segmentation.move_text(first, start, end, second, at=0)
    assert store.documents.text(second) == text_a[start:end] + "\n" + text_b
    assert_provenance_holds(store, PAGE)


def test_move_refuses_emptying_the_source_or_landing_inside_a_paragraph(page):
    store, first, second = page
    length = len(store.documents.text(first))
    with pytest.raises(InputError, match="merge the two documents instead"):
        store.segmentation.move_text(first, 0, length, second)
    with pytest.raises(InputError, match="start of a paragraph"):
        store.segmentation.move_text(first, 0, 5, second, at=3)
    with pytest.raises(InputError, match="different documents"):
        store.segmentation.move_text(first, 0, 5, first)


def test_move_refuses_to_cut_an_entity(page):
    store, first, second = page
    store.annotations.add_entity(first, *find(store, first, "北京工匠"), "TITLE")
    start, _ = find(store, first, "北京工匠")
    with pytest.raises(InputError, match="'北京工匠'.*cut in two"):
        store.segmentation.move_text(first, start + 2, len(store.documents.text(first)), second)


def test_undo_refuses_when_the_documents_changed_since(page):
    store, first, second = page
    edit = store.segmentation.merge(first, second)
    store.annotations.add_entity(first, *find(store, first, "李四"), "PER")
    with pytest.raises(InputError, match="entities changed since"):
        store.segmentation.undo(edit)


def test_time_spent_after_a_merge_survives_its_undo(page):
    store, first, second = page
    store.annotations.add_time(first, 10)
    edit = store.segmentation.merge(first, second)
    store.annotations.add_time(first, 5)
    store.segmentation.undo(edit)
    assert store.annotations.time_spent(first) == {"tester": 15}


def test_a_merge_of_documents_in_different_states_is_in_progress(page):
    store, first, second = page
    store.documents.set_status(second, Status.DONE)
    store.segmentation.merge(first, second)
    assert store.documents.get(first).status is Status.IN_PROGRESS


def test_adjacent_document_walks_reading_order(page):
    store, first, second = page
    assert store.documents.adjacent(first) == second
    assert store.documents.adjacent(second, -1) == first
    assert store.documents.adjacent(second) is None


def test_flags_follow_their_text(tmp_path: Path, fresh_store):
    """A reviewer's flag on a continuation stays at the join after the text moves."""
    path = tmp_path / "cont.txt"
    path.write_text(
        "河南郑州为环卫工人送温暖\n\n本报讯（记者刘佳）郑州市总工会为环卫工人送去防寒用品，让更多户外劳动者能够就近享受到\n\n"
        "一封感谢信\n\n本报记者 吴桐\n\n“谢谢你们帮我讨回了工钱！”日前，一封感谢信寄到了怀化市总工会。\n\n"
        "张大山在信中写道，工会就是娘家。\n\n温暖服务。截至目前，郑州市总工会已累计投入资金用于户外劳动者关爱行动。\n",
        encoding="utf-8",
    )
    fresh_store.documents.import_source(read_text(path, ReadOptions()))
    first, second = fresh_store.documents.ids()
    flags = fresh_store.documents.get(first).meta["flags"]
    join = next(f for f in flags if f["kind"] == "continuation")
    text = fresh_store.documents.text(first)
    assert text[join["offset"] : join["offset"] + 4] == "温暖服务"
    edit = fresh_store.segmentation.merge(second, first)
    merged = fresh_store.documents.get(second)
    moved = next(f for f in merged.meta["flags"] if f["kind"] == "continuation")
    assert merged.text[moved["offset"] : moved["offset"] + 4] == "温暖服务"
    fresh_store.segmentation.undo(edit)
    assert fresh_store.documents.get(first).meta["flags"] == flags


def test_documents_without_provenance_can_be_split_and_merged(fresh_store):
    from annotator.model import AnnotatedDocument, Document, SourceFile

    docs = [Document(f"d{i}", f"第{i}篇第一段。\n第{i}篇第二段。", title=f"篇{i}", kind="text") for i in (1, 2)]
    fresh_store.documents.import_source(
        SourceFile("x.jsonl", "x.jsonl", "0" * 64, 1, "jsonl", documents=[AnnotatedDocument(d) for d in docs])
    )
    before = state(fresh_store)
    split = fresh_store.segmentation.split("d1", docs[0].text.index("第1篇第二段"))
    assert split.created == ["d1-8"] and fresh_store.documents.get("d1-8").provenance is None
    merge = fresh_store.segmentation.merge("d1", "d2")
    assert fresh_store.documents.text("d1") == "第1篇第一段。\n第2篇第一段。\n第2篇第二段。"
    fresh_store.segmentation.undo(merge)
    fresh_store.segmentation.undo(split)
    assert state(fresh_store) == before
