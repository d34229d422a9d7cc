"""The starter model: the suggester a project uses before it has trained its own.

A fresh project has reviewed nothing, so its own model (source ``model``) proposes
nothing. Annotator ships a model of the same kind trained on its own gold (the
seed gold and the tune pages' gold: ``annotator.learning.train_starter``), in
``resources/learning/``. The ``starter`` source tags with it while the project
has no usable model of its own; once the project trains one, that model replaces
it. ``starter = false`` in model.toml (a user's own model.toml too) turns it off.
Its candidates say ``starter``, so every candidate still says where it came from.

Measured leave one set out over the tune pages and on People's Daily dev before it
was shipped (docs/learning.md, "The starter model"): ORG recall +0.033, LOC +0.019
at precision 0.835 and 0.833 on held-out pages; People's Daily F1 0.643 to 0.645.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.candidates.analysis import TextAnalysis
from annotator.candidates.context import SuggestContext
from annotator.candidates.ruleset import load_rules
from annotator.candidates.sources import STARTER_SOURCE
from annotator.candidates.spans import Suggestion
from annotator.errors import InputError
from annotator.learning.source import ModelSource
from annotator.platform import app_paths
from annotator.store.models import MODEL_FORMAT_VERSION, StoredModel

log = logging.getLogger(__name__)

FOLDER = "learning"
MODEL_FILE = "starter.crfsuite"
DESCRIPTION_FILE = "starter.json"
# The starter is no model of the project's store: an id no stored model has.
STARTER_MODEL_ID = 0


def starter_from(data: bytes, description: dict[str, Any], origin: Path | str = "") -> StoredModel:
    """The starter as the candidate pipeline takes a model: its bytes checked against its description."""
    digest = hashlib.sha256(data).hexdigest()
    if description.get("sha256") != digest or description.get("size") != len(data):
        raise InputError(f"{origin}: the starter model does not match its description (size or SHA-256)")
    if description.get("format_version") != MODEL_FORMAT_VERSION:
        raise InputError(f"{origin}: the starter model's format {description.get('format_version')!r} is not "
                         f"{MODEL_FORMAT_VERSION}")
    labels = tuple(description["labels"])
    return StoredModel(
        id=STARTER_MODEL_ID, format_version=MODEL_FORMAT_VERSION, created_at="", annotator="starter",
        documents=int(description.get("paragraphs", 0)), entities=int(description.get("entities", 0)),
        labels=labels, settings=dict(description["settings"]), metrics={}, learning_curve=[], trained_after_event=0,
        size=len(data), sha256=digest, data=data, label_map={label: label for label in labels},
    )


@functools.lru_cache(maxsize=1)
def bundled_starter() -> StoredModel | None:
    """The starter model bundled in resources/learning/, read once per process; None (with a warning in the log)
    when it is missing or damaged: the other sources suggest without it."""
    folder = app_paths.resource(FOLDER)
    try:
        description = json.loads((folder / DESCRIPTION_FILE).read_text(encoding="utf-8"))
        return starter_from((folder / MODEL_FILE).read_bytes(), description, folder / MODEL_FILE)
    except (OSError, ValueError, KeyError, InputError) as exc:
        log.warning("the bundled starter model cannot be used (%s); suggesting without it", exc)
        return None


def starter_in_use() -> bool:
    """Whether a project without a usable model of its own suggests with the starter (on, and bundled)."""
    return load_rules().model.starter and bundled_starter() is not None


class StarterSource(ModelSource):
    """Proposes with the bundled starter while the context has no model of the project's own."""

    name = STARTER_SOURCE

    def suggest(self, analysis: TextAnalysis, context: SuggestContext) -> Iterable[Suggestion]:
        if context.model is not None or not context.rules.model.starter or not analysis.text.strip():
            return []
        starter = bundled_starter()
        if starter is None:
            return []
        # Its uncertainty is not measured: "most unsure first" ranks by the project's own model.
        return self.propose(analysis, context, starter, measure=False)
