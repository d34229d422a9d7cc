"""Which documents the reviewer will open next: the unfinished ones after the current, in reading order.

The app refreshes their candidates ahead of time, so what was labelled in
this document (the gazetteer learns from it) is already suggested in the
next ones when the reviewer gets there.
"""

from __future__ import annotations

from annotator.store import Store


def upcoming_unfinished(store: Store, after_doc_id: str | None, count: int) -> list[str]:
    """Up to ``count`` todo or in-progress documents after ``after_doc_id`` (wrapping around), never itself."""
    found: list[str] = []
    current = after_doc_id
    while len(found) < count:
        following = store.documents.next_unfinished(current)
        if following is None or following == after_doc_id or following in found:
            break
        found.append(following)
        current = following
    return found


def never_suggested(store: Store, doc_id: str) -> bool:
    """True when the document has no candidates at all, in any state (nothing was ever suggested for it)."""
    return not store.candidates.for_document(doc_id)
