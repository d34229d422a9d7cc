"""How far the project is and how fast it moves: the figures behind the dashboard.

Counts come from the tables; activity over time comes from the append-only
``events`` log, so the figures are the same whoever asks and however the
work was done. Work is counted net: an entity added and then deleted (or
undone) the same day counts zero, and a document marked done and reopened
counts zero. Days are calendar days in the viewer's time zone (events are
stored in UTC); SQLite does the conversion, so the events themselves never
travel to Python, and the index on events(action, at, annotator) (migration
``0004_events_by_action``) keeps the scan to the days asked for.

Qt-free, so the CLI and the tests use it as they are.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from annotator.learning.project import LearningCurve, learning_curve
from annotator.model import Status

if TYPE_CHECKING:
    from annotator.store import Store

ENTITY_GAINS = {"entity.add": 1, "entity.restore": 1, "entity.delete": -1}
RELATION_GAINS = {"relation.add": 1, "relation.restore": 1, "relation.delete": -1}


@dataclass(frozen=True)
class LabelCount:
    name: str
    display: str
    color: str
    count: int
    # False for labels the data uses but the schema no longer defines
    in_schema: bool = True


@dataclass(frozen=True)
class AnnotatorSummary:
    name: str
    entities: int
    relations: int
    documents: int
    seconds: float

    @property
    def entities_per_hour(self) -> float | None:
        return self.entities / (self.seconds / 3600) if self.seconds >= 60 else None


@dataclass
class ProjectProgress:
    status_counts: dict[str, int]
    entity_labels: list[LabelCount]
    relation_labels: list[LabelCount]
    # consecutive calendar days, oldest first; every series below lines up with it
    days: list[date]
    done_per_day: list[int]
    # documents done at the end of each day
    done_cumulative: list[int]
    # annotator -> net entities added per day
    entities_per_day: dict[str, list[int]] = field(default_factory=dict)
    relations_per_day: dict[str, list[int]] = field(default_factory=dict)
    annotators: list[AnnotatorSummary] = field(default_factory=list)
    # the suggester's learning curve (None before the first training)
    learning: LearningCurve | None = None

    @property
    def total_documents(self) -> int:
        return sum(self.status_counts.values())

    @property
    def finished(self) -> int:
        """Documents that need no more work: done or skipped."""
        return self.status_counts[Status.DONE.value] + self.status_counts[Status.SKIPPED.value]

    @property
    def fraction_finished(self) -> float:
        return self.finished / self.total_documents if self.total_documents else 0.0


# --- the pieces ---------------------------------------------------------------------------------


def status_counts(store: Store) -> dict[str, int]:
    counts = {status.value: 0 for status in Status}
    for status, n in store.db.conn.execute("SELECT status, COUNT(*) FROM documents GROUP BY status"):
        counts[status] = n
    return counts


def label_counts(store: Store) -> tuple[list[LabelCount], list[LabelCount]]:
    """Entity and relation label counts in schema order; labels in use but not in the schema last."""
    schema = store.schema.current
    conn = store.db.conn
    entity_used = dict(conn.execute("SELECT label, COUNT(*) FROM entities GROUP BY label").fetchall())
    relation_used = dict(conn.execute("SELECT label, COUNT(*) FROM relations GROUP BY label").fetchall())
    entities = [
        LabelCount(label.name, label.display or label.name, label.color, entity_used.pop(label.name, 0))
        for label in schema.entities
    ]
    entities += [LabelCount(name, name, "#888888", n, in_schema=False) for name, n in sorted(entity_used.items())]
    relations = [
        LabelCount(label.name, label.display or label.name, "#334e68", relation_used.pop(label.name, 0))
        for label in schema.relations
    ]
    relations += [LabelCount(name, name, "#888888", n, in_schema=False) for name, n in sorted(relation_used.items())]
    return entities, relations


def annotator_summaries(store: Store) -> list[AnnotatorSummary]:
    conn = store.db.conn
    people: dict[str, dict[str, float]] = defaultdict(lambda: {"entities": 0, "relations": 0, "documents": 0, "seconds": 0.0})
    for name, n in conn.execute("SELECT annotator, COUNT(*) FROM entities GROUP BY annotator"):
        people[name]["entities"] = n
    for name, n in conn.execute("SELECT annotator, COUNT(*) FROM relations GROUP BY annotator"):
        people[name]["relations"] = n
    for name, seconds in conn.execute("SELECT annotator, SUM(seconds) FROM time_spent GROUP BY annotator"):
        people[name]["seconds"] = float(seconds or 0.0)
    # A finished document is credited to whoever last changed its status.
    done = {doc_id for (doc_id,) in conn.execute("SELECT id FROM documents WHERE status = 'done'")}
    last_setter: dict[str, str] = {}
    for doc_id, name in conn.execute(
        "SELECT doc_id, annotator FROM events WHERE action = 'document.status' ORDER BY id"
    ):
        last_setter[doc_id] = name
    for doc_id, name in last_setter.items():
        if doc_id in done:
            people[name]["documents"] += 1
    return [
        AnnotatorSummary(name, int(p["entities"]), int(p["relations"]), int(p["documents"]), round(p["seconds"], 1))
        for name, p in sorted(people.items())
        if name
    ]


def _day_modifier(utc_offset: timedelta | None) -> str:
    """SQLite's date() modifier that turns an event's UTC time into the viewer's calendar day."""
    if utc_offset is None:
        return "localtime"
    return f"{round(utc_offset.total_seconds() / 60):+d} minutes"


