"""Merging annotators' packages back into the project: lossless, idempotent and safe.

``merge(target, packages)`` checks every package before it changes anything:

- it must be a complete, undamaged Annotator project file (a truncated or
  damaged file fails SQLite's integrity check; anything else is not SQLite);
- it must be a package (made by ``annotator pack``) of this very project
  (the project id it carries);
- every label its annotations use must be in the project's schema, with the
  relations the schema allows.

Then all packages are merged in one transaction on the project: either all of
them are in, or, on any error, the project is exactly as it was. Each package
is read from a private copy, so the file the annotator sent is never changed
(an older package is brought up to date in the copy).

What merging does with each document is ``store.transfers.merge_package``:
the annotator's annotations become their version (each entity and relation
keeps its maker and times); a document only they annotated also becomes the
project's gold, unless someone changed it in the project since it was packed;
a document annotated by several people waits for adjudication. Merging the
same package again finds every version unchanged and writes nothing.

When the target does not exist yet, it is created from the first package
(same project id and schema) and appears only once the merge succeeded.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.errors import DatabaseError, InputError, SchemaError
from annotator.label_schema import LabelSchema
from annotator.store import Store, default_annotator
from annotator.store.transfer import MergeOutcome
from annotator.team import packages

SQLITE_HEADER = b"SQLite format 3\x00"
MERGE_CACHE_KIB = 256 * 1024
ZIP_HEADER = b"PK\x03\x04"

# progress(packages done, packages in all, package being merged)
Progress = Callable[[int, int, str], None]


@dataclass
class MergeReport:
    target: Path
    packages: list[tuple[Path, MergeOutcome]] = field(default_factory=list)
    created: bool = False
    # documents of the project that wait for adjudication after the merge
    pending_adjudication: int = 0

    @property
    def changed(self) -> int:
        return sum(outcome.changed for _path, outcome in self.packages)


def merge(
    target: str | Path,
    package_paths: Sequence[str | Path],
    *,
    annotator: str | None = None,
    progress: Progress | None = None,
) -> MergeReport:
    """Merge ``package_paths`` into the project at ``target`` (created if missing); see the module's docstring."""
    if not package_paths:
        raise InputError("name at least one package to merge")
    target = Path(target)
    paths = [Path(p) for p in package_paths]
    for path in paths:
        if path.exists() and target.exists() and path.resolve() == target.resolve():
            raise InputError(f"{path}: is the project being merged into; name the annotators' packages")
    with contextlib.ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="annotator-merge-")))
        opened = [stack.enter_context(opened_copy(path, scratch / f"{i}.db")) for i, path in enumerate(paths)]
        created = not target.exists()
        if created:
            destination = target.with_name(f".{target.name}.partial")
            _remove_with_journal(destination)
            first = opened[0]
            project = Store(destination, annotator=annotator, schema=first.schema.current)
            project.settings.set(packages.PROJECT_ID, packages.project_id(first))
        else:
            destination = target
            # Opened as someone the project knows, so opening writes nothing; who merges
            # is recorded inside the merge's own transaction, which a refusal rolls back.
            project = Store(target, annotator=_known_annotator(target, annotator))
        try:
            report = _merge_into(project, paths, opened, progress, annotator)
            report.target = target
            report.created = created
        except BaseException:
            project.close()
            if created:
                _remove_with_journal(destination)
            raise
        project.close()
        if created:
            os.replace(destination, target)
        return report


def _known_annotator(target: Path, wanted: str | None) -> str | None:
    """``wanted`` if the project knows them, else someone it knows (None if it cannot be read)."""
    try:
        conn = sqlite3.connect(f"file:{target.resolve().as_posix()}?mode=ro", uri=True)
        try:
            known = [name for (name,) in conn.execute("SELECT name FROM annotators ORDER BY created_at, name")]
        finally:
            conn.close()
    except sqlite3.Error:
        return wanted
    wanted = wanted or default_annotator()
    return wanted if wanted in known or not known else known[0]


