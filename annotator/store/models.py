"""The learned suggester's models in the project database, and how unsure the current one is of each document.

A model is stored with what it was trained on (documents, entities, labels),
how it was trained (feature and training settings), how well it did (k-fold
cross-validated precision, recall and F1 per label, and the learning curve),
the format it was written in and the model bytes themselves, so it travels
with the project file. Every training adds a version; the bytes of all but the
newest ``KEEP_MODEL_BYTES`` are dropped, their figures kept (they are the
points of the learning curve across versions).

A stored model that cannot be used (its bytes are damaged, or a newer
Annotator wrote it) raises ``ModelUnreadableError`` with a message in plain
words; ``usable()`` turns that into "no model" plus the message, so the rules
keep working and training again replaces it.

Labels renamed since a model was trained are followed through the event log
(``schema.rename_entity``); labels the schema no longer has map to None, and
their suggestions are dropped.

The store is being split into per-aggregate objects; this one is reached as
``store.models``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.errors import DatabaseError
from annotator.store.connection import utc_now
from annotator.store.database import Aggregate, step_of_write
from annotator.store.rows import dumps, loads

if TYPE_CHECKING:
    from annotator.store.store import Store

# The version of the stored model (its bytes and the meaning of its settings) this
# Annotator reads and writes. Raise it when either changes incompatibly.
MODEL_FORMAT_VERSION = 1
# Bytes kept for this many of the newest models; older versions keep only their figures.
KEEP_MODEL_BYTES = 3
# The magic number at the start of every CRFsuite model file.
CRFSUITE_MAGIC = b"lCRF"

UNFINISHED = ("todo", "in_progress")


class ModelUnreadableError(DatabaseError):
    """The stored model cannot be used: damaged, or written by a newer Annotator."""


@dataclass(frozen=True)
class ModelRecord:
    """A freshly trained model, ready to be stored."""

    data: bytes
    documents: int
    entities: int
    labels: tuple[str, ...]
    settings: dict[str, Any]
    metrics: dict[str, Any]
    learning_curve: list[dict[str, Any]] = field(default_factory=list)
    # The last event in the log when the training data was read: label renames after it are followed.
    trained_after_event: int = 0
    format_version: int = MODEL_FORMAT_VERSION


@dataclass(frozen=True)
class ModelSummary:
    """A stored model's figures, without its bytes."""

    id: int
    format_version: int
    created_at: str
    annotator: str
    documents: int
    entities: int
    labels: tuple[str, ...]
    settings: dict[str, Any]
    metrics: dict[str, Any]
    learning_curve: list[dict[str, Any]]
    trained_after_event: int
    size: int
    sha256: str

    def describe(self) -> str:
        return f"model version {self.id} (trained {self.created_at[:16].replace('T', ' ')} on {self.documents} documents)"


@dataclass(frozen=True)
class StoredModel(ModelSummary):
    """A usable model: its bytes, checked, and where each of its labels went since it was trained."""

    data: bytes = field(default=b"", repr=False)
    # trained label -> the schema's label now, or None when that label was deleted
    label_map: Mapping[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentUncertainty:
    doc_id: str
    model_id: int
    # the ranking key: the expected share of its sentences the model tags wrongly somewhere
    # (least confidence per sentence; see annotator/learning/model.py)
    uncertainty: float
    # the expected number of such sentences
    expected_wrong_sentences: float


_SUMMARY_COLUMNS = (
    "id, format_version, created_at, annotator, documents, entities, labels, settings, metrics, "
    "learning_curve, trained_after_event, size, sha256"
)


def _summary_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "format_version": row["format_version"],
        "created_at": row["created_at"],
        "annotator": row["annotator"],
        "documents": row["documents"],
        "entities": row["entities"],
        "labels": tuple(loads(row["labels"])),
        "settings": loads(row["settings"]),
        "metrics": loads(row["metrics"]),
        "learning_curve": loads(row["learning_curve"]),
        "trained_after_event": row["trained_after_event"],
        "size": row["size"],
        "sha256": row["sha256"],
    }


