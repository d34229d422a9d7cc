"""An annotator's package: a project file of their own with just their share of the work.

A package is an ordinary Annotator project (one SQLite file), so the annotator
opens it like any project (``annotator --db alice.annotator``) and the app
starts on the first unfinished document of their assignment. It holds:

- their documents, each with the annotations to start from (their own earlier
  version if they have one, else the project's), candidates, sources and time;
- the label schema, the annotation guidelines and the project's learned model
  (``store.transfer.WHOLE_TABLES``), so nothing else needs installing;
- who it is for and which project it came from (``package.*`` settings and the
  project's id), so merging can refuse another project's package.

The file is written beside its destination and renamed into place, so a
failed pack leaves nothing half-written.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator import __version__
from annotator.errors import InputError
from annotator.platform import app_paths
from annotator.store import Store
from annotator.store.connection import utc_now

SUFFIX = ".annotator"
FORMAT_VERSION = "1"
PROJECT_ID = "project.id"
GUIDELINES = "guidelines"
ANNOTATOR = "package.annotator"
CREATED_AT = "package.created_at"
CREATED_BY = "package.created_by"
PROJECT_FILE = "package.project"
FORMAT = "package.format"

Progress = Callable[[int, int], None]


@dataclass
class PackReport:
    path: Path
    annotator: str
    documents: int
    entities: int
    relations: int
    candidates: int
    with_model: bool
    guidelines: bool


def bundled_guidelines() -> str | None:
    """The guidelines that come with Annotator (docs/guidelines.md), as text."""
    path = app_paths.guidelines_path()
    return path.read_text(encoding="utf-8") if path is not None else None


def project_guidelines(store: Store) -> str | None:
    """The project's own guidelines if it has them (a package always does), else the bundled ones."""
    return store.settings.get(GUIDELINES) or bundled_guidelines()


def set_guidelines(store: Store, path: Path) -> str:
    """Make the Markdown file at ``path`` the project's guidelines (packages carry them to annotators)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the guidelines as UTF-8 text ({exc})") from None
    store.settings.set(GUIDELINES, text)
    return text


def package_annotator(store: Store) -> str | None:
    """Who the project file is a package for, or None for a lead's project."""
    return store.settings.get(ANNOTATOR)


def peek_package_annotator(path: str | Path | None) -> str | None:
    """Who the project file at ``path`` is a package for, read without opening it as a project (None if it
    is not a package or cannot be read); the app annotates a package as its annotator."""
    if path is None or not Path(path).is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{Path(path).resolve().as_posix()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (ANNOTATOR,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row and row[0] else None


def project_id(store: Store) -> str:
    value = store.settings.get(PROJECT_ID)
    if not value:
        raise InputError(f"{store.path}: the project has no id; open it once with this version of Annotator")
    return value


def pack(
    store: Store,
    annotator: str,
    out: str | Path,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> PackReport:
    """Write ``annotator``'s package of the documents assigned to them to ``out``."""
    annotator = (annotator or "").strip()
    out = Path(out)
    doc_ids = store.assignments.of_annotator(annotator)
    if not doc_ids:
        known = ", ".join(store.assignments.counts()) or "nobody yet"
        raise InputError(
            f"no documents are assigned to '{annotator}' (assigned: {known}); assign some first (annotator assign)"
        )
    if out.exists() and out.resolve() == Path(store.path).resolve():
        raise InputError(f"{out}: that is the project itself; write the package to another file")
    if out.is_dir():
        raise InputError(f"{out}: is a folder; give the package's file name (e.g. {annotator}{SUFFIX})")
    if out.exists() and not overwrite:
        raise InputError(f"{out}: already exists; choose another name or overwrite it (--force)")
    if not out.parent.is_dir():
        raise InputError(f"{out.parent}: no such folder")
    partial = out.with_name(f".{out.name}.partial")
    _remove_with_journal(partial)
    guidelines = project_guidelines(store)
    settings = {
        PROJECT_ID: project_id(store),
        ANNOTATOR: annotator,
        CREATED_AT: utc_now(),
        CREATED_BY: store.annotator,
        PROJECT_FILE: Path(store.path).name,
        FORMAT: FORMAT_VERSION,
        "package.app_version": __version__,
    }
    if guidelines:
        settings[GUIDELINES] = guidelines
    try:
        with Store(partial, annotator=annotator, schema=store.schema.current) as package:
            counts = package.transfers.fill_package(store, doc_ids, annotator, settings=settings, progress=progress)
        # one self-contained file: fold the write-ahead log back in before it travels
        _checkpoint(partial)
        os.replace(partial, out)
    except BaseException:
        _remove_with_journal(partial)
        raise
    return PackReport(
        out, annotator, counts["documents"], counts["entities"], counts["relations"], counts["candidates"],
        with_model=counts.get("tables", 0) > 0, guidelines=bool(guidelines),
    )


# Characters Windows refuses in file names (a superset of what macOS and Linux refuse), and
# control characters; names of devices that Windows reserves whatever the extension.
_UNSAFE_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def package_file_name(annotator: str) -> str:
    """The file name of ``annotator``'s package, safe on Windows, macOS and Linux (``li/wang`` → ``li_wang.annotator``)."""
    stem = _UNSAFE_IN_FILE_NAMES.sub("_", annotator.strip()).strip(" .") or "annotator"
    if stem.upper() in _WINDOWS_DEVICES:
        stem = f"{stem}_"
    return f"{stem}{SUFFIX}"


def package_targets(store: Store, folder: str | Path) -> dict[str, Path]:
    """Where ``pack_all`` writes each assigned annotator's package in ``folder``, checked: the
    folder exists, somebody is assigned, and no two names give the same file."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: is a file; give the folder to write the packages into")
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    annotators = list(store.assignments.counts())
    if not annotators:
        raise InputError("no documents are assigned to anybody yet; assign some first (annotator assign)")
    targets: dict[str, Path] = {}
    by_file: dict[str, str] = {}
    for annotator in annotators:
        name = package_file_name(annotator)
        if name.lower() in by_file:  # case-insensitive file systems (Windows, macOS) would merge them
            raise InputError(
                f"'{by_file[name.lower()]}' and '{annotator}' would both be written to {name}; "
                f"write one of them on its own (annotator pack --annotator NAME -o FILE)"
            )
        by_file[name.lower()] = annotator
        targets[annotator] = folder / name
    return targets


def pack_all(
    store: Store,
    folder: str | Path,
    *,
    overwrite: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[PackReport]:
    """Write every assigned annotator's package into ``folder``, one ``NAME.annotator`` each.

    Everything is checked before the first file is written (``package_targets``, and no
    package is overwritten unless ``overwrite``). ``progress(done, total, annotator)``
    counts documents over all the packages.
    """
    targets = package_targets(store, folder)
    existing = [path for path in targets.values() if path.exists()]
    if existing and not overwrite:
        names = ", ".join(path.name for path in existing)
        raise InputError(f"{folder}: {names} already exist{'s' if len(existing) == 1 else ''}; "
                         f"choose another folder or overwrite them (--force)")
    counts = store.assignments.counts()
    total = sum(figures["documents"] for figures in counts.values())
    reports: list[PackReport] = []
    before = 0
    for annotator, path in targets.items():
        def report(done: int, _total: int, offset: int = before, who: str = annotator) -> None:
            if progress is not None:
                progress(offset + done, total, who)

        reports.append(pack(store, annotator, path, overwrite=overwrite, progress=report))
        before += counts[annotator]["documents"]
    return reports


def _checkpoint(path: Path) -> None:
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


def _remove_with_journal(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        leftover.unlink(missing_ok=True)
