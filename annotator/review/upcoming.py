"""Which documents the reviewer will open next: the unfinished ones, in the order the reviewer chose.

Two orders: **reading order** (the unfinished documents after the current
one, wrapping around) and **most unsure first** (the unfinished documents
the project's model is least sure of, as in active learning; documents it
has not measured follow in reading order). In the second the current
document is about to be finished, so what comes next does not depend on
where it stands.

``ReviewMachine`` follows the order for "done and next" (Ctrl+Return), and
the app refreshes the candidates of the next documents ahead of time, so what
was labelled in this document (the gazetteer learns from it) is already
suggested in the next ones when the reviewer gets there.
"""

from __future__ import annotations

from annotator.store import Store

READING = "reading"
MOST_UNSURE = "most_unsure"
ORDERS = (READING, MOST_UNSURE)


def upcoming_unfinished(store: Store, after_doc_id: str | None, count: int, order: str = READING) -> list[str]:
    """Up to ``count`` todo or in-progress documents to open after ``after_doc_id``, never itself."""
    found: list[str] = []
    if order == MOST_UNSURE:
        for measured in store.models.most_uncertain(limit=count + 1):
            if measured.doc_id != after_doc_id and len(found) < count:
                found.append(measured.doc_id)
    walked: set[str] = set()
    current = after_doc_id
    while len(found) < count:
        following = store.documents.next_unfinished(current)
        if following is None or following == after_doc_id or following in walked:
            break
        walked.add(following)
        if following not in found:
            found.append(following)
        current = following
    return found


def next_unfinished(store: Store, after_doc_id: str | None, order: str = READING) -> str | None:
    """The document to open when ``after_doc_id`` is finished (None: nothing is left to do)."""
    found = upcoming_unfinished(store, after_doc_id, 1, order)
    return found[0] if found else None


def never_suggested(store: Store, doc_id: str) -> bool:
    """True when the document has no candidates at all, in any state (nothing was ever suggested for it)."""
    return not store.candidates.for_document(doc_id)
