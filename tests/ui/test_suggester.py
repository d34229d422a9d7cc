"""The app learns while the reviewer works: background retraining, the document on screen held still, most unsure first."""

from __future__ import annotations

import hashlib

import pytest
from learning_projects import QUICK, tiny_project
from PySide6.QtWidgets import QMessageBox

from annotator.learning import set_retrain_every
from annotator.model import Status
from annotator.store import Store
from annotator.store.models import ModelRecord

OPEN = "tiny-todo-1"
OTHERS = ["tiny-todo-2", "tiny-todo-3", "tiny-todo-4"]


@pytest.fixture
def learning_window(tmp_path, qtbot, qsettings_tmp):
    """The window on a project with 12 documents done and 4 to do, training quickly in this process."""
    from annotator.ui.app import build_main_window

    path = tmp_path / "tiny.db"
    tiny_project(path).close()
    win = build_main_window(path, "tester")
    win.learning.in_process = True
    win.learning.settings = QUICK
    qtbot.addWidget(win)
    win.start(background=False)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def candidates_of(store: Store, doc_id: str) -> list[tuple]:
    return sorted((c.id, c.start, c.end, c.label, c.source, c.state.value) for c in store.candidates.for_document(doc_id))


def train(window, qtbot, *, action: str = "train_suggester"):
    with qtbot.waitSignal(window.learning.trained, timeout=120_000) as trained:
        window.actions_by_name[action].trigger()
    return trained.args[0]


def test_train_now_learns_in_the_background_and_refreshes_the_other_unfinished_documents(learning_window, qtbot):
    window = learning_window
    assert window.controller.doc_id == OPEN
    progress: list[tuple[str, int]] = []
    window.learning.progress.connect(lambda text, percent, _cancellable: progress.append((text, percent)))
    with qtbot.waitSignal(window.learning.candidatesReady, timeout=120_000) as ready:
        outcome = train(window, qtbot)
    store = window.store
    model = store.models.current()
    assert model is not None and model.documents == 12 and outcome.report.model.id == model.id
    # progress went through the phases, up to the candidates, and the status bar was cleared at the end
    assert any(p > 0 for _text, p in progress) and any(p >= 80 for _text, p in progress)
    assert progress[-1] == ("", -1) and not window.status.learning_bar.isVisible()
    # every other unfinished document has the new model's candidates and its uncertainty
    assert sorted(ready.args[0]) == OTHERS
    for doc_id in OTHERS:
        assert store.models.uncertainty(doc_id).model_id == model.id
    assert any("model" in c[4].split("+") for doc_id in OTHERS for c in candidates_of(store, doc_id))
    assert "F1" in window.status.currentMessage()


def test_the_open_documents_spans_do_not_move_until_the_reviewer_moves_on(learning_window, qtbot):
    window = learning_window
    store = window.store
    before = candidates_of(store, OPEN)
    shown = [(s.key, s.start, s.end, s.label) for s in window.controller.state.spans]
    assert before, "the rules suggested something in the open document"
    window.controller.set_focus(shown[0][0])
    focus = window.controller.focus

    train(window, qtbot)
    assert window.hold.held() == {OPEN}
    assert candidates_of(store, OPEN) == before
    assert [(s.key, s.start, s.end, s.label) for s in window.controller.state.spans] == shown
    assert window.controller.focus == focus
    assert store.models.uncertainty(OPEN) is None  # not measured by the new model yet

    # a label propagated meanwhile does not sneak the new model's candidates in either
    window.jobs.set_propagation_delay(0)
    with qtbot.waitSignal(window.jobs.candidatesReady, timeout=30_000):
        window.jobs.propagate(["高峰"])
    assert candidates_of(store, OPEN) == before

    # moving on: the document left gets the new model's candidates
    with qtbot.waitSignal(window.learning.candidatesReady, timeout=60_000) as ready:
        window.controller.open_document("tiny-todo-2")
    assert ready.args[0] == [OPEN]
    assert window.hold.held() == set()
    assert store.models.uncertainty(OPEN).model_id == store.models.latest_id()
    assert candidates_of(store, OPEN) != before


