"""What to review next: unfinished documents, the ones the model is least sure of first (active learning).

The uncertainty of a document is measured whenever the model suggests
candidates for it (``annotator.learning.model``: least confidence per
sentence, averaged over the document's sentences) and stored with the model's
version; only the newest model's measurements count.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.model import Status
from annotator.store import Store
from annotator.store.models import DocumentUncertainty

UNFINISHED = (Status.TODO, Status.IN_PROGRESS)


def most_uncertain(
    store: Store, statuses: Iterable[Status | str] = UNFINISHED, *, limit: int | None = None
) -> list[str]:
    """Ids of the documents (unfinished by default) the newest model measured, most unsure first."""
    return [m.doc_id for m in uncertainties(store, statuses, limit=limit)]


def uncertainties(
    store: Store, statuses: Iterable[Status | str] = UNFINISHED, *, limit: int | None = None
) -> list[DocumentUncertainty]:
    """The same with each document's figures (uncertainty, expected number of sentences tagged wrongly)."""
    return store.models.most_uncertain([Status(s).value for s in statuses], limit=limit)
