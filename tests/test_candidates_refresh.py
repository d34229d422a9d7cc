"""Computing and storing candidates: refresh, progress, the worker pool, and candidates at import."""

from __future__ import annotations

import json

import pytest
from candidates_helpers import add_documents, pending

from annotator.candidates import refresh, refresh_candidates
from annotator.cli.main import main
from annotator.project.importing import import_paths
from annotator.store import Store

TEXTS = {
    "one": "本报讯（记者张建华）昨天，河南省洛阳市涧西区总工会召开会议，发放慰问金8500元。",
    "two": "湖南省总工会党组书记、常务副主席王建国出席会议。2019年3月8日，活动启动。",
    "empty": "　\n",
}


def test_refresh_stores_candidates_with_source_and_score_and_reports_progress(fresh_store):
    add_documents(fresh_store, TEXTS)
    calls = []
    stored = refresh_candidates(fresh_store, ["one", "two", "empty", "one"], progress=lambda d, t: calls.append((d, t)))
    candidates = fresh_store.candidates.for_document("one") + fresh_store.candidates.for_document("two")
    assert stored == len(candidates) > 0
    assert fresh_store.candidates.for_document("empty") == []
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)
    text = {doc_id: fresh_store.documents.text(doc_id) for doc_id in ("one", "two")}
    for c in candidates:
        assert text[c.doc_id][c.start : c.end] == c.text
        assert c.source and 0 < c.score <= 1
    assert {(c.text, c.label) for c in candidates} >= {
        ("张建华", "PER"), ("河南省洛阳市涧西区总工会", "ORG"), ("8500元", "MONEY"), ("王建国", "PER")
    }


def test_refreshing_again_replaces_pending_candidates_instead_of_adding(fresh_store):
    add_documents(fresh_store, TEXTS)
    first = refresh_candidates(fresh_store, ["one"])
    before = fresh_store.candidates.for_document("one")
    second = refresh_candidates(fresh_store, ["one"])
    after = fresh_store.candidates.for_document("one")
    assert first == len(before) == len(pending(fresh_store, "one")) > 0
    # Nothing changed, so nothing was rewritten: the same rows keep their ids.
    assert second == 0
    assert after == before


def test_refresh_of_nothing_does_nothing(fresh_store):
    calls = []
    assert refresh_candidates(fresh_store, [], progress=lambda d, t: calls.append((d, t))) == 0
    assert calls == [(0, 0)]


@pytest.mark.slow
def test_a_large_batch_goes_to_worker_processes_and_gives_the_same_result(fresh_store, monkeypatch):
    texts = {f"d{i}": text + f"（第{i}段）" for i, text in enumerate(list(TEXTS.values())[:2] * 6)}
    add_documents(fresh_store, texts)
    ids = list(texts)
    refresh_candidates(fresh_store, ids, workers=1)
    in_process = {doc_id: [(c.start, c.end, c.label, c.source) for c in fresh_store.candidates.for_document(doc_id)] for doc_id in ids}

    used_pool = []
    real_pooled = refresh._pooled

    def watched(chunks, context, workers):
        used_pool.append(workers)
        yield from real_pooled(chunks, context, workers)

    monkeypatch.setattr(refresh, "POOL_MIN_CHARS", 1)
    monkeypatch.setattr(refresh, "CHUNK_DOCUMENTS", 3)
    monkeypatch.setattr(refresh, "_pooled", watched)
    calls = []
    refresh_candidates(fresh_store, ids, workers=2, progress=lambda d, t: calls.append(d))
    assert used_pool == [2]
    assert calls == [0, 3, 6, 9, 12]
    pooled = {doc_id: [(c.start, c.end, c.label, c.source) for c in fresh_store.candidates.for_document(doc_id)] for doc_id in ids}
    assert pooled == in_process


def test_a_failing_pool_falls_back_to_this_process(fresh_store, monkeypatch):
    add_documents(fresh_store, TEXTS)

    def broken(chunks, context, workers):
        raise OSError("no processes allowed here")
        yield  # pragma: no cover

    monkeypatch.setattr(refresh, "POOL_MIN_CHARS", 1)
    monkeypatch.setattr(refresh, "_pooled", broken)
    assert refresh_candidates(fresh_store, ["one", "two"], workers=2) > 0
    assert pending(fresh_store, "one")


# --- at import -------------------------------------------------------------------------


def test_imported_documents_get_candidates(fresh_store, seed_copy):
    page = sorted(seed_copy.glob("*.txt"))[0]
    progress = []
    (report,) = import_paths(fresh_store, [page], candidate_progress=lambda d, t: progress.append((d, t)))
    assert report.doc_ids
    assert sum(len(fresh_store.candidates.for_document(doc_id)) for doc_id in report.doc_ids) > 20
    assert progress[-1] == (len(report.doc_ids), len(report.doc_ids))


def test_import_without_candidates(fresh_store, seed_copy):
    page = sorted(seed_copy.glob("*.txt"))[0]
    (report,) = import_paths(fresh_store, [page], suggest=False)
    assert all(fresh_store.candidates.for_document(doc_id) == [] for doc_id in report.doc_ids)


def test_documents_that_bring_their_own_candidates_keep_them(fresh_store, tmp_path):
    path = tmp_path / "with_candidates.jsonl"
    record = {
        "id": "m1", "text": "张建华说，河南省洛阳市涧西区总工会召开会议。",
        "candidates": [{"start": 0, "end": 3, "label": "PER", "source": "model", "score": 0.7}],
    }
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(fresh_store, [path])
    assert [(c.text, c.source) for c in fresh_store.candidates.for_document("m1")] == [("张建华", "model")]


def test_cli_import_computes_candidates_unless_told_not_to(tmp_path, seed_copy, capsys):
    page = str(sorted(seed_copy.glob("*.txt"))[0])
    with_db, without_db = tmp_path / "with.db", tmp_path / "without.db"
    assert main(["import", "--db", str(with_db), page]) == 0
    assert "candidate spans suggested" in capsys.readouterr().err
    assert main(["import", "--db", str(without_db), "--no-candidates", page]) == 0
    with Store(with_db) as store:
        assert store.stats()["candidates"]["pending"] > 0
    with Store(without_db) as store:
        assert store.stats()["candidates"]["pending"] == 0


def _selects_while_refreshing(store: Store, doc_ids: list[str]) -> int:
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        refresh_candidates(store, doc_ids, workers=1)
    finally:
        store.db.conn.set_trace_callback(None)
    return sum(1 for sql in statements if sql.lstrip().upper().startswith("SELECT"))


def test_a_refresh_reads_each_batch_in_a_fixed_number_of_queries(fresh_store):
    """No query per document: 60 documents take as many SELECTs as 6 (one batch each)."""
    add_documents(fresh_store, {f"d{i}": TEXTS["one"].replace("张建华", f"张建{i}") for i in range(60)})
    # the project's first refresh also reads what the store keeps for every later one (the label schema)
    _selects_while_refreshing(fresh_store, ["d0"])
    few = _selects_while_refreshing(fresh_store, [f"d{i}" for i in range(6)])
    many = _selects_while_refreshing(fresh_store, [f"d{i}" for i in range(60)])
    assert many == few
