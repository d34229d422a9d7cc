"""How far the project is and how fast it moves: the figures behind the dashboard.

Counts come from the tables; activity over time comes from the append-only
``events`` log, so the figures are the same whoever asks and however the
work was done. Work is counted net: an entity added and then deleted (or
undone) the same day counts zero, and a document marked done and reopened
counts zero. Days are calendar days in the viewer's time zone (events are
stored in UTC).

Qt-free, so the CLI and the tests use it as they are.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from annotator.model import Status

if TYPE_CHECKING:
    from annotator.store import Store

# Events are bucketed by quarter hour in SQL before Python assigns each
# bucket a local day; quarter hours keep zones such as UTC+5:30 and +5:45 exact.
_BUCKET_SQL = "substr(at, 1, 14) || printf('%02d', (CAST(substr(at, 15, 2) AS INTEGER) / 15) * 15)"

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
    schema = store.schema
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
    # Who marked each document done last: the person credited with finishing it.
    for name, n in conn.execute(
        "SELECT e.annotator, COUNT(*) FROM events e JOIN documents d ON d.id = e.doc_id "
        "WHERE e.id IN (SELECT MAX(id) FROM events WHERE action = 'document.status' GROUP BY doc_id) "
        "AND d.status = 'done' GROUP BY e.annotator"
    ):
        people[name]["documents"] = n
    return [
        AnnotatorSummary(name, int(p["entities"]), int(p["relations"]), int(p["documents"]), round(p["seconds"], 1))
        for name, p in sorted(people.items())
        if name
    ]


def local_day(stamp: str, tz: tzinfo | None = None) -> date:
    """The calendar day of an event's UTC time stamp, in ``tz`` (default: this computer's zone)."""
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return (moment.astimezone(tz) if tz else moment.astimezone()).date()


def _bucket_day(bucket: str, tz: tzinfo | None) -> date:
    # bucket: 'YYYY-MM-DDTHH:MM' (quarter hour, UTC)
    return local_day(bucket + ":00Z", tz)


def net_per_day(store: Store, gains: dict[str, int], tz: tzinfo | None = None) -> dict[str, dict[date, int]]:
    """annotator -> day -> the sum of ``gains[action]`` over that day's events."""
    marks = ",".join("?" * len(gains))
    out: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for annotator, action, bucket, n in store.db.conn.execute(
        f"SELECT annotator, action, {_BUCKET_SQL} AS bucket, COUNT(*) FROM events "
        f"WHERE action IN ({marks}) GROUP BY annotator, action, bucket",
        list(gains),
    ):
        out[annotator][_bucket_day(bucket, tz)] += gains[action] * n
    return out


def done_per_day(store: Store, tz: tzinfo | None = None) -> dict[date, int]:
    """Net documents marked done per day: +1 on becoming done, -1 on leaving done."""
    out: dict[date, int] = defaultdict(int)
    for at, before, after in store.db.conn.execute(
        "SELECT at, before, after FROM events WHERE action = 'document.status'"
    ):
        was_done = _status_of(before) == Status.DONE.value
        is_done = _status_of(after) == Status.DONE.value
        if was_done != is_done:
            out[local_day(at, tz)] += 1 if is_done else -1
    return out


def _status_of(payload: str | None) -> str | None:
    if not payload:
        return None
    try:
        value = json.loads(payload)
    except ValueError:
        return None
    return value.get("status") if isinstance(value, dict) else None


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
    tz: tzinfo | None = None,
) -> ProjectProgress:
    """Counts now, and activity over the last ``days`` days (None: since the first event)."""
    today = today or (datetime.now(tz) if tz else datetime.now().astimezone()).date()
    counts = status_counts(store)
    entities, relations = label_counts(store)
    done = done_per_day(store, tz)
    entity_days = net_per_day(store, ENTITY_GAINS, tz)
    relation_days = net_per_day(store, RELATION_GAINS, tz)
    active = [day for series in (done, *entity_days.values(), *relation_days.values()) for day in series]
    axis = day_range(min(active) if active else None, today, days)

    # Anchor the cumulative line on today's real count: documents imported as
    # done never had a status event, and they still count.
    cumulative: list[int] = []
    remaining = counts[Status.DONE.value]
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
    )
