"""One run of the harness: its mode's sizes, its folders, and what one group of figures leaves for the next."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

# The size the *_20k figures are defined on: in a run with fewer pages they are measured but not judged.
BIG_PAGES = 20_000


@dataclass(frozen=True)
class Plan:
    """Sizes and repeats of one mode."""

    mode: str
    pages: int  # synthetic newspaper pages in the big project (search, memory, list, start-up on it)
    repeats: int  # timed runs per figure, for the cheap ones
    import_pages: int  # pages of the import figure (import_vs_rjieba)
    import_repeats: int
    candidate_chars: int  # text for suggest against rjieba.tag, one core
    pool_chars: int  # text for refresh_candidates, one worker against the pool
    candidate_repeats: int
    launches: int  # process launches of each kind (start-up, frozen app, memory, cold search)
    open_rounds: int  # openings of the big document
    keys: int  # accept keypresses timed
    export_documents: int
    search_repeats: int
    format_documents: int  # documents exported in every other format (0: skip)
    capacity_loops: int = 6_000_000  # size of the trivially parallel control job
    dashboard_documents: int = 5_000
    merge_per_package: int = 250  # documents in each of the 20 annotators' packages
    agree_documents: int = 1_000  # double-annotated documents agreement is computed over

    def scaled(self, **changes: Any) -> Plan:
        return replace(self, **changes)

    @property
    def big(self) -> bool:
        """Whether the big project has the 20,000 pages the *_20k figures are defined on."""
        return self.pages >= BIG_PAGES


QUICK = Plan(
    mode="quick",
    pages=1_000,
    repeats=5,
    import_pages=1_000,
    import_repeats=3,
    candidate_chars=150_000,
    pool_chars=1_200_000,
    candidate_repeats=3,
    launches=5,
    open_rounds=9,
    keys=150,
    export_documents=2_000,
    search_repeats=7,
    format_documents=0,
)

FULL = Plan(
    mode="full",
    pages=BIG_PAGES,
    repeats=5,
    import_pages=1_000,
    import_repeats=5,
    candidate_chars=400_000,
    pool_chars=3_000_000,
    candidate_repeats=5,
    launches=9,
    open_rounds=15,
    keys=400,
    export_documents=2_000,
    search_repeats=9,
    format_documents=1_000,
    dashboard_documents=100_000,
    merge_per_package=5_000,
    agree_documents=10_000,
)


@dataclass
class Session:
    plan: Plan
    cache: Path  # kept between runs: the corpus, built projects, the app's caches
    work: Path  # this run's scratch folder
    # what one group leaves for the next (the imported project, ...)
    artifacts: dict[str, Any] = field(default_factory=dict)
    log: Any = print
