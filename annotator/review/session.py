"""Time and speed of a review session: seconds per document, entities per minute.

Time only counts while the reviewer is active: a gap between two actions
longer than ``idle_limit`` counts as ``idle_limit`` (they may have been
reading), not as the coffee break it probably was. Clocks are injected so
the arithmetic is tested without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]

# Reading a long article before the first key is normal; lunch is not.
DEFAULT_IDLE_LIMIT_S = 120.0


class ActivityClock:
    """Active seconds on the current document, handed out in slices for ``store.annotations.add_time``."""

    def __init__(self, idle_limit: float = DEFAULT_IDLE_LIMIT_S, clock: Clock = time.monotonic) -> None:
        self.idle_limit = idle_limit
        self._clock = clock
        self._last: float | None = None
        self._unsaved = 0.0
        self.session_seconds = 0.0

    def start(self) -> None:
        """Start counting (a document was opened); what came before belongs to the previous one."""
        self._last = self._clock()

    def touch(self) -> None:
        """The reviewer did something."""
        now = self._clock()
        if self._last is not None:
            gap = max(0.0, now - self._last)
            counted = min(gap, self.idle_limit)
            self._unsaved += counted
            self.session_seconds += counted
        self._last = now

    def take(self) -> float:
        """The active seconds not yet handed out, counting up to now; resets the tally."""
        self.touch()
        seconds, self._unsaved = self._unsaved, 0.0
        return seconds

    def stop(self) -> float:
        """Hand out the rest and stop counting until ``start``."""
        seconds = self.take() if self._last is not None else 0.0
        self._last = None
        return seconds


class SessionSpeed:
    """Entities created this session per active minute.

    Undoing a creation takes it back off the count, so the figure never
    rewards churn.
    """

    # Below this the rate is noise (one entity in five seconds is not 12 a minute).
    MIN_MINUTES = 0.5

    def __init__(self) -> None:
        self.entities = 0

    def record(self, count: int = 1) -> None:
        self.entities = max(0, self.entities + count)

    def per_minute(self, active_seconds: float) -> float | None:
        minutes = active_seconds / 60.0
        if minutes < self.MIN_MINUTES:
            return None
        return self.entities / minutes
