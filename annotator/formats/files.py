"""Reading input files whole, and writing outputs so they appear complete or not at all."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
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
        yield number, line[:-1] if line.endswith("\r") else line


def json_lines(path: Path, text: str) -> Iterator[tuple[int, Any]]:
    """(line number, value) for each non-blank line of the JSON Lines file ``path`` whose text is ``text``.

    A line that is not JSON stops the reading with an error naming it; the
    lines before it have been yielded by then, so a record's own error on an
    earlier line is the one reported.
    """
    for number, line in numbered_lines(text):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: line {number} is not valid JSON ({exc.msg} at column {exc.colno})") from None
        yield number, value


def head_json_values(head: bytes, lines: int | None = None) -> Iterator[Any]:
    """For sniffers: the JSON value of each non-blank line among the first ``lines`` of a file's head.

    Stops at the first line that is not JSON, which for a sniffer means the
    same as running out of lines (the head may end inside a line).
    """
    for line in head.decode("utf-8", errors="ignore").lstrip("\ufeff").split("\n")[:lines]:
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            return
        yield value