class Models(Aggregate):
    """``store.models``: the project's models and the uncertainty of its documents."""

    # --- models ------------------------------------------------------------------------------

    def add(self, record: ModelRecord) -> ModelSummary:
        """Store a new version; keeps the bytes of the newest ``KEEP_MODEL_BYTES`` only."""
        digest = hashlib.sha256(record.data).hexdigest()
        with self._db.transaction():
            cursor = self._db.execute(
                "INSERT INTO models (format_version, created_at, annotator, documents, entities, labels, settings, "
                "metrics, learning_curve, trained_after_event, size, sha256, data) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.format_version, utc_now(), self._project.annotator, record.documents, record.entities,
                    dumps(list(record.labels)), dumps(record.settings), dumps(record.metrics),
                    dumps(record.learning_curve), record.trained_after_event, len(record.data), digest, record.data,
                ),
            )
            model_id = cursor.lastrowid
            assert model_id is not None  # an INSERT always sets it
            self._db.execute(
                "UPDATE models SET data = NULL WHERE data IS NOT NULL AND id NOT IN "
                "(SELECT id FROM models ORDER BY id DESC LIMIT ?)",
                (KEEP_MODEL_BYTES,),
            )
            summary = self.summary(model_id)
            self._db.log(
                "model.train", None, f"model:{model_id}", None,
                {"documents": record.documents, "entities": record.entities, "labels": list(record.labels),
                 "metrics": record.metrics, "size": len(record.data), "sha256": digest},
            )
        return summary

    def summary(self, model_id: int) -> ModelSummary:
        row = self._db.row(f"SELECT {_SUMMARY_COLUMNS} FROM models WHERE id = ?", (model_id,))
        if row is None:
            raise DatabaseError(f"{self._project.path}: no model with version {model_id}")
        return ModelSummary(**_summary_fields(row))

    def history(self) -> list[ModelSummary]:
        """Every version's figures, oldest first (the bytes are not read)."""
        return [
            ModelSummary(**_summary_fields(row))
            for row in self._db.rows(f"SELECT {_SUMMARY_COLUMNS} FROM models ORDER BY id")
        ]

    def latest_id(self) -> int | None:
        return self._db.scalar("SELECT MAX(id) FROM models")

    def current(self) -> StoredModel | None:
        """The newest model, checked; None when none was trained.

        Raises ``ModelUnreadableError`` when it cannot be used.
        """
        row = self._db.row(f"SELECT {_SUMMARY_COLUMNS}, data FROM models ORDER BY id DESC LIMIT 1")
        if row is None:
            return None
        summary = ModelSummary(**_summary_fields(row))
        data = row["data"]
        what = f"{self._project.path}: the project's {summary.describe()}"
        if summary.format_version > MODEL_FORMAT_VERSION:
            raise ModelUnreadableError(
                f"{what} was made by a newer version of Annotator (model format {summary.format_version}; "
                f"this version reads format {MODEL_FORMAT_VERSION}). It is ignored and the rules alone "
                "make suggestions; update Annotator, or run 'annotator train' to train a model this version can use"
            )
        if (
            not isinstance(data, bytes)
            or len(data) != summary.size
            or hashlib.sha256(data).hexdigest() != summary.sha256
            or not data.startswith(CRFSUITE_MAGIC)
        ):
            raise ModelUnreadableError(
                f"{what} is damaged (its bytes do not match the checksum stored with them). It is ignored "
                "and the rules alone make suggestions; run 'annotator train' to train a new one"
            )
        return StoredModel(**_summary_fields(row), data=data, label_map=self.label_map(summary))

    def usable(self) -> tuple[StoredModel | None, str | None]:
        """The current model, or None and the reason in plain words when it cannot be used."""
        try:
            return self.current(), None
        except ModelUnreadableError as exc:
            return None, str(exc)

    def label_map(self, model: ModelSummary) -> dict[str, str | None]:
        """Each trained label's name in today's schema: renames since training followed, deleted labels None."""
        mapping: dict[str, str] = {label: label for label in model.labels}
        for event in self._project.events.find(action="schema.rename_entity", since_id=model.trained_after_event):
            change = (event.after or {}).get("change") or {}
            old, new = change.get("old"), change.get("new")
            if old is None or new is None:
                continue
            for trained, now in mapping.items():
                if now == old:
                    mapping[trained] = new
        defined = set(self._project.schema.current.entity_names)
        return {trained: (now if now in defined else None) for trained, now in mapping.items()}

    def last_event_id(self) -> int:
        return int(self._db.scalar("SELECT COALESCE(MAX(id), 0) FROM events"))

    # --- uncertainty ---------------------------------------------------------------------------

    @step_of_write
    def record_uncertainty(self, measured: Iterable[DocumentUncertainty]) -> int:
        """Remember how unsure a model is of each document: one step of the candidate refresh that measured it,
        whose ``candidates.replace`` event records the refresh."""
        rows = [
            (m.doc_id, m.model_id, float(m.uncertainty), float(m.expected_wrong_sentences), utc_now())
            for m in measured
        ]
        if not rows:
            return 0
        self._db.executemany(
            "INSERT INTO document_uncertainty "
            "(doc_id, model_id, uncertainty, expected_wrong_sentences, computed_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(doc_id) DO UPDATE SET model_id = excluded.model_id, "
            "uncertainty = excluded.uncertainty, expected_wrong_sentences = excluded.expected_wrong_sentences, "
            "computed_at = excluded.computed_at",
            rows,
        )
        return len(rows)

    def uncertainty(self, doc_id: str) -> DocumentUncertainty | None:
        row = self._db.row(
            "SELECT doc_id, model_id, uncertainty, expected_wrong_sentences FROM document_uncertainty WHERE doc_id = ?",
            (doc_id,),
        )
        return None if row is None else DocumentUncertainty(**row)

    def most_uncertain(
        self, statuses: Iterable[str] = UNFINISHED, *, limit: int | None = None
    ) -> list[DocumentUncertainty]:
        """Documents of these statuses the current model has measured, most unsure first.

        Only the newest model's measurements count (older ones are stale); ties
        go by reading order. Documents it has not measured are left out.
        """
        latest = self.latest_id()
        if latest is None:
            return []
        values = [str(s) for s in statuses]
        sql = (
            "SELECT u.doc_id, u.model_id, u.uncertainty, u.expected_wrong_sentences FROM document_uncertainty u "
            "JOIN documents d ON d.id = u.doc_id "
            f"WHERE u.model_id = ? AND d.status IN ({','.join('?' * len(values))}) "
            "ORDER BY u.uncertainty DESC, d.position"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [DocumentUncertainty(**row) for row in self._db.rows(sql, [latest, *values])]
