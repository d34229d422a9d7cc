"""Reading input files whole, and writing outputs so they appear complete or not at all."""

from __future__ import annotations

import array
import contextlib
import hashlib
import itertools
import json
import os
import re
import shutil
import sys
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from annotator.errors import InputError
from annotator.model import SourceFile


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp and mkdtemp create owner-only files; an export should get the
# permissions any other new file gets (teams share dataset folders).
_UMASK = _current_umask()
FILE_MODE = 0o666 & ~_UMASK
FOLDER_MODE = 0o777 & ~_UMASK


def read_input(path: Path) -> tuple[bytes, str]:
    """The file's bytes and their SHA-256, with a clear message when it cannot be read."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    return data, hashlib.sha256(data).hexdigest()


# A compressed file (a spaCy DocBin is zlib data) may inflate to at most this many times its size,
# and at least this much: real data compresses a few times over; a "zip bomb" a thousand times.
MAX_INFLATION = 100
MIN_INFLATED_LIMIT = 64 * 1024 * 1024


def refuse_zlib_bomb(path: Path, data: bytes) -> None:
    """Raise when the zlib data ``data`` would inflate far beyond what real data does, before
    anything inflates it whole (a small file must not take gigabytes of memory)."""
    limit = max(MAX_INFLATION * len(data), MIN_INFLATED_LIMIT)
    inflater = zlib.decompressobj()
    try:
        inflater.decompress(data, limit)
    except zlib.error:
        return  # not zlib data: the reader says so in its own words
    if inflater.unconsumed_tail:
        raise InputError(f"{path}: inflates to more than {limit:,} bytes from {len(data):,}; "
                         "that is no dataset, so the file is refused")


def decode_utf8(path: Path, data: bytes) -> str:
    """Decode a format that is UTF-8 by definition (JSON, JSONL)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}: line {line} is not valid UTF-8 (byte {exc.start}); "
                         "JSON files must be UTF-8") from None


def read_utf8_source(path: Path, format: str) -> tuple[SourceFile, str]:
    """A file in a format that is UTF-8 by definition: its record as a source (no documents yet) and its text."""
    data, sha = read_input(path)
    text = decode_utf8(path, data)
    return SourceFile(path=str(path), name=path.name, sha256=sha, size=len(data), format=format,
                      encoding="utf-8"), text


@contextlib.contextmanager
def atomic_text_output(out: str) -> Iterator[IO[str]]:
    """Write text to ``out`` via a temporary file renamed into place on success.

    ``out == '-'`` writes to stdout. On any error the temporary file is removed
    and an existing ``out`` is left untouched.
    """
    if out == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        os.chmod(tmp, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_folder_output(out: str) -> Iterator[Path]:
    """Build a folder next to ``out`` and move it into place on success.

    An existing ``out`` is replaced only when it is empty or was written by a
    previous export (it holds an ``.annotator-export`` marker), so an export
    never deletes a folder of the user's own files.
    """
    target = Path(out)
    if target.exists():
        if not target.is_dir():
            raise InputError(f"{target}: exists and is a file; this format writes a folder")
        if any(target.iterdir()) and not (target / ".annotator-export").exists():
            raise InputError(f"{target}: folder is not empty and was not written by Annotator; choose another")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    try:
        os.chmod(tmp, FOLDER_MODE)
        yield tmp
        (tmp / ".annotator-export").write_text("written by annotator export\n", encoding="utf-8")
        if target.exists():
            backup = target.with_name(f".{target.name}.old")
            shutil.rmtree(backup, ignore_errors=True)
            os.replace(target, backup)
            os.replace(tmp, target)
            shutil.rmtree(backup, ignore_errors=True)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


@contextlib.contextmanager
def atomic_files(targets: list[Path]) -> Iterator[list[Path]]:
    """Temporary paths beside ``targets``, renamed onto them together once the block succeeds.

    For a dataset file and the files that travel with it (its schema, a
    labelling config): either all of them appear or none changes.
    """
    temps: list[Path] = []
    try:
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_dir():
                raise InputError(f"{target}: is a folder; give a file name")
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
            os.close(fd)
            temps.append(Path(tmp))
            os.chmod(tmp, FILE_MODE)
        yield temps
        for done, target in zip(temps, targets):
            os.replace(done, target)
    except BaseException:
        for temp in temps:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise


_UNSAFE_NAME = re.compile(r"[^\w.\-]", re.UNICODE)
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def safe_file_stem(name: str, taken: set[str]) -> str:
    """A file name stem for ``name`` that works on Windows, macOS and Linux and is not in ``taken``.

    Names that are already safe stay as they are, so document ids survive a
    round trip through one-file-per-document formats. ``taken`` holds the
    case-folded stems used so far (macOS and Windows ignore case) and is updated.
    """
    stem = name
    if (not stem or _UNSAFE_NAME.search(stem) or stem.startswith(".") or stem.endswith(".")
            or stem.split(".")[0].lower() in _WINDOWS_RESERVED or len(stem) > 120):
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
        cleaned = _UNSAFE_NAME.sub("_", name).strip("._")[:60]
        stem = f"{cleaned}-{digest}" if cleaned else f"doc-{digest}"
    base, n = stem, 1
    while stem.casefold() in taken:
        n += 1
        stem = f"{base}-{n}"
    taken.add(stem.casefold())
    return stem


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) split on \\n only.

    ``str.splitlines`` also splits on U+2028, U+0085 and other separators,
    which JSON writers leave unescaped inside strings; a JSON Lines file must
    be cut at line feeds alone.
    """
    for number, line in enumerate(text.split("\n"), start=1):
        yield number, line.removesuffix("\r")


def json_lines(path: Path, text: str) -> Iterator[tuple[int, Any]]:
    """(line number, value) for each non-blank line of the JSON Lines file ``path`` whose text is ``text``.

    A line that is not JSON, or that JSON Annotator refuses (see
    ``parse_json``), stops the reading with an error naming it; the lines
    before it have been yielded by then, so a record's own error on an
    earlier line is the one reported.
    """
    for number, line in numbered_lines(text):
        if not line.strip():
            continue
        yield number, parse_json(line, f"{path}: line {number}")


# --- JSON that cannot hurt ------------------------------------------------------------------------
#
# Every JSON file a reader opens comes through ``parse_json``. What it refuses, and why:
#
# - Nesting deeper than ``MAX_JSON_DEPTH``: no dataset record needs more than a dozen levels, and
#   Python's parser (and everything that walks the value afterwards) recurses once per level, so
#   10,000 levels end in a RecursionError, or on a small worker-thread stack, in a crash.
#   The depth is measured before parsing, without recursion.
# - Lone UTF-16 surrogates (``"\ud800"`` with no partner): they are not characters, cannot be
#   written as UTF-8 (so neither stored nor exported), and mean the tool that wrote the file cut a
#   character in half; which character it was cannot be known, so the file is refused with the
#   record and field named rather than guessed at.
#
# Control characters written as escapes (``"\u0000"``) are valid JSON and come through here;
# ``annotator.formats.sanitize`` replaces them in every format alike, before anything is stored.

MAX_JSON_DEPTH = 100
# A JSON string with its escapes (the unrolled form, which the regex engine runs without backtracking).
_JSON_STRING_RE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET_RE = re.compile(r"[^\[\]{}]+")
# Brackets as steps of +1 (opening) and -1 (closing, as a signed byte).
_BRACKET_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
# A \uD800-\uDFFF escape; in valid text they come in pairs that the parser joins.
_SURROGATE_ESCAPE_RE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def json_depth_exceeds(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when brackets outside strings nest more than ``limit`` deep (counted without recursion)."""
    if text.count("[") + text.count("{") <= limit:
        return False  # cannot nest deeper than it has brackets
    brackets = _NOT_BRACKET_RE.sub("", _JSON_STRING_RE.sub("", text))
    steps = array.array("b", brackets.encode("ascii").translate(_BRACKET_STEPS))
    return max(itertools.accumulate(steps), default=0) > limit


