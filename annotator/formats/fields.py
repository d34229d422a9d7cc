"""Reading JSON records field by field, with errors that say which record and field is wrong."""

from __future__ import annotations

from typing import Any, Literal, overload

from annotator.errors import InputError
from annotator.model import content_hash


class Fields:
    """Typed access to one record's fields; ``where`` names the record in every error."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        self.data, self.where = data, where

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = None, required: bool = False) -> Any:
        if key not in self.data or self.data[key] is None:
            if required:
                raise InputError(f"{self.where}: missing field '{key}'")
            return default
        value = self.data[key]
        if isinstance(value, bool) and kind in (int, (int, float)):
            raise InputError(f"{self.where}: '{key}' must be a number, not {value!r}")
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise InputError(f"{self.where}: '{key}' must be {names}, not {type(value).__name__}")
        return value

    @overload
    def object(self, key: str, required: Literal[True]) -> Fields: ...
    @overload
    def object(self, key: str, required: bool = False) -> Fields | None: ...

    def object(self, key: str, required: bool = False) -> Fields | None:
        value = self.get(key, dict, required=required)
        return None if value is None else Fields(value, f"{self.where}: {key}")

    def objects(self, key: str, required: bool = False) -> list[Fields]:
        """The items of a list of objects, each named ``key[i]``."""
        items = self.get(key, list, default=[], required=required)
        out = []
        for n, item in enumerate(items):
            if not isinstance(item, dict):
                raise InputError(f"{self.where}: {key}[{n}] must be an object, not {type(item).__name__}")
            out.append(Fields(item, f"{self.where}: {key}[{n}]"))
        return out


def as_record(data: Any, where: str) -> Fields:
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(data).__name__}")
    return Fields(data, where)


def content_document_id(text: str) -> str:
    """The id a document without a usable id of its own gets: stable, and the same on every import."""
    return f"doc-{content_hash(text)[:12]}"


def foreign_document_id(given: Any, text: str) -> str:
    """Our id for a document another tool exported.

    A string id is kept (Annotator's own exports write one). A number is the
    other tool's database row, which repeats across its projects, so the
    document gets a content-based id instead.
    """
    if isinstance(given, str) and given.strip():
        return given
    return content_document_id(text)


class DocumentIds:
    """Tracks the document ids of one file.

    An id the file states twice is an error: which record is meant is
    ambiguous. A content-based id repeats only when the same text does (a
    corpus with repeated sentences, a project that holds an article twice);
    the first copy is imported and the repeats are counted in a note.
    """

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.repeats: list[str] = []

    def claim(self, doc_id: str, *, derived: bool, where: str) -> bool:
        """True when the document should be imported."""
        if doc_id not in self.seen:
            self.seen.add(doc_id)
            return True
        if not derived:
            raise InputError(f"{where}: document id '{doc_id}' appears twice in the file")
        self.repeats.append(where)
        return False

    def note(self) -> list[str]:
        if not self.repeats:
            return []
        shown = "; ".join(self.repeats[:5]) + ("; ..." if len(self.repeats) > 5 else "")
        return [f"{len(self.repeats)} record(s) repeat the text of an earlier one and were not imported again "
                f"(the first copy was): {shown}"]
