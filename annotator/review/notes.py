"""What the review logic has to tell the reviewer, as data: a key and its values, worded by the app.

The review package is free of Qt, so it cannot translate. It says *what*
happened (``Note("nothing_to_undo")``); the window words it in the
interface language (``annotator.ui.review_notes``), and tests compare keys,
not sentences.
"""

from __future__ import annotations

from typing import NamedTuple


class Note(NamedTuple):
    key: str
    # the values for the sentence's %1, %2, ... in order
    args: tuple[str, ...] = ()

    @classmethod
    def of(cls, key: str, *args: object) -> Note:
        return cls(key, tuple(str(a) for a in args))