def parse_json(text: str, where: str) -> Any:
    """The JSON value of ``text``, or an ``InputError`` that starts with ``where`` and says what is wrong."""
    if json_depth_exceeds(text):
        raise InputError(f"{where}: JSON nested more than {MAX_JSON_DEPTH} levels deep; "
                         "no dataset needs that, so the file is refused")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        position = f"line {exc.lineno}, column {exc.colno}" if "\n" in text else f"column {exc.colno}"
        what = exc.msg.removesuffix(" at")  # "Unterminated string starting at"
        raise InputError(f"{where} is not valid JSON ({what} at {position})") from None
    except RecursionError:  # the depth check above makes this unreachable; kept as the last guard
        raise InputError(f"{where}: JSON nested too deeply to read") from None
    if _SURROGATE_ESCAPE_RE.search(text):
        _refuse_lone_surrogates(value, where)
    return value


def _refuse_lone_surrogates(value: Any, where: str) -> None:
    """Raise naming the first field (as a path: ``entities[0].text``) that holds a lone surrogate."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        field_path, item = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE_RE.search(item)
            if found:
                raise InputError(
                    f"{where}: field '{field_path or '(the value)'}' holds a lone UTF-16 surrogate "
                    f"(\\u{ord(found.group()):04x}) at character {found.start()}: the program that wrote the file "
                    "cut a character in half; fix that character, or export the file again"
                )
        elif isinstance(item, dict):
            for key in reversed(list(item)):
                if _SURROGATE_RE.search(key):
                    raise InputError(f"{where}: a field name in '{field_path or '(the record)'}' holds a lone "
                                     "UTF-16 surrogate; fix it, or export the file again")
                stack.append((f"{field_path}.{key}" if field_path else key, item[key]))
        elif isinstance(item, list):
            for index in reversed(range(len(item))):
                stack.append((f"{field_path}[{index}]", item[index]))


def head_json_values(head: bytes, lines: int | None = None) -> Iterator[Any]:
    """For sniffers: the JSON value of each non-blank line among the first ``lines`` of a file's head.

    Stops at the first line that is not JSON, which for a sniffer means the
    same as running out of lines (the head may end inside a line).
    """
    for line in head.decode("utf-8", errors="ignore").lstrip("\ufeff").split("\n")[:lines]:
        if not line.strip():
            continue
        try:
            value = parse_json(line, "")
        except InputError:
            return
        yield value
