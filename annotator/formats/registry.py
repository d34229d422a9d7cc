"""Which formats Annotator reads and writes, and how a file's format is recognised.

A reader turns one file into a ``SourceFile`` (documents plus notes) without
touching the database; a writer turns documents into a dataset. Each format
module registers itself here; ``annotator.formats`` imports them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.label_schema import LabelSchema
from annotator.model import AnnotatedDocument, SourceFile

SNIFF_BYTES = 64 * 1024
# A format is recognised from whole lines: the head is read on to the end of
# the line it stops in (a Prodigy task for one 1,100-character article is a
# 70 KB line). A first line longer than this is refused with a question.
SNIFF_LINE_LIMIT = 64 * 1024 * 1024


# How offsets in an imported file count characters: ``auto`` decides per file
# from the evidence (see ``annotator.formats.offset_units``).
OFFSET_UNITS = ("auto", "codepoint", "utf16")
# How token-based formats (CoNLL, Prodigy, spaCy, the tags in Hugging Face
# records) cut the text: one token per character, or jieba words.
TOKEN_MODES = ("char", "word")


@dataclass
class ReadOptions:
    # map half-width punctuation between CJK characters to full width (1:1)
    normalise_width: bool = True
    annotator: str = ""
    # auto, codepoint or utf16: how doccano / Label Studio offsets count
    offsets: str = "auto"
    # The project's schema, for readers whose files hold layers that come in
    # only where the schema has their labels (brat events). None: leave them out.
    schema: LabelSchema | None = None
    # brat events: "schema" (triggers and arguments where ``schema`` has their
    # labels, else counted and left out) or "all" (every one, for planning a
    # label adoption; see annotator.project.label_adoption)
    events: str = "schema"


@dataclass
class ExportOptions:
    include_candidates: bool = False
    # e.g. {"train": 0.8, "dev": 0.1, "test": 0.1}; None writes one file
    splits: dict[str, float] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # mixed into the hash that assigns documents to splits; change it to draw another split
    split_seed: str = ""
    # char or word (jieba): tokens of CoNLL, Prodigy, spaCy and the Hugging Face tags
    tokens: str = "char"
    # codepoint or utf16: offsets written by doccano and Label Studio; None is
    # the format's own convention (``Writer.default_offsets``: UTF-16 for
    # doccano, whose web page counts them, code points for Label Studio)
    offsets: str | None = None
    # all, outermost or innermost: which spans go out where entities nest
    # (``annotator.formats.nesting``); readers such as spaCy's doc.ents and the
    # relation tutorial's parse_data.py take one layer only
    nesting: str = "all"
    # What was selected and how (statuses, labels, annotators, documents); set by
    # ``annotator.project.exporting.export`` and written into dataset cards and schema files.
    selection: dict[str, Any] = field(default_factory=dict)


@dataclass
class ExportSummary:
    output: str
    documents: int = 0
    entities: int = 0
    relations: int = 0
    candidates: int = 0
    files: list[str] = field(default_factory=list)
    # what the format could not hold, and why (e.g. nested spans in BIO)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # per split: {"documents": n, "entities": n, "relations": n}
    splits: dict[str, dict[str, int]] = field(default_factory=dict)
    # entities written per label
    labels: dict[str, int] = field(default_factory=dict)


@dataclass
class Reader:
    name: str
    description: str
    extensions: tuple[str, ...]
    read: Callable[[Path, ReadOptions], SourceFile]
    # Given the file's first bytes (whole lines: see ``read_head``), is it this
    # format? Only consulted among readers that accept the file's extension.
    sniff: Callable[[bytes], bool] = lambda head: True
    # Lower is tried first when several readers accept an extension.
    priority: int = 100


@dataclass
class Writer:
    name: str
    description: str
    # writes documents to ``out`` ('-' for stdout where the format is one stream)
    write: Callable[[Iterable[AnnotatedDocument], LabelSchema, str, ExportOptions], ExportSummary]
    # True when the output is a folder rather than one file
    folder: bool = False
    suffix: str = ""
    # False when the format cannot go to stdout (binary files, folders)
    stdout: bool = True
    # which ExportOptions fields the format uses beyond the common ones
    # ("tokens", "offsets", "include_candidates"), so the CLI and the export
    # dialog offer only what applies
    uses: frozenset[str] = frozenset()
    # the offset unit written when ExportOptions.offsets is None
    default_offsets: str = "codepoint"


READERS: dict[str, Reader] = {}
WRITERS: dict[str, Writer] = {}
# Tests for files that are read together with another one (brat's .txt next
# to its .ann, the schema written beside an export, a dataset card). Folder
# discovery leaves them out so they are not imported a second time on their own.
COMPANION_TESTS: list[Callable[[Path], bool]] = []


def register_reader(reader: Reader) -> Reader:
    READERS[reader.name] = reader
    return reader


def register_writer(writer: Writer) -> Writer:
    WRITERS[writer.name] = writer
    return writer


def importable_extensions() -> set[str]:
    return {ext for reader in READERS.values() for ext in reader.extensions}


def register_companion(test: Callable[[Path], bool]) -> Callable[[Path], bool]:
    COMPANION_TESTS.append(test)
    return test


def is_companion(path: Path) -> bool:
    """True when ``path`` belongs to another file and is not imported on its own."""
    return any(test(path) for test in COMPANION_TESTS)


def reader_named(name: str) -> Reader:
    if name not in READERS:
        raise InputError(f"unknown import format '{name}' (known: {', '.join(sorted(READERS))})")
    return READERS[name]


def writer_named(name: str) -> Writer:
    if name not in WRITERS:
        raise InputError(f"unknown export format '{name}' (known: {', '.join(sorted(WRITERS))})")
    return WRITERS[name]


def read_head(path: Path) -> bytes:
    """The file's first ``SNIFF_BYTES``, read on to the end of the line they stop in.

    Sniffers see whole lines only, so a long first record (one Prodigy task,
    one doccano or Hugging Face document) is judged by its content, not cut
    off and mistaken for another format.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            if len(head) < SNIFF_BYTES or head.endswith(b"\n"):
                return head
            parts, size = [head], len(head)
            while True:
                chunk = handle.read(SNIFF_BYTES)
                if not chunk:
                    break
                cut = chunk.find(b"\n")
                if cut >= 0:
                    parts.append(chunk[: cut + 1])
                    break
                parts.append(chunk)
                size += len(chunk)
                if size > SNIFF_LINE_LIMIT:
                    raise InputError(f"{path}: the first line is longer than {SNIFF_LINE_LIMIT // (1024 * 1024)} MB, "
                                     "so its format cannot be told from it; name it with --format")
            return b"".join(parts)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror or exc})") from None


def detect_reader(path: Path) -> Reader:
    suffix = path.suffix.lower()
    candidates = sorted(
        (r for r in READERS.values() if suffix in r.extensions), key=lambda r: (r.priority, r.name)
    )
    if not candidates:
        known = ", ".join(sorted(importable_extensions()))
        raise InputError(f"{path}: cannot tell its format from the extension '{suffix}' (known: {known}); "
                         "use --format")
    head = read_head(path)
    for reader in candidates:
        if reader.sniff(head):
            return reader
    return candidates[-1]
