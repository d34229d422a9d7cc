"""Splitting documents among annotators, with a share of them given to two or more people.

The split is deterministic: documents are taken in an order drawn from a hash
of their ids (and an optional seed), the first ``overlap`` share of them go to
``per_shared`` annotators each and the rest to one, every time to whoever has
the fewest documents so far. Everyone ends up with nearly the same number of
documents, and every pair of annotators shares about as many as any other.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from annotator.errors import InputError
from annotator.model import Status
from annotator.store import Store


@dataclass
class AssignmentPlan:
    """Who gets which document, and what it amounts to."""

    documents: dict[str, list[str]] = field(default_factory=dict)

    @property
    def shared(self) -> int:
        return sum(1 for people in self.documents.values() if len(people) > 1)

    def per_annotator(self) -> dict[str, int]:
        counts: Counter[str] = Counter(name for people in self.documents.values() for name in people)
        return dict(sorted(counts.items()))


def plan_assignment(
    doc_ids: Sequence[str],
    annotators: Sequence[str],
    *,
    overlap: float,
    per_shared: int = 2,
    seed: str = "",
) -> AssignmentPlan:
    """Assign ``doc_ids`` to ``annotators``; a share ``overlap`` (0 to 1) of them to ``per_shared`` people each."""
    people = sorted({name.strip() for name in annotators if name and name.strip()})
    if not people:
        raise InputError("name at least one annotator to assign documents to")
    if not 0.0 <= overlap <= 1.0:
        raise InputError(f"the overlap is a share of the documents between 0 and 1, not {overlap:g}")
    if overlap > 0 and not 2 <= per_shared <= len(people):
        raise InputError(
            f"a shared document goes to {per_shared} annotators, but there are {len(people)} "
            f"({', '.join(people)}); name more annotators or lower the number per shared document"
        )
    order = sorted(doc_ids, key=lambda d: hashlib.sha256(f"{seed}\0{d}".encode()).hexdigest())
    shared_count = round(overlap * len(order))
    load = {name: 0 for name in people}
    pairs: Counter[tuple[str, ...]] = Counter()
    plan = AssignmentPlan()
    for index, doc_id in enumerate(order):
        if index < shared_count:
            # the least loaded group, and among those the pair that shares least so far
            chosen = min(
                combinations(people, per_shared),
                key=lambda group: (sum(load[n] for n in group), pairs[group], group),
            )
            pairs[chosen] += 1
        else:
            chosen = (min(people, key=lambda n: (load[n], n)),)
        for name in chosen:
            load[name] += 1
        plan.documents[doc_id] = list(chosen)
    # in reading order, as the caller listed them
    plan.documents = {doc_id: plan.documents[doc_id] for doc_id in doc_ids}
    return plan


def documents_to_assign(
    store: Store,
    *,
    statuses: Sequence[Status] | None = (Status.TODO, Status.IN_PROGRESS),
    doc_ids: Sequence[str] | None = None,
    reassign: bool = False,
) -> list[str]:
    """The documents an assignment covers: by status or id; those already assigned only with ``reassign``."""
    ids = store.documents.ids(statuses)
    if doc_ids is not None:
        missing = sorted(set(doc_ids) - store.documents.existing(doc_ids))
        if missing:
            raise InputError(f"--doc: no document with id '{missing[0]}'")
        wanted = set(doc_ids)
        ids = [d for d in store.documents.ids() if d in wanted]
    if not reassign:
        taken = store.assignments.everything()
        ids = [d for d in ids if d not in taken]
    return ids


def assign(
    store: Store,
    annotators: Sequence[str],
    *,
    overlap: float,
    per_shared: int = 2,
    statuses: Sequence[Status] | None = (Status.TODO, Status.IN_PROGRESS),
    doc_ids: Sequence[str] | None = None,
    reassign: bool = False,
    seed: str = "",
) -> tuple[AssignmentPlan, dict[str, list[str]]]:
    """Plan and store an assignment; returns the plan and who had those documents before (to undo)."""
    ids = documents_to_assign(store, statuses=statuses, doc_ids=doc_ids, reassign=reassign)
    plan = plan_assignment(ids, annotators, overlap=overlap, per_shared=per_shared, seed=seed)
    before = store.assignments.assign(plan.documents) if plan.documents else {}
    return plan, before
