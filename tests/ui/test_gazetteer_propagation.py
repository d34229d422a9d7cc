"""Labelling a text in the window makes its other occurrences candidates, and undo takes that back."""

from __future__ import annotations

from review_projects import ARTICLE, add_document, span


def gazetteer_candidates(store, doc_id: str, text: str):
    return [
        (c.label, c.state.value)
        for c in store.candidates.for_document(doc_id)
        if c.text == text and "gazetteer" in c.source
    ]


def test_a_new_label_reaches_other_unfinished_documents_and_undo_takes_it_back(window, qtbot):
    add_document(window.store, "a3", "𠮷野家在北京开了新店。", title="第三篇")
    window.jobs.set_propagation_delay(0)
    assert gazetteer_candidates(window.store, "a3", "𠮷野家") == []

    with qtbot.waitSignal(window.jobs.candidatesReady, timeout=20_000) as ready:
        assert window.controller.apply_label("ORG", span(ARTICLE, "𠮷野家"))
    assert "a3" in ready.args[0]
    assert gazetteer_candidates(window.store, "a3", "𠮷野家") == [("ORG", "pending")]

    with qtbot.waitSignal(window.jobs.candidatesReady, timeout=20_000):
        window.controller.undo()
    assert gazetteer_candidates(window.store, "a3", "𠮷野家") == []
