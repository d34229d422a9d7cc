"""Review steps on Qt's undo stack: the adapter keeps the steps' rules (refusals dropped, resizes merged)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from review_projects import ARTICLE, snapshot, span

from annotator.review import steps as s
from annotator.ui import commands as c


@pytest.fixture
def history(qapp):
    changes, refusals = [], []
    stack = QUndoStack()
    history = c.QtHistory(stack, changes.append, refusals.append)
    history.changes, history.refusals = changes, refusals
    yield history
    stack.clear()


def test_a_step_round_trips_on_the_undo_stack(store, history):
    before = snapshot(store)
    assert history.push(s.AddEntity(store, "a1", *span(ARTICLE, "浙江省"), "LOC"))
    after = snapshot(store)
    assert history.undo_text() == "Label “浙江省” as LOC"
    history.undo()
    assert snapshot(store) == before
    history.redo()
    assert snapshot(store) == after
    assert len(history.changes) == 3


def test_a_refused_step_is_dropped_from_the_stack_with_its_reason(store, history):
    start, end = span(ARTICLE, "浙江省")
    history.push(s.AddEntity(store, "a1", start, end, "LOC"))
    assert not history.push(s.AddEntity(store, "a1", start, end, "LOC"))
    assert history.stack.count() == 1
    assert "already labelled LOC" in history.refusals[-1]


def test_resizes_of_one_entity_merge_into_one_command(store, history):
    start, end = span(ARTICLE, "姚庄镇总工")
    entity = store.annotations.add_entity("a1", start, end, "ORG")
    before = snapshot(store)
    history.push(s.UpdateEntity(store, entity.id, end=end + 1))
    history.push(s.UpdateEntity(store, entity.id, start=start - 1))
    history.push(s.UpdateEntity(store, entity.id, start=start))
    assert history.stack.count() == 1
    history.undo()
    assert snapshot(store) == before


def test_every_step_has_a_translatable_title_with_the_same_english():
    """steps.TITLES (the logic's English) and the app's translate() calls must name the same steps."""
    app_titles = c.step_titles()
    assert set(app_titles) | {"label_occurrences"} == set(s.TITLES)
    for key, english in app_titles.items():
        assert english == s.TITLES[key], key  # no translator installed: the source text comes back
    assert c.step_text(s.Title("label_occurrences", ("“总工会”", "ORG"), count=3)) == "Label 3 occurrence(s) of “总工会” as ORG"
