"""Candidate sources and the registry that plugs them in.

A source turns an analysed text into suggestions. The built-in ones are ``pos``
(jieba's tags), ``rules``, ``gazetteer`` and ``model`` (the project's learned
model, ``annotator.learning``, which proposes nothing when the context has no
model). Others plug in the same way::

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
    from annotator.learning.source import ModelSource

    return ModelSource()


def _register_builtins() -> None:
    from annotator.candidates.gazetteer import GazetteerSource
    from annotator.candidates.pos_source import PosSource
    from annotator.candidates.rules import RuleSource

    for factory in (PosSource, RuleSource, GazetteerSource):
        register_source(factory.name, factory, replace=True)
    # Last: it reads what the rules proposed for the same text.
    register_source("model", model_source, replace=True)


_register_builtins()
