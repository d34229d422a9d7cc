"""Reading input files whole, and writing outputs so they appear complete or not at all."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from annotator.errors import InputError


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
