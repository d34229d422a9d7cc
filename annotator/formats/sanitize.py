"""What a document may hold before it is stored, whichever reader produced it.

Every file an import reads passes through ``sanitize_source`` before the store
sees it (``annotator.project.reading`` calls it, in worker processes too), so
each reader need not repeat these checks and none can forget them:

- **Lone UTF-16 surrogates** (U+D800-U+DFFF on their own) are refused: they
  are not characters, cannot be written as UTF-8 (so could be neither stored
  nor exported), and mean the program that wrote the file cut a character in
  half. Which character it was cannot be known, so the file is refused with
  the document and field named. (JSON readers already refuse them while
  parsing, with the line and field; this catches every other way in.)
- **Control characters** are cleaned, one character for one, so every offset
  still holds: vertical tab and form feed (page breaks that text exporters
  write) become line feeds; NUL and the other C0 controls and DEL, which carry
  nothing a reader sees, become U+FFFD, the replacement character, which the
  reviewer does see. Tab, line feed and carriage return are kept. The same
  mapping is applied to the text and to every span's text, so spans still
  match, and the file's report says what was replaced. Without this, a NUL
  inside an entity meets SQLite's ``length()``, which stops counting at NUL,
  and the project's span check refuses the row with a raw ``CHECK`` error.
- Nothing else is changed: long texts and megabyte lines are accepted (the
  candidate generator bounds its own work, see ``annotator.candidates.engine``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from annotator.errors import InputError
from annotator.model import AnnotatedDocument, SourceFile

# Anything that needs a closer look: a control character other than tab, LF, CR, or a surrogate.
_SUSPECT_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = "\x0b\x0c"
REPLACEMENT = "\ufffd"


def clean_controls(text: str) -> str:
    """``text`` with control characters replaced one for one (see the module's description)."""
    return _CONTROL_RE.sub(lambda m: "\n" if m.group() in _LINE_BREAKS else REPLACEMENT, text)


# A message quoting a megabyte field is no clearer for it.
MAX_MESSAGE_CHARS = 2000


def printable(message: str) -> str:
    """A message (never data) safe to print, log and show: surrogates spelled out, controls
    replaced, and at most ``MAX_MESSAGE_CHARS`` long (a long quote is cut in the middle)."""
    if _SUSPECT_RE.search(message):
        message = clean_controls(message.encode("utf-8", "backslashreplace").decode("utf-8"))
    if len(message) > MAX_MESSAGE_CHARS:
        half = MAX_MESSAGE_CHARS // 2
        message = f"{message[:half]} … ({len(message) - 2 * half:,} characters left out) … {message[-half:]}"
    return message


class _Cleaner:
    """Cleans the strings of one file, counting what it replaced and refusing surrogates."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.replaced: Counter[str] = Counter()
        self.documents: list[str] = []
        self._document_touched = False

    def string(self, value: str, where: Callable[[], str]) -> str:
        if not isinstance(value, str) or not _SUSPECT_RE.search(value):
            return value
        surrogate = _SURROGATE_RE.search(value)
        if surrogate:
            raise InputError(
                f"{where()} holds a lone UTF-16 surrogate (\\u{ord(surrogate.group()):04x}) at character "
                f"{surrogate.start()}: the program that wrote the file cut a character in half; "
                "fix that character, or export the file again"
            )
        self.replaced.update(_CONTROL_RE.findall(value))
        self._document_touched = True
        return clean_controls(value)

    def value(self, value: Any, where: Callable[[], str]) -> Any:
        """A JSON-like value (meta) with every string in it, keys too, cleaned."""
        if not _holds_suspect(value):
            return value  # the common case: nothing to clean, so nothing is rebuilt
        if isinstance(value, str):
            return self.string(value, where)
        if isinstance(value, dict):
            return {
                self.string(k, where) if isinstance(k, str) else k: self.value(v, _inside(where, f".{k}"))
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [self.value(v, _inside(where, f"[{i}]")) for i, v in enumerate(value)]
        return value

    def document(self, bundle: AnnotatedDocument, number: int) -> None:
        doc = bundle.document
        self._document_touched = False
        name = f"document {number}"

        def at(field: str) -> Callable[[], str]:
            return lambda: f"{self.path}: {name}, field '{field}'"

        doc.id = self.string(doc.id, at("id"))
        name = f"document {number} ({doc.id})"
        doc.text = self.string(doc.text, at("text"))
        if doc.raw_text is not None:
            doc.raw_text = self.string(doc.raw_text, at("raw_text"))
        doc.title = self.string(doc.title, at("title"))
        doc.kind = self.string(doc.kind, at("kind"))
        doc.status_reason = self.string(doc.status_reason, at("status_reason"))
        if doc.meta:
            doc.meta = self.value(doc.meta, at("meta"))
        if doc.provenance is not None:
            doc.provenance.file = self.string(doc.provenance.file, at("source.file"))
            files = {piece.file for piece in doc.provenance.pieces}
            # (the pieces of a page's article name the one file it came from: that name is checked once, and every
            # piece only when one of the names holds something to replace or refuse, as counted per piece)
            if any(isinstance(file, str) and _SUSPECT_RE.search(file) for file in files):
                for piece in doc.provenance.pieces:
                    self.string(piece.file, at("source.pieces.file"))
        for i, entity in enumerate(bundle.entities):
            entity.doc_id = doc.id
            entity.text = self.string(entity.text, at(f"entities[{i}].text"))
            entity.label = self.string(entity.label, at(f"entities[{i}].label"))
            entity.annotator = self.string(entity.annotator, at(f"entities[{i}].annotator"))
        for i, relation in enumerate(bundle.relations):
            relation.doc_id = doc.id
            relation.label = self.string(relation.label, at(f"relations[{i}].label"))
            relation.annotator = self.string(relation.annotator, at(f"relations[{i}].annotator"))
        for i, candidate in enumerate(bundle.candidates):
            candidate.doc_id = doc.id
            candidate.text = self.string(candidate.text, at(f"candidates[{i}].text"))
            candidate.label = self.string(candidate.label, at(f"candidates[{i}].label"))
            candidate.source = self.string(candidate.source, at(f"candidates[{i}].source"))
        if bundle.doc_labels:
            bundle.doc_labels = {
                self.string(k, at("doc_labels")): self.string(v, at(f"doc_labels.{k}"))
                for k, v in bundle.doc_labels.items()
            }
        if bundle.time_spent:
            bundle.time_spent = {self.string(k, at("time_spent")): v for k, v in bundle.time_spent.items()}
        if self._document_touched:
            self.documents.append(doc.id)

    def note(self) -> list[str]:
        if not self.replaced:
            return []
        kinds = ", ".join(
            f"U+{ord(char):04X} ×{n}" if n > 1 else f"U+{ord(char):04X}" for char, n in sorted(self.replaced.items())
        )
        shown = ", ".join(self.documents[:5]) + (", ..." if len(self.documents) > 5 else "")
        total = sum(self.replaced.values())
        return [
            (
                f"{self.path}: {total} control character(s) ({kinds}) in {len(self.documents)} document(s) were "
                f"replaced, one for one, by U+FFFD (or, for page and line feeds, a line break): {shown}"
            )
        ]


def sanitize_source(source: SourceFile) -> SourceFile:
    """``source`` made safe to store, in place: control characters cleaned (and noted), surrogates refused."""
    cleaner = _Cleaner(source.path)
    for number, bundle in enumerate(source.documents, start=1):
        cleaner.document(bundle, number)
    source.notes = [printable(note) for note in source.notes] + cleaner.note()
    return source


def _holds_suspect(value: Any) -> bool:
    """Does a JSON-like value hold a string, or a key, that needs a closer look (a control or a surrogate)?"""
    # (walked with a list of values still to look at, not a call per value: every imported document's meta is asked)
    search = _SUSPECT_RE.search
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if search(item) is not None:
                return True
        elif isinstance(item, dict):
            pending += item
            pending += item.values()
        elif isinstance(item, list):
            pending += item
    return False


def _inside(where: Callable[[], str], step: str) -> Callable[[], str]:
    """Where a value inside another is, worked out only if a message needs it."""
    return lambda: f"{where()}{step}"
