"""One run of the harness: its mode's sizes, its folders, and what one group of figures leaves for the next."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Plan:
    """Sizes and repeats of one mode."""

    mode: str
    pages: int  # synthetic newspaper pages imported (the big project is made of them)
    repeats: int  # timed runs per figure, for the cheap ones
    import_repeats: int
    segment_pages: int  # pages for the one-core segmentation figure
    posseg_chars: int  # text for jieba.posseg against suggest, one core
    pool_chars: int  # text for refresh_candidates, one worker against the pool
    candidate_repeats: int
    launches: int  # process launches of each kind (start-up, frozen app, memory)
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


QUICK = Plan(
    mode="quick",
    pages=1_000,
    repeats=5,
    import_repeats=3,
    segment_pages=300,
    posseg_chars=120_000,
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
    pages=20_000,
    repeats=5,
    import_repeats=3,
    segment_pages=2_000,
    posseg_chars=400_000,
    pool_chars=3_000_000,
    candidate_repeats=5,
    launches=9,
    open_rounds=15,
    keys=400,
    export_documents=20_000,
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
