"""Figures and the timing helpers every measurement uses."""

from __future__ import annotations

import math
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Target:
    """What a figure must reach: ``value <= limit`` (or ``>=``) of the value itself or of its ratio to the baseline."""

    limit: float
    of: str = "value"  # "value" or "ratio"
    at_most: bool = True
    text: str = ""

    def met_by(self, value: float | None, ratio: float | None) -> bool | None:
        measured = value if self.of == "value" else ratio
        if measured is None or (isinstance(measured, float) and math.isnan(measured)):
            return None
        return measured <= self.limit if self.at_most else measured >= self.limit

    def as_json(self) -> dict[str, Any]:
        return {"of": self.of, "at_most" if self.at_most else "at_least": self.limit, "text": self.text}


@dataclass
class Figure:
    """One line of the report: a median next to its baseline from the same run.

    ``id`` is the figure's stable name (``candidates_vs_rjieba``): the same in
    every run and mode, declared by its module (``FIGURES``) so that tools and
    later runs can follow it. ``name`` is the readable line, which may say the
    sizes of this run.
    """

    id: str
    name: str
    value: float | None
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    targets: list[Target] = field(default_factory=list)
    # How it was measured: repeats, sizes; shown in the report.
    detail: str = ""
    # Judged as None whatever the value: nothing to judge yet (the feature does not exist, the app is
    # not built) or measured on less than the figure is defined on (the quick run's smaller project).
    unjudged: str = ""
    error: str = ""
    informational: bool = False
    # Where the time goes, for the report when the target is missed: returns a profile as text.
    profile: Callable[[], str] | None = field(default=None, repr=False, compare=False)
    # Why the target is hard to meet, shown with the profile when it is missed.
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def target(self) -> str | None:
        return " and ".join(t.text for t in self.targets) or None

    @property
    def met(self) -> bool | None:
        """True or False against every target; None when there is nothing to judge (never True then)."""
        if self.error:
            return False
        if self.unjudged or self.value is None or not self.targets:
            return None
        verdicts = [t.met_by(self.value, self.ratio) for t in self.targets]
        if any(v is None for v in verdicts):
            return None
        return all(verdicts)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "value": _rounded(self.value),
            "unit": self.unit,
            "baseline": _rounded(self.baseline),
            "baseline_name": self.baseline_name,
            "ratio": _rounded(self.ratio),
            "target": self.target,
            "targets": [t.as_json() for t in self.targets],
            "met": self.met,
            "informational": self.informational,
        }
        if self.detail:
            out["detail"] = self.detail
        if self.unjudged:
            out["unjudged"] = self.unjudged
        if self.error:
            out["error"] = self.error
        return out


def _rounded(value: float | None) -> float | None:
    return None if value is None else float(f"{value:.4g}")


def ratio_at_most(limit: float, text: str | None = None) -> Target:
    return Target(limit, "ratio", True, text or f"≤ {limit:g}× baseline")


def value_at_most(limit: float, unit: str, text: str | None = None) -> Target:
    return Target(limit, "value", True, text or f"< {limit:g} {unit}")


def seconds(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def samples(run: Callable[[int], object], repeats: int) -> list[float]:
    """Wall-clock seconds of ``repeats`` calls of ``run(attempt)``."""
    out = []
    for attempt in range(repeats):
        started = time.perf_counter()
        run(attempt)
        out.append(time.perf_counter() - started)
    return out


def median_seconds(run: Callable[[int], object], repeats: int) -> float:
    return statistics.median(samples(run, repeats))


def alternating(runs: dict[str, Callable[[int], object]], repeats: int) -> dict[str, list[float]]:
    """Each run ``repeats`` times, in turns, so a passing load slows them alike."""
    out: dict[str, list[float]] = {name: [] for name in runs}
    for attempt in range(repeats):
        for name, run in runs.items():
            started = time.perf_counter()
            run(attempt)
            out[name].append(time.perf_counter() - started)
    return out


def cpu_seconds(run: Callable[[], object]) -> float:
    """CPU seconds of this process spent in ``run()``: what one core did, whatever else the machine ran."""
    started = time.process_time()
    run()
    return time.process_time() - started


def alternating_cpu(runs: dict[str, Callable[[int], object]], repeats: int) -> dict[str, list[float]]:
    """Like ``alternating``, in CPU seconds of this process (for work done on one core)."""
    out: dict[str, list[float]] = {name: [] for name in runs}
    for attempt in range(repeats):
        for name, run in runs.items():
            started = time.process_time()
            run(attempt)
            out[name].append(time.process_time() - started)
    return out


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` 0.99 for p99)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def rss_mb() -> float:
    """This process's resident memory now, in MB (10^6 bytes)."""
    if sys.platform.startswith("linux"):
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024 / 1e6
    try:
        import psutil  # not a dependency: only where /proc is missing
    except ImportError:
        return math.nan
    return psutil.Process(os.getpid()).memory_info().rss / 1e6