def _merge_into(
    project: Store, paths: list[Path], opened: list[Store], progress: Progress | None, annotator: str | None
) -> MergeReport:
    wanted = packages.project_id(project)
    annotators: dict[str, Path] = {}
    for path, package in zip(paths, opened):
        who = packages.package_annotator(package)
        if not who:
            raise InputError(f"{path}: is an Annotator project, not an annotator's package (make one with annotator pack)")
        theirs = package.settings.get(packages.PROJECT_ID)
        if theirs != wanted:
            raise InputError(
                f"{path}: is a package of another project (id {theirs or 'none'}, made from "
                f"{package.settings.get(packages.PROJECT_FILE) or 'an unknown file'}), not of {project.path.name} "
                f"(id {wanted}); nothing was merged"
            )
        if who in annotators:
            raise InputError(f"{path} and {annotators[who]} are both {who}'s packages; merge one at a time")
        annotators[who] = path
        check_schema_fits(path, package, project.schema.current)
    report = MergeReport(project.path)
    # A merge writes hundreds of thousands of rows into the project's indexes in one transaction;
    # SQLite's default page cache (2 MB) would spill and reread them all along.
    project.db.conn.execute(f"PRAGMA cache_size = -{MERGE_CACHE_KIB}")
    with project.transaction():
        project.set_annotator(annotator or default_annotator())
        for index, (path, package) in enumerate(zip(paths, opened)):
            if progress:
                progress(index, len(paths), path.name)

            def documents_done(done: int, total: int, name: str = path.name, index: int = index) -> None:
                if progress:
                    progress(index, len(paths), f"{name}: {done:,} of {total:,} documents")

            outcome = project.transfers.merge_package(
                package, packages.package_annotator(package) or "", merged_from=path.name, progress=documents_done
            )
            report.packages.append((path, outcome))
        if progress:
            progress(len(paths), len(paths), "")
    report.pending_adjudication = len(project.adjudications.pending())
    return report


def check_schema_fits(path: Path, package: Store, schema: LabelSchema) -> None:
    """Refuse a package whose annotations use labels (or relations, or document label values) the project lacks."""
    entities, relations, triples = package.annotations.labels_in_use()
    for label, count in entities.items():
        if not schema.has_entity(label):
            raise SchemaError(
                f"{path}: {count} entities use the label '{label}', which the project's schema does not have "
                f"({', '.join(schema.entity_names)}); the package was made with another schema. Add the label to "
                "the project (Project ▸ Label schema) or have the annotator relabel them; nothing was merged"
            )
    for label, count in relations.items():
        if label not in schema.relation_names:
            raise SchemaError(
                f"{path}: {count} relations use the label '{label}', which the project's schema does not have; "
                "nothing was merged"
            )
    for label, head, tail in triples:
        try:
            schema.check_relation(label, head, tail)
        except SchemaError as exc:
            raise SchemaError(f"{path}: the package's relations conflict with the project's schema: {exc}; "
                              "nothing was merged") from None
    for name, value in package.db.conn.execute("SELECT DISTINCT name, value FROM doc_labels"):
        names = [d.name for d in schema.document_labels]
        if name not in names or value not in schema.document_label(name).values:
            raise SchemaError(
                f"{path}: the document label {name} = {value!r} is not in the project's schema; nothing was merged"
            )


@contextlib.contextmanager
def opened_copy(path: Path, copy: Path) -> Iterator[Store]:
    """A private, checked copy of the project file at ``path`` (with its write-ahead log, if one was left
    beside it), opened as a project. The file itself is only read."""
    _check_file(path)
    shutil.copyfile(path, copy)
    wal = Path(f"{path}-wal")
    if wal.is_file():
        shutil.copyfile(wal, Path(f"{copy}-wal"))
    try:
        conn = sqlite3.connect(str(copy))
        try:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
            owner = conn.execute("SELECT value FROM settings WHERE key = ?", (packages.ANNOTATOR,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if "no such table" in str(exc):
            raise InputError(f"{path}: is an SQLite file but not an Annotator project") from None
        raise InputError(f"{path}: the file is damaged or incomplete ({exc}); ask for it again") from None
    if problems != ["ok"]:
        raise InputError(
            f"{path}: the file is damaged or incomplete (SQLite: {problems[0]}); ask for it again; nothing was merged"
        )
    try:
        # opened as the annotator it belongs to, so opening writes nothing into it
        package = Store(copy, annotator=owner[0] if owner and owner[0] else "merge")
    except DatabaseError as exc:
        raise InputError(str(exc).replace(str(copy), str(path))) from None
    try:
        yield package
    finally:
        package.close()


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: is not a file")
    size = path.stat().st_size
    with open(path, "rb") as handle:
        head = handle.read(100)
    if head.startswith(ZIP_HEADER):
        raise InputError(f"{path}: is a zip archive, not an Annotator package; merge the .annotator file itself")
    if not head.startswith(SQLITE_HEADER):
        raise InputError(f"{path}: is not an Annotator package (not an SQLite file)")
    if len(head) < 100:
        raise InputError(f"{path}: the file is truncated ({size} bytes); ask for it again")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    if page_size and pages and size < page_size * pages:
        raise InputError(
            f"{path}: the file is truncated ({size:,} bytes of {page_size * pages:,}); ask for it again"
        )


def _remove_with_journal(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        leftover.unlink(missing_ok=True)
