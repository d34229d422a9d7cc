"""The project database: one SQLite file holding documents, annotations and their history.

``Store`` is the composition root: it opens the file, applies migrations, and
holds one object per aggregate, each owning its own tables' SQL:

- ``store.documents``: documents and their source files, import, review status
- ``store.annotations``: entities, relations, document labels, time spent
- ``store.candidates``: machine suggestions and the reviewer's decisions on them
- ``store.candidates_due``: documents an import stored and still owes their candidates
- ``store.segmentation``: merging, splitting and moving text between documents
- ``store.schema``: the project's label schema (``store.schema.current``) and label renames
- ``store.events``: reading the append-only event log
- ``store.settings``: project settings and the annotators who worked on it
- ``store.search_index``: writing the full-text search index (a derived cache)
- ``store.assignments``: who works on which document
- ``store.versions``: each annotator's own version of a document, merged from their package
- ``store.layers``: a document's project layer as a whole (adjudication replaces it)
- ``store.adjudications``: which documents' gold is settled, by whom and how
- ``store.transfers``: filling an annotator's package, and merging one back

Every public method that changes something runs in a transaction and appends
an event (who, when, what, before and after) in that same transaction, so the
log and the data can never disagree. Methods compose: calling several inside
``with store.transaction():`` makes them one unit.

One ``Store`` belongs to one thread. Background workers open their own.
"""

from __future__ import annotations

import contextlib
import getpass
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.errors import DatabaseError, SchemaError
from annotator.label_schema import LabelSchema
from annotator.platform import app_paths
from annotator.store.adjudications import Adjudications
from annotator.store.annotations import Annotations
from annotator.store.assignments import Assignments
from annotator.store.candidates import Candidates
from annotator.store.candidates_due import CandidatesDue
from annotator.store.database import ProjectDatabase
from annotator.store.documents import Documents
from annotator.store.events import Events
from annotator.store.layers import Layers
from annotator.store.models import Models
from annotator.store.opening import open_database
from annotator.store.schema import ProjectSchema
from annotator.store.search_index import SearchIndexWriter
from annotator.store.segmentation import Segmentation
from annotator.store.settings import Settings
from annotator.store.transfer import Transfers
from annotator.store.versions import Versions


def default_annotator() -> str:
    try:
        return getpass.getuser() or "annotator"
    except Exception:  # noqa: BLE001 - getuser raises on some locked-down Windows accounts
        return "annotator"


class Store:
    def __init__(
        self,
        path: str | Path | None = None,
        *,
        annotator: str | None = None,
        schema: LabelSchema | None = None,
        read_only: bool = False,
        _fresh: bool = False,
    ) -> None:
        self.path = Path(path) if path else app_paths.default_db_path()
        self.closed = False
        # Opened to look only: nothing is written, not even who is annotating (see store/opening.py).
        self.read_only = read_only
        self.db, self.version = open_database(
            self.path,
            read_only=read_only,
            fresh=_fresh,
            # A new project is built whole in a private file, then moved into place.
            build=lambda private: Store(private, annotator=annotator, schema=schema, _fresh=True).close(),
        )
        self._db = ProjectDatabase(self.path, self.db)
        self.documents = Documents(self._db, self)
        self.annotations = Annotations(self._db, self)
        self.candidates = Candidates(self._db, self)
        self.candidates_due = CandidatesDue(self._db, self)
        self.segmentation = Segmentation(self._db, self)
        self.schema = ProjectSchema(self._db, self)
        self.events = Events(self._db, self)
        self.settings = Settings(self._db, self)
        self.search_index = SearchIndexWriter(self._db, self)
        self.assignments = Assignments(self._db, self)
        self.versions = Versions(self._db, self)
        self.layers = Layers(self._db, self)
        self.adjudications = Adjudications(self._db, self)
        self.transfers = Transfers(self._db, self)
        self.models = Models(self._db, self)  # the learned suggester's models and the documents' uncertainty
        try:
            self.set_annotator(annotator or default_annotator())
            if read_only:
                self.schema.use_if_missing(schema)
            else:
                self.schema.install_if_missing(schema)
        except BaseException:
            self.db.conn.close()
            raise

    # --- lifecycle ------------------------------------------------------------

    def close(self) -> None:
        self.db.conn.close()
        self.closed = True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions and the current annotator ------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Make every store call inside one unit: all of them happen, or none."""
        with self._db.transaction():
            yield

    @property
    def annotator(self) -> str:
        """Who the changes made through this store are recorded for."""
        return self._db.annotator

    def set_annotator(self, name: str) -> None:
        name = (name or "").strip()
        if not name:
            raise DatabaseError("the annotator name cannot be empty")
        previous = self._db.annotator
        # The new annotator is who adds themselves to the project.
        self._db.annotator = name
        if self.read_only:
            return  # looking only: who is looking is not recorded
        try:
            self.settings.add_annotator(name)
        except BaseException:
            self._db.annotator = previous
            raise

    def change_marker(self) -> tuple[int, int]:
        """A value that differs whenever the project changed: by this connection (its
        change count) or by any other (SQLite's data version). Compare two to know."""
        return self.db.conn.total_changes, self._db.scalar("PRAGMA data_version")

    # --- the whole project ---------------------------------------------------------

    def check(self) -> list[str]:
        """``annotator check``: every problem found, in plain words; an empty list means the project is sound."""
        problems: list[str] = []
        for (result,) in self._db.execute("PRAGMA integrity_check").fetchall():
            if result != "ok":
                problems.append(f"SQLite integrity: {result}")
        for row in self._db.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"table {row[0]} row {row[1]} points at a missing row in {row[2]}")
        return problems + self.check_annotations()

    def check_annotations(self) -> list[str]:
        """Problems with what the file holds, asked of each part: offsets that miss their text,
        labels the schema lacks, versions that do not fit their document... Meaningful only in a
        file SQLite's checks (``check``, or ``store.health.full_check``) find sound."""
        problems: list[str] = []
        try:
            schema = self.schema.current
        except SchemaError as exc:
            return [str(exc)]
        texts: dict[str, str] = {}

        def doc_text(doc_id: str) -> str:
            if doc_id not in texts:
                texts[doc_id] = self.documents.text(doc_id)
            return texts[doc_id]

        problems += self.annotations.problems(schema, doc_text)
        problems += self.candidates.problems(doc_text)
        problems += self.versions.problems(doc_text)
        problems += self.documents.problems()
        problems += self.candidates_due.problems()
        return problems

    def stats(self) -> dict[str, Any]:
        """The project's figures: documents by status, labels used, candidates by state, work per annotator."""
        by_status = self.documents.count_by_status()
        entity_labels = self.annotations.entity_label_counts()
        relation_labels = self.annotations.relation_label_counts()
        return {
            "database": str(self.path),
            "documents": {"total": sum(by_status.values()), **by_status},
            "entities": {"total": sum(entity_labels.values()), "by_label": entity_labels},
            "relations": {"total": sum(relation_labels.values()), "by_label": relation_labels},
            "candidates": self.candidates.state_counts(),
            "annotators": self.annotations.work_by_annotator(),
        }


def open_store(path: str | Path | None = None, **kwargs: Any) -> Store:
    return Store(path, **kwargs)
