"""The starter model bundled with Annotator: a fresh project suggests with it, its own model replaces it,
a setting turns it off, and its candidates say where they came from."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from candidates_helpers import add_documents, pending

from annotator.candidates import default_context, refresh_candidates, reload_rules, suggest
from annotator.candidates.analysis import MODEL_ID, MODEL_UNCERTAINTY
from annotator.candidates.engine import suggest_measured
from annotator.candidates.evaluate import rules_context
from annotator.candidates.ruledata import user_dir
from annotator.errors import InputError
from annotator.learning import train_starter
from annotator.learning.evaluate import stored_model_for
from annotator.learning.settings import TrainingSettings
from annotator.learning.starter import bundled_starter, starter_from
from annotator.platform import app_paths
from annotator.review.spans import Span
from annotator.store import Store
from annotator.ui.span_details import span_tooltip

# Names the rules alone do not all know: the starter (trained on our own gold) adds some of them. Carmakers known
# by a bare brand are names no rule proposes; the starter learnt them from the tune pages' gold.
TEXT = (
    "昆明斗南花卉市场负责人介绍，今年鲜切花交易量比去年增长两成。本报讯 记者从省农业农村厅获悉，赣南脐橙产业协会"
    "日前在赣州市信丰县召开年会，协会会长刘建华介绍了安远县和寻乌县果农的经验。"
    "蔚来汽车和江淮汽车在合肥新桥智能电动汽车产业园签约。"
)


def sources_of(found) -> set[str]:
    return {name for s in found for name in s.source.split("+")}


@pytest.fixture
def user_model_settings():
    """A user's model.toml; the bundled settings are back afterwards."""
    folder = user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "model.toml"

    def write(content: str) -> None:
        path.write_text(content, encoding="utf-8")
        reload_rules()

    yield write
    path.unlink(missing_ok=True)
    reload_rules()


def test_the_starter_is_bundled_and_checked():
    starter = bundled_starter()
    assert starter is not None
    assert {"PER", "ORG", "LOC"} <= set(starter.labels)
    settings = TrainingSettings.from_dict(starter.settings)
    assert settings.features.rule_hits and not settings.features.dictionary  # a fresh project has labelled nothing
    description = json.loads(app_paths.resource("learning", "starter.json").read_text(encoding="utf-8"))
    with pytest.raises(InputError, match="does not match"):
        starter_from(starter.data[:-1], description, "starter.crfsuite")


def test_a_fresh_project_suggests_with_the_starter():
    found = suggest(TEXT, context=default_context())
    assert "starter" in sources_of(found)
    assert "model" not in sources_of(found)
    # a carmaker the rules alone do not know, which the starter proposes on its own
    alone = suggest(TEXT, context=rules_context())
    assert "starter" not in sources_of(alone)
    assert ("江淮汽车", "ORG") not in {(s.text, s.label) for s in alone}
    assert ("江淮汽车", "ORG", "starter") in {(s.text, s.label, s.source) for s in found}


def test_a_new_projects_candidates_come_from_the_starter_and_say_so(tmp_path: Path):
    with Store(tmp_path / "fresh.db") as store:
        [doc_id] = add_documents(store, {"d1": TEXT})
        refresh_candidates(store, [doc_id], workers=1)
        [candidate] = pending(store, doc_id, "江淮汽车", "ORG")
        assert candidate.source == "starter"
        tooltip = span_tooltip(store.schema.current, [Span.of_candidate(candidate)])
        assert "starter" in tooltip and "江淮汽车" in tooltip
        assert store.models.uncertainty(doc_id) is None  # "most unsure first" is the project model's


def test_the_starter_does_not_rank_documents_by_its_uncertainty():
    _, measures = suggest_measured(TEXT, context=default_context())
    assert MODEL_ID not in measures and MODEL_UNCERTAINTY not in measures


def test_the_projects_own_model_replaces_the_starter():
    starter = bundled_starter()
    assert starter is not None
    own = stored_model_for(starter.data, starter.labels, TrainingSettings.from_dict(starter.settings), model_id=7)
    found, measures = suggest_measured(TEXT, context=replace(default_context(), model=own))
    assert "model" in sources_of(found)
    assert "starter" not in sources_of(found)
    assert measures[MODEL_ID] == 7


def test_the_starter_can_be_turned_off(user_model_settings):
    user_model_settings("starter = false\n")
    found = suggest(TEXT, context=default_context())
    assert found and "starter" not in sources_of(found)
    user_model_settings("starter = true\n")
    assert "starter" in sources_of(suggest(TEXT, context=default_context()))


def test_a_setting_that_is_not_true_or_false_is_named(user_model_settings):
    with pytest.raises(InputError, match="model.toml.*'starter' must be true or false"):
        user_model_settings('starter = "no"\n')


def test_the_starter_learns_from_the_tune_pages_and_the_seed_gold_never_the_frozen_pages():
    splits = {path.name: chosen for path, chosen in train_starter.TRAINING_GOLD}
    assert splits == {"candidates_gold.jsonl": None, "candidates_gold_pages.jsonl": frozenset({"tune"})}
    paragraphs = train_starter.training_paragraphs()
    assert not any(":" not in pid for pid, _, _ in paragraphs)
    starter = bundled_starter()
    assert starter is not None and starter.documents == len(paragraphs)
    assert starter.entities == sum(len(spans) for _, _, spans in paragraphs)


@pytest.mark.slow
def test_the_shipped_starter_is_what_the_trainer_writes():
    """The rules' hits are its features: after any change to the rules, retrain it
    (python -m annotator.learning.train_starter)."""
    data, description = train_starter.train(train_starter.training_paragraphs())
    starter = bundled_starter()
    assert starter is not None
    assert description["sha256"] == starter.sha256, "retrain: python -m annotator.learning.train_starter"
    assert data == starter.data
