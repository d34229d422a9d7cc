"""Per-word results the rules remember between texts.

Most of what a rule asks about a word depends on the word, its tag and
whether the segmenter's dictionary has it, and nothing else: whether it can
start a place, end an organisation, be a name. News text repeats its words,
so the rules work that out once per (word, tag) and remember it for the life
of the process, which takes the per-word Python work out of the hot loops.
An answer that depends on the words around it is never remembered.

A memo is tied to the dictionary that decided its answers: when a word is
added to the segmenter, it starts again empty. It is bounded, and it is not
pickled (a worker process builds its own).
"""

from __future__ import annotations

from typing import Any

from annotator.text.segmenter import Segmenter, get_segmenter

# About 10 MB of remembered words; a news corpus uses far fewer distinct (word, tag) pairs.
DEFAULT_LIMIT = 100_000


class WordMemo(dict):
    """A dict of remembered answers, emptied when the dictionary changes or it grows past ``limit``."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        super().__init__()
        self.limit = limit
        self._decided_by: tuple[int, int] | None = None

    def current(self, segmenter: Segmenter | None = None) -> WordMemo:
        """This memo, emptied first if the segmenter's dictionary is not the one it remembers."""
        segmenter = segmenter or get_segmenter()
        decided_by = (id(segmenter), segmenter.dictionary_version)
        if decided_by != self._decided_by:
            self.clear()
            self._decided_by = decided_by
        return self

    def remember(self, key: Any, value: Any) -> Any:
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value

    def __reduce__(self) -> tuple:
        return (type(self), (self.limit,))
