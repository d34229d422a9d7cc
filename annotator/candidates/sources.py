"""Candidate sources and the registry that plugs them in.

A source turns an analysed text into suggestions. The built-in ones are ``pos``
(jieba's tags), ``rules``, ``gazetteer``, ``model`` (the project's learned
model, ``annotator.learning``, which proposes nothing when the context has no
model) and ``starter`` (the model bundled with Annotator, trained on its own
gold, which proposes only while the project has no model of its own and
``starter`` in model.toml is on). Others plug in the same way::

    from annotator.candidates import register_source
    register_source("mine", MySource)

``factory`` is called once per process to make the source. It must be a
module-level function or class, so that worker processes of a large refresh
can make their own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from annotator.candidates.analysis import TextAnalysis
from annotator.candidates.gazetteer import GazetteerSource
from annotator.candidates.pos_source import PosSource
from annotator.candidates.rules import RuleSource
from annotator.candidates.spans import Suggestion
from annotator.errors import InputError

if TYPE_CHECKING:
    from annotator.candidates.context import SuggestContext


@runtime_checkable
class CandidateSource(Protocol):
    name: str

    def suggest(self, analysis: TextAnalysis, context: SuggestContext) -> Iterable[Suggestion]:
        """Suggestions for ``analysis.text``; offsets are code points into it."""


SourceFactory = Callable[[], CandidateSource]

# The learned model's source (``annotator.learning.source``), registered below.
MODEL_SOURCE = "model"
# The bundled starter model's source (``annotator.learning.starter``): the same kind of model, trained on
# Annotator's own gold, used by a project that has not trained its own.
STARTER_SOURCE = "starter"
# Sources whose scores are a learned model's calibrated probabilities, tagged with the other sources' hits as features
LEARNED_SOURCES = frozenset({MODEL_SOURCE, STARTER_SOURCE})

_lock = threading.Lock()
_factories: dict[str, SourceFactory] = {}
_instances: dict[str, CandidateSource] = {}


def register_source(name: str, factory: SourceFactory, *, replace: bool = False) -> None:
    with _lock:
        if name in _factories and not replace and _factories[name] is not factory:
            raise InputError(f"a candidate source named '{name}' is already registered")
        _factories[name] = factory
        _instances.pop(name, None)


def unregister_source(name: str) -> None:
    with _lock:
        _factories.pop(name, None)
        _instances.pop(name, None)


def registered_sources() -> tuple[str, ...]:
    return tuple(_factories)


def source_factories() -> dict[str, SourceFactory]:
    return dict(_factories)


def get_source(name: str) -> CandidateSource:
    source = _instances.get(name)
    if source is None:
        with _lock:
            factory = _factories.get(name)
            if factory is None:
                raise InputError(
                    f"unknown candidate source '{name}' (registered: {', '.join(_factories) or 'none'})"
                )
            source = _instances.get(name) or factory()
            _instances[name] = source
    return source


def model_source() -> CandidateSource:
    """The learned suggester, from ``annotator.learning``.

    That package is a layer above this one (it trains on what the other
    sources find) and brings CRFsuite with it, so it is imported the first
    time a suggestion pass asks for this source, the way a plug-in's entry
    point is, rather than when candidates are imported.
    """
    # a layer above: imported the first time a suggestion pass asks for the model
    from annotator.learning.source import ModelSource

    return ModelSource()


def starter_source() -> CandidateSource:
    """The bundled starter model, from ``annotator.learning`` (imported when first asked for, as the model is)."""
    # a layer above: imported the first time a suggestion pass asks for the starter
    from annotator.learning.starter import StarterSource

    return StarterSource()


def _register_builtins() -> None:

    for factory in (PosSource, RuleSource, GazetteerSource):
        register_source(factory.name, factory, replace=True)
    # Last: it reads what the rules proposed for the same text.
    register_source(MODEL_SOURCE, model_source, replace=True)
    register_source(STARTER_SOURCE, starter_source, replace=True)


_register_builtins()