def test_retraining_starts_by_itself_after_every_n_finished_documents(learning_window, qtbot):
    window = learning_window
    store = window.store
    train(window, qtbot)
    set_retrain_every(store, 2)
    window.controller.done_and_next()  # one newly finished: not yet
    qtbot.waitUntil(lambda: not window.learning.tasks.busy, timeout=30_000)
    assert store.models.latest_id() == 1 and not window.learning.running
    with qtbot.waitSignal(window.learning.trained, timeout=120_000) as trained:
        window.controller.done_and_next()  # two: retrain
    assert trained.args[0].automatic
    assert store.models.latest_id() == 2 and store.models.current().documents == 14


def test_automatic_retraining_can_be_switched_off(learning_window, qtbot):
    from annotator.learning import set_retrain_automatically

    window = learning_window
    set_retrain_every(window.store, 1)
    set_retrain_automatically(window.store, False)
    window.controller.done_and_next()
    qtbot.waitUntil(lambda: not window.learning.tasks.busy, timeout=30_000)
    assert window.store.models.latest_id() is None


def test_cancelling_keeps_the_suggester_as_it_was(learning_window, qtbot):
    window = learning_window
    assert window.learning.train()
    assert window.actions_by_name["stop_training"].isEnabled() or window.learning.running
    with qtbot.waitSignal(window.learning.message, timeout=60_000) as said:
        window.status.cancel_learning.click() if window.status.cancel_learning.isVisible() else window.learning.cancel()
    assert "cancelled" in said.args[0]
    qtbot.waitUntil(lambda: not window.learning.tasks.busy, timeout=30_000)
    assert window.store.models.latest_id() is None
    assert not window.status.learning_bar.isVisible()


def test_too_little_reviewed_data_says_how_much_more_is_needed(tmp_path, qtbot, qsettings_tmp):
    from annotator.ui.app import build_main_window

    path = tmp_path / "few.db"
    tiny_project(path, keep=lambda r: r["id"] in {"tiny-01", "tiny-02"} or r["status"] != "done").close()
    window = build_main_window(path, "tester")
    qtbot.addWidget(window)
    window.start(background=False)
    try:
        with qtbot.waitSignal(window.learning.notReady, timeout=60_000):
            window.actions_by_name["train_suggester"].trigger()
        box = window.findChild(QMessageBox, "NotEnoughToTrain")
        assert box is not None and box.isVisible()
        text = box.text()
        assert "2 documents marked done, with 6 entities" in text
        assert "Mark 3 more documents as done." in text and "Label 14 more entities" in text
        assert "Until then suggestions come from the rules, the gazetteer and the starter model bundled with Annotator." in text
        box.close()
        assert window.store.models.latest_id() is None
    finally:
        window.close()


def test_a_damaged_model_is_reported_in_plain_words_and_train_now_replaces_it(learning_window, qtbot):
    window = learning_window
    store = window.store
    train(window, qtbot)
    (data,) = store.db.conn.execute("SELECT data FROM models WHERE id = 1").fetchone()
    damaged = data[:40] + bytes(len(data) - 40)  # the same size, but not the same bytes
    with store.db.conn:
        store.db.conn.execute("UPDATE models SET data = ? WHERE id = 1", (damaged,))
    with qtbot.waitSignal(window.learning.modelProblem, timeout=30_000) as problem:
        window.learning.start()
    assert "damaged" in problem.args[0] and "Train suggester now" in problem.args[0]
    assert "damaged" in window.status.currentMessage()
    train(window, qtbot)
    assert store.models.current().id == 2


def _measured_project(store: Store, uncertainty: dict[str, float]) -> None:
    """A stored model (bytes that only look like one) and how unsure it is of each document."""
    from annotator.store.models import DocumentUncertainty

    data = b"lCRF" + bytes(60)
    model_id = store.models.add(ModelRecord(data, documents=12, entities=35, labels=("PER",), settings={}, metrics={})).id
    with store.transaction():
        store.models.record_uncertainty(DocumentUncertainty(d, model_id, u, u) for d, u in uncertainty.items())
    assert hashlib.sha256(data).hexdigest()