def local_day(stamp: str, utc_offset: timedelta | None = None) -> date:
    """The calendar day of an event's UTC time stamp (default: in this computer's zone)."""
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    local = moment.astimezone(timezone(utc_offset)) if utc_offset is not None else moment.astimezone()
    return local.date()


def _since_stamp(first_day: date | None, utc_offset: timedelta | None) -> str:
    """A UTC time stamp safely before local midnight of ``first_day`` (events before it are not read)."""
    if first_day is None:
        return ""
    # Any zone is within 14 hours of UTC; a day's margin keeps the cut safe
    # and the day filter in SQL drops what is too early.
    return (first_day - timedelta(days=1)).isoformat()


def net_per_day(
    store: Store,
    gains: dict[str, int],
    utc_offset: timedelta | None = None,
    first_day: date | None = None,
) -> dict[str, dict[date, int]]:
    """annotator -> day -> the sum of ``gains[action]`` over that day's events."""
    marks = ",".join("?" * len(gains))
    modifier = _day_modifier(utc_offset)
    out: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for annotator, action, day, n in store.db.conn.execute(
        f"SELECT annotator, action, date(at, ?) AS day, COUNT(*) FROM events "
        f"WHERE action IN ({marks}) AND at >= ? GROUP BY annotator, action, day",
        [modifier, *gains, _since_stamp(first_day, utc_offset)],
    ):
        moment = date.fromisoformat(day)
        if first_day is None or moment >= first_day:
            out[annotator][moment] += gains[action] * n
    return out


def done_per_day(
    store: Store, utc_offset: timedelta | None = None, first_day: date | None = None
) -> dict[date, int]:
    """Net documents marked done per day: +1 on becoming done, -1 on leaving done."""
    out: dict[date, int] = defaultdict(int)
    for day, before, after in store.db.conn.execute(
        "SELECT date(at, ?), before, after FROM events WHERE action = 'document.status' AND at >= ?",
        (_day_modifier(utc_offset), _since_stamp(first_day, utc_offset)),
    ):
        was_done = _status_of(before) == Status.DONE.value
        is_done = _status_of(after) == Status.DONE.value
        moment = date.fromisoformat(day)
        if was_done != is_done and (first_day is None or moment >= first_day):
            out[moment] += 1 if is_done else -1
    return out


def _status_of(payload: str | None) -> str | None:
    if not payload:
        return None
    try:
        value = json.loads(payload)
    except ValueError:
        return None
    return value.get("status") if isinstance(value, dict) else None


def first_activity(store: Store, utc_offset: timedelta | None = None) -> date | None:
    actions = ["document.status", *ENTITY_GAINS, *RELATION_GAINS]
    row = store.db.conn.execute(
        f"SELECT date(MIN(at), ?) FROM events WHERE action IN ({','.join('?' * len(actions))})",
        [_day_modifier(utc_offset), *actions],
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def day_range(first: date | None, today: date, days: int | None) -> list[date]:
    if days is not None:
        start = today - timedelta(days=max(1, days) - 1)
    else:
        start = min(first or today, today)
    return [start + timedelta(days=i) for i in range((today - start).days + 1)]


# --- everything at once -------------------------------------------------------------------------


def project_progress(
    store: Store,
    *,
    days: int | None = 30,
    today: date | None = None,
    utc_offset: timedelta | None = None,
) -> ProjectProgress:
    """Counts now, and activity over the last ``days`` days (None: since the first event).

    ``utc_offset`` fixes the viewer's zone (tests, reports for another
    office); None uses this computer's zone, daylight saving included.
    """
    if today is None:
        now = datetime.now(timezone.utc)
        today = (now.astimezone(timezone(utc_offset)) if utc_offset is not None else now.astimezone()).date()
    first = today - timedelta(days=max(1, days) - 1) if days is not None else first_activity(store, utc_offset)
    axis = day_range(first, today, None)
    first = axis[0]
    counts = status_counts(store)
    entities, relations = label_counts(store)
    done = done_per_day(store, utc_offset, first)
    entity_days = net_per_day(store, ENTITY_GAINS, utc_offset, first)
    relation_days = net_per_day(store, RELATION_GAINS, utc_offset, first)

    # Anchor the cumulative line on today's real count: documents imported as
    # done never had a status event, and they still count.
    cumulative: list[int] = []
    remaining = counts[Status.DONE.value] - sum(n for day, n in done.items() if day > today)
    for day in reversed(axis):
        cumulative.append(remaining)
        remaining -= done.get(day, 0)
    cumulative.reverse()

    def aligned(series: dict[str, dict[date, int]]) -> dict[str, list[int]]:
        lined = {name: [per_day.get(day, 0) for day in axis] for name, per_day in series.items() if name}
        return {name: values for name, values in sorted(lined.items()) if any(values)}

    return ProjectProgress(
        status_counts=counts,
        entity_labels=entities,
        relation_labels=relations,
        days=axis,
        done_per_day=[done.get(day, 0) for day in axis],
        done_cumulative=cumulative,
        entities_per_day=aligned(entity_days),
        relations_per_day=aligned(relation_days),
        annotators=annotator_summaries(store),
        learning=learning_curve(store),
    )
