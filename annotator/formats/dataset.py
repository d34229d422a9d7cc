"""Writing a dataset: layout, splits, verification, the schema beside the data, and the summary.

Each format supplies a ``FormatWriter``: how to open one output part and add
documents to it, and which extra files describe the data (a labelling
config, an ``annotation.conf``, a dataset card). ``write_dataset`` does the
rest, the same way for every format:

* **Layout.** Without splits a format writes one file ``OUT`` with its schema
  beside it (``OUT-stem.schema.json``), or one folder for formats that are
  folders by nature (brat, Hugging Face). With splits, ``OUT`` is a folder
  holding one part per split (``train.jsonl``, ``dev.jsonl``...) and the
  schema. ``-o -`` streams a one-file text format to stdout, without a schema.
* **Verification.** Every document passes ``verify_document`` before a byte
  of it is written; formats report what they cannot hold (``Report``).
* **Atomicity.** Everything is built in temporary files beside the target and
  renamed into place at the end; an error, or an exception raised by the
  progress callback to cancel, leaves existing files untouched.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.formats.files import atomic_files, atomic_folder_output
from annotator.formats.nesting import NESTING_CHOICES, one_layer
from annotator.formats.registry import ExportOptions, ExportSummary, Writer, register_writer
from annotator.formats.schema_files import SCHEMA_NAME, export_info, schema_document, sidecar_path
from annotator.formats.splits import METHOD as SPLIT_METHOD
from annotator.formats.splits import check_splits, split_of
from annotator.formats.verify import verify_document
from annotator.label_schema import LabelSchema
from annotator.model import AnnotatedDocument

TEXT, BINARY, FOLDER = "text", "binary", "folder"
# At most this many skipped items are listed one by one per kind of reason.
_SKIP_LIST_LIMIT = 200


@dataclass
class Written:
    """What one document contributed to the output."""

    entities: int = 0
    relations: int = 0
    candidates: int = 0
    labels: Counter = field(default_factory=Counter)


class Report:
    """What a writer could not hold, and anything else the user should know."""

    def __init__(self) -> None:
        self.skipped: list[str] = []
        self.notes: list[str] = []
        self._skip_counts: Counter = Counter()

    def skip(self, message: str, kind: str = "") -> None:
        self._skip_counts[kind] += 1
        if self._skip_counts[kind] <= _SKIP_LIST_LIMIT:
            self.skipped.append(message)
        elif self._skip_counts[kind] == _SKIP_LIST_LIMIT + 1:
            self.skipped.append(f"(more {kind or 'items'} were left out; only the first {_SKIP_LIST_LIMIT} are listed)")

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)


@dataclass
class Context:
    """Everything a part needs besides the document: schema, options, the report."""

    schema: LabelSchema
    options: ExportOptions
    report: Report
    split: str | None = None
    # whatever a format keeps across the parts of one export (brat's file names)
    state: dict[str, Any] = field(default_factory=dict)


class Part:
    """One output file (or folder) being written: a split, or the whole export."""

    def add(self, bundle: AnnotatedDocument) -> Written:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:
        """Finish the part (write a closing bracket, serialise a binary file)."""


class FormatWriter:
    """How one format writes documents. Subclasses set the attributes and ``open_part``."""

    name: str = ""
    description: str = ""
    # suffix of one part: ".jsonl", ".spacy"; "" for parts that are folders
    suffix: str = ""
    # text parts get an open text handle, binary parts and folder parts a path
    part_kind: str = TEXT
    # the output is a folder even without splits (brat, Hugging Face)
    always_folder: bool = False
    # the part's name inside the folder when there are no splits ("" = the folder itself)
    single_part: str = "data"
    uses: frozenset[str] = frozenset()
    # the offset unit written unless the export names one (doccano: UTF-16, as its web page counts)
    default_offsets: str = "codepoint"

    def open_part(self, target: Any, context: Context) -> Part:  # pragma: no cover - interface
        raise NotImplementedError

    def describe(self, context: Context) -> dict[str, str]:
        """Files that describe the data, by name (e.g. ``{"label_config.xml": ...}``), besides the schema."""
        return {}

    def export_details(self, options: ExportOptions) -> dict[str, Any]:
        """What the schema file's ``export`` block records about this format's choices."""
        details: dict[str, Any] = {}
        if "offsets" in self.uses:
            details["offsets"] = options.offsets
        if "tokens" in self.uses:
            details["tokens"] = options.tokens
        return details

    def finish(self, context: Context, summary: ExportSummary) -> None:
        """After the last document, whatever the layout: add notes that need totals."""

    def finish_folder(self, folder: Path, context: Context, summary: ExportSummary) -> None:
        """Write files that need the final counts (a dataset card)."""

    def register(self) -> Writer:
        return register_writer(
            Writer(
                name=self.name,
                description=self.description,
                write=self.write,
                folder=self.always_folder,
                suffix=self.suffix,
                stdout=self.part_kind == TEXT and not self.always_folder,
                uses=self.uses,
                default_offsets=self.default_offsets,
            )
        )

    def write(
        self, bundles: Iterable[AnnotatedDocument], schema: LabelSchema, out: str, options: ExportOptions
    ) -> ExportSummary:
        return write_dataset(self, bundles, schema, out, options)


def write_dataset(
    fmt: FormatWriter, bundles: Iterable[AnnotatedDocument], schema: LabelSchema, out: str, options: ExportOptions
) -> ExportSummary:
    splits = check_splits(dict(options.splits)) if options.splits else None
    explicit_offsets = options.offsets
    options = replace(options, offsets=options.offsets or fmt.default_offsets)
    if options.nesting not in NESTING_CHOICES:
        raise InputError(f"--nested: '{options.nesting}' is not one of {', '.join(NESTING_CHOICES)}")
    context = Context(schema=schema, options=options, report=Report())
    if options.include_candidates and "include_candidates" not in fmt.uses:
        context.report.note(f"the {fmt.name} format has no place for candidates; --include-candidates was ignored")
    if options.tokens != "char" and "tokens" not in fmt.uses:
        context.report.note(f"the {fmt.name} format has no tokens; --tokens was ignored")
    if explicit_offsets not in (None, "codepoint") and "offsets" not in fmt.uses:
        context.report.note(f"the {fmt.name} format always counts code points; --offsets was ignored")
    summary = ExportSummary(output=out)
    info = export_info(fmt.name, **fmt.export_details(options), **_split_details(splits, options),
                       selection=options.selection or None)
    if out == "-":
        if splits or fmt.always_folder or fmt.part_kind != TEXT:
            raise InputError(f"the {fmt.name} format{' with splits' if splits else ''} writes "
                             f"{'a folder' if splits or fmt.always_folder else 'a binary file'}; "
                             "give a path with -o, not '-'")
        _write_stdout(fmt, bundles, context, summary)
        context.report.note("written to stdout, so no schema file travels with it; export to a file to get one")
    elif splits or fmt.always_folder:
        _write_folder(fmt, bundles, context, summary, Path(out), splits, info)
    else:
        _write_single(fmt, bundles, context, summary, Path(out), info)
    summary.skipped.extend(context.report.skipped)
    summary.notes.extend(context.report.notes)
    return summary


def _split_details(splits: dict[str, float] | None, options: ExportOptions) -> dict[str, Any]:
    if not splits:
        return {}
    return {"splits": splits, "split_seed": options.split_seed, "split_method": SPLIT_METHOD}


class _Tally:
    """Feeds documents to their parts and counts what was written."""

    def __init__(self, fmt: FormatWriter, context: Context, summary: ExportSummary, parts: dict[str | None, Part],
                 splits: dict[str, float] | None) -> None:
        self.fmt, self.context, self.summary, self.parts, self.splits = fmt, context, summary, parts, splits
        for name in parts:
            summary.splits[name or "all"] = {"documents": 0, "entities": 0, "relations": 0}

    def feed(self, bundles: Iterable[AnnotatedDocument]) -> None:
        labels: Counter = Counter()
        nesting = self.context.options.nesting
        for bundle in bundles:
            if nesting != "all":
                bundle = one_layer(bundle, nesting, self.context.schema.entity_names, self.context.report)
            verify_document(bundle)
            name = split_of(bundle.document.id, self.splits, self.context.options.split_seed) if self.splits else None
            self.context.split = name
            written = self.parts[name].add(bundle)
            counts = self.summary.splits[name or "all"]
            counts["documents"] += 1
            counts["entities"] += written.entities
            counts["relations"] += written.relations
            self.summary.documents += 1
            self.summary.entities += written.entities
            self.summary.relations += written.relations
            self.summary.candidates += written.candidates
            labels.update(written.labels)
        for part in self.parts.values():
            part.close()
        self.summary.labels = dict(sorted(labels.items()))
        self.fmt.finish(self.context, self.summary)


def _write_stdout(fmt: FormatWriter, bundles: Iterable[AnnotatedDocument], context: Context,
                  summary: ExportSummary) -> None:
    # Spooled so a document that fails verification half-way leaves stdout empty.
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as spool:
        _Tally(fmt, context, summary, {None: fmt.open_part(spool, context)}, None).feed(bundles)
        spool.seek(0)
        shutil.copyfileobj(spool, sys.stdout)
    sys.stdout.flush()


def _write_single(fmt: FormatWriter, bundles: Iterable[AnnotatedDocument], context: Context,
                  summary: ExportSummary, target: Path, info: dict[str, Any]) -> None:
    extra = {name: content for name, content in fmt.describe(context).items()}
    extra[SCHEMA_NAME] = schema_document(context.schema, info)
    targets = [target] + [sidecar_path(target, name) for name in extra]
    with atomic_files(targets) as temps, contextlib.ExitStack() as stack:
        main = temps[0]
        if fmt.part_kind == TEXT:
            handle = stack.enter_context(main.open("w", encoding="utf-8", newline="\n"))
            part = fmt.open_part(handle, context)
        else:
            part = fmt.open_part(main, context)
        _Tally(fmt, context, summary, {None: part}, None).feed(bundles)
        stack.close()
        for tmp, content in zip(temps[1:], extra.values()):
            tmp.write_text(content, encoding="utf-8", newline="\n")
    summary.files.extend(str(t) for t in targets)


def _write_folder(fmt: FormatWriter, bundles: Iterable[AnnotatedDocument], context: Context,
                  summary: ExportSummary, target: Path, splits: dict[str, float] | None,
                  info: dict[str, Any]) -> None:
    names: list[str | None] = list(splits) if splits else [None]
    with atomic_folder_output(str(target)) as folder, contextlib.ExitStack() as stack:
        parts: dict[str | None, Part] = {}
        for name in names:
            base = name if name is not None else fmt.single_part
            if fmt.part_kind == FOLDER:
                path = folder / base if base else folder
                path.mkdir(parents=True, exist_ok=True)
                parts[name] = fmt.open_part(path, context)
            elif fmt.part_kind == TEXT:
                handle = stack.enter_context((folder / f"{base}{fmt.suffix}").open("w", encoding="utf-8", newline="\n"))
                parts[name] = fmt.open_part(handle, context)
            else:
                parts[name] = fmt.open_part(folder / f"{base}{fmt.suffix}", context)
        _Tally(fmt, context, summary, parts, splits).feed(bundles)
        stack.close()
        for file_name, content in fmt.describe(context).items():
            (folder / file_name).write_text(content, encoding="utf-8", newline="\n")
        (folder / SCHEMA_NAME).write_text(schema_document(context.schema, info), encoding="utf-8", newline="\n")
        fmt.finish_folder(folder, context, summary)
        # the top level only: a brat export holds two files per document
        entries = sorted(p.name for p in folder.iterdir())
    summary.files.extend(str(target / name) for name in entries)
