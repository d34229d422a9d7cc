"""Questions about a page's text, answered once per page.

The line classifier, the role features, the layout, the continuations and the
document builder ask the same questions of the same stretch of text (does this
line stop mid-sentence? is it one short sentence? what are its bigrams?), a
line often ten times over. A function decorated with ``per_page`` answers each
distinct question once while a page is parsed; ``new_page``, called as each
page begins, forgets every answer. So one page's answers never serve another
(a batch of pages that share much of their text, as a benchmark's recombined
pages do, is not parsed faster than pages that share nothing), and what is
kept stays bounded by one page.

Only a pure function of hashable arguments may be decorated, and its answer must
be immutable (a bool, a number, a string, a frozenset, a tuple of those) or
copied before anyone changes it (the bylines module hands out copies of its
parsed bylines): every caller is handed the same object. Every cache the parser
keeps is of this kind; none outlives its page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import ParamSpec, Protocol, TypeVar, cast

_P = ParamSpec("_P")
_R = TypeVar("_R")
# A page has a few hundred lines; a long file read as one page (a book) still keeps no more than this per question.
_MAX_ANSWERS = 4096


class _Clearable(Protocol):
    def cache_clear(self) -> None: ...


_caches: list[_Clearable] = []


def per_page(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function``, answering each distinct call once until ``new_page`` is called."""
    cached = lru_cache(maxsize=_MAX_ANSWERS)(function)
    _caches.append(cached)
    return cast(Callable[_P, _R], cached)


def new_page() -> None:
    """Forget every answer: the next page is parsed as if it were the first."""
    for cache in _caches:
        cache.cache_clear()
