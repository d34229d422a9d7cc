"""Active time per document and entities per minute, with an injected clock."""

from __future__ import annotations

from annotator.review.session import ActivityClock, SessionSpeed


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_time_counts_between_actions_and_caps_idle_gaps():
    clock = FakeClock()
    activity = ActivityClock(idle_limit=60, clock=clock)
    activity.start()
    clock.now += 10
    activity.touch()
    clock.now += 600  # a long break counts as the idle limit only
    activity.touch()
    assert activity.take() == 70
    assert activity.take() == 0
    assert activity.session_seconds == 70


def test_stop_hands_out_the_rest_and_nothing_counts_until_start():
    clock = FakeClock()
    activity = ActivityClock(idle_limit=60, clock=clock)
    activity.start()
    clock.now += 5
    assert activity.stop() == 5
    clock.now += 30
    activity.touch()  # not started: this only sets the mark
    assert activity.take() == 0
    assert activity.stop() == 0


def test_clock_going_backwards_counts_nothing():
    clock = FakeClock()
    activity = ActivityClock(clock=clock)
    activity.start()
    clock.now -= 50
    assert activity.take() == 0


def test_speed_needs_half_a_minute_and_undo_takes_entities_back():
    speed = SessionSpeed()
    speed.record(3)
    assert speed.per_minute(10) is None
    assert speed.per_minute(60) == 3
    speed.record(-1)
    assert speed.per_minute(120) == 1
    speed.record(-5)
    assert speed.entities == 0
