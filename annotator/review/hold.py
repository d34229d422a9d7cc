"""Keeping the document on the reviewer's screen still while a new model's candidates are written elsewhere.

After the suggester is retrained, every unfinished document gets the new
model's candidates in the background. The one the reviewer is working
through must not change under the cursor: its new candidates wait until the
reviewer moves on. ``HeldDocuments`` is that rule, shared between the app
(which says what is on screen) and the refreshes running on worker threads
(which ask before they write):

- ``showing(doc_id, model_id)``: the reviewer now sees ``doc_id``, whose
  pending candidates were computed with ``model_id`` (None: without a model;
  ``ANY_MODEL``: it has none yet, so nothing can move). Returns the documents
  held back that the reviewer has now left: refresh them.
- ``writing(doc_ids, model_id)``: a refresh computed these documents with
  ``model_id`` and is about to store them. Inside the ``with`` block it holds
  the lock, so the screen cannot change under it; the set it gives are the
  documents to leave out (the one on screen, when its candidates came from
  another model), which are remembered as held.

A refresh with the model the screen already shows passes (a label propagated
to the other occurrences in the same document still appears at once).
Qt-free: the app's window and its workers share one instance; the candidate
refresh (``annotator.candidates.refresh``) takes anything with ``writing``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

# The document on screen has no candidates yet: whatever is written to it moves nothing.
ANY_MODEL = object()


class HeldDocuments:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: str | None = None
        self._shown: object = ANY_MODEL
        self._held: set[str] = set()

    @property
    def open_document(self) -> str | None:
        return self._open

    def held(self) -> set[str]:
        """The documents whose refreshed candidates are waiting for the reviewer to move on."""
        with self._lock:
            return set(self._held)

    def showing(self, doc_id: str | None, model_id: int | object | None) -> list[str]:
        """The reviewer now sees ``doc_id``; returns the held documents they left, to refresh now."""
        with self._lock:
            self._open = doc_id
            self._shown = model_id
            released = sorted(d for d in self._held if d != doc_id)
            self._held.difference_update(released)
            return released

    def forget(self, doc_ids: Iterable[str]) -> None:
        """These documents no longer need refreshing (finished, deleted)."""
        with self._lock:
            self._held.difference_update(doc_ids)

    @contextmanager
    def writing(self, doc_ids: Iterable[str], model_id: int | None) -> Iterator[set[str]]:
        with self._lock:
            skip: set[str] = set()
            if self._open is not None and self._open in set(doc_ids):
                if self._shown is ANY_MODEL or self._shown == model_id:
                    self._shown = model_id  # what the screen shows from now on
                else:
                    skip.add(self._open)
                    self._held.add(self._open)
            yield skip