def test_most_unsure_first_orders_the_list_and_done_and_next_follows_it(learning_window, qtbot):
    window = learning_window
    store = window.store
    _measured_project(store, {"tiny-todo-2": 0.2, "tiny-todo-3": 0.7, "tiny-todo-4": 0.4})
    window.documents.set_order("most_unsure")
    assert window.controller.order == "most_unsure" and window.jobs.order == "most_unsure"
    listed = window.documents.listed_document_ids()
    # measured unfinished documents, least sure first; then the rest in reading order
    assert listed[:3] == ["tiny-todo-3", "tiny-todo-4", "tiny-todo-2"]
    assert listed[3:] == [f"tiny-{n:02d}" for n in range(1, 13)] + [OPEN]
    row = window.documents.model.row_at(0)
    assert row.uncertainty == pytest.approx(0.7)
    assert "unsure 70%" in window.documents.delegate._detail_text(row)
    # Ctrl+Return opens the most unsure of the rest
    window.controller.done_and_next()
    assert window.controller.doc_id == "tiny-todo-3"
    window.controller.done_and_next()
    assert window.controller.doc_id == "tiny-todo-4"
    # clearing the filters keeps the order; reading order puts it back
    window.documents.clear_filters()
    assert window.documents.filter.order == "most_unsure"
    window.documents.set_order("reading")
    assert window.documents.listed_document_ids()[0] == "tiny-01"
    window.controller.done_and_next()
    assert window.controller.doc_id == "tiny-todo-2"  # the next unfinished in reading order, wrapping


def test_the_order_is_remembered_between_sessions(learning_window, qtbot, qsettings_tmp):
    from annotator.ui.settings import ui_settings

    learning_window.documents.set_order("most_unsure")
    learning_window.save_settings(ui_settings())
    assert ui_settings().value("documents/order") == "most_unsure"


def test_the_dashboard_plots_the_learning_curve(learning_window, qtbot):
    from annotator.ui.dashboard import Dashboard

    window = learning_window
    train(window, qtbot)
    window.store.documents.set_status("tiny-todo-2", Status.DONE)
    train(window, qtbot)
    dashboard = Dashboard(window.store)
    qtbot.addWidget(dashboard)
    with qtbot.waitSignal(dashboard.loaded, timeout=30_000) as loaded:
        dashboard.refresh()
    curve = loaded.args[0].learning
    chart = dashboard.learning_chart
    # the first model's full cross-validation, the second's half and full: documents learned from, rising
    # the second model's training on half of each fold's documents (a ring), the first model's full
    # cross-validation (8 of 12 documents per fold), the second's (13 documents: 8.7 per fold)
    assert [(p[0], p[4]) for p in chart.points] == [(4.0, True), (8.0, False), (8.7, False)]
    assert [p.version for p in curve.points] == [2, 1, 2]
    assert chart.points[1][1] == window.store.models.summary(1).metrics["overall"]["f1"]
    assert "model version 1, 12 reviewed" in chart.points[1][3]
    assert [p[4] for p in chart.points] == [p.subset for p in curve.points]
    assert set(curve.labels) <= {"PER", "ORG", "LOC"} and "PER" in curve.labels
    # each label's line is named as the dashboard's other cards name it: the schema's display name
    display = {label.name: label.display for label in window.store.schema.current.entities}
    assert display["PER"] != "PER"
    assert {name for name, _points in chart.series()} == {chart.ALL, *(display[label] for label in curve.labels)}
    assert f"{display['PER']}: " in chart.points[1][3]
    assert "version 2" in dashboard.learning_summary.text()
    dashboard.shutdown()


def test_the_suggester_dialog_shows_the_models_figures_per_label_and_saves_when_to_retrain(learning_window, qtbot):
    from annotator.learning import retrain_automatically, retrain_every
    from annotator.ui.suggester_dialog import SuggesterDialog

    window = learning_window
    train(window, qtbot)
    dialog = SuggesterDialog(window.store, window.learning, window)
    qtbot.addWidget(dialog)
    metrics = window.store.models.current().metrics
    display = {label.name: label.display for label in window.store.schema.current.entities}
    rows = {dialog.figures.item(row, 0).text(): [dialog.figures.item(row, column).text() for column in (1, 2, 3)]
            for row in range(dialog.figures.rowCount())}
    # every label the model learnt, named as the labels panel names it, with its cross-validated figures
    for name, figures in metrics["labels"].items():
        assert rows[f"{display[name]} {name}"] == [f"{figures[key]:.3f}" for key in ("precision", "recall", "f1")]
    assert rows["All labels"][2] == f"{metrics['overall']['f1']:.3f}"
    dialog.every.setValue(3)
    dialog.automatic.setChecked(False)
    dialog.accept()
    assert retrain_every(window.store) == 3 and retrain_automatically(window.store) is False
