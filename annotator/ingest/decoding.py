"""Turning a text file's bytes into a string: BOMs, UTF-8, legacy Chinese encodings, UTF-16, binaries.

The decoded string keeps every character of the file (line endings, NUL
bytes and all) except a leading byte-order mark, because provenance offsets
point into exactly this string. Cleaning happens later, line by line.

UTF-8 is tried first: it is what nearly every file is, it is strict enough
that a legacy-encoded file almost never passes by accident, and it is far
faster than detection. Everything else goes to charset-normalizer.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from annotator.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of files people drop into a folder of texts by mistake.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"SQLite format 3", "an SQLite database"),
    (b"{\\rtf", "an RTF document"),
)

# charset-normalizer's names, spelled the way Python users know them.
_NAMES = {
    "utf_8": "utf-8",
    "ascii": "utf-8",
    "utf_16": "utf-16",
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
    "utf_32": "utf-32",
    "gb18030": "gb18030",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5",
    "big5hkscs": "big5hkscs",
}

_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")
# Above this share of control characters a "text" is really binary data.
_MAX_CONTROL_SHARE = 0.05


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    # the byte-order mark that was stripped ("" when there was none)
    bom: bytes = b""


def decode_bytes(data: bytes, path: Path | str) -> Decoded:
    """Decode a text file, or raise InputError naming the file when it is not text."""
    if not data:
        return Decoded("", "utf-8")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{path}: starts with a {encoding.upper()} byte-order mark but byte {exc.start + len(bom)} "
                    f"is not valid {encoding.upper()}; re-save the file as UTF-8"
                ) from None
            return Decoded(text, "utf-8-sig" if encoding == "utf-8" else encoding, bom)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{path}: this is {what}, not a text file; convert it to .txt first")
    if _looks_like_utf16(data):
        decoded = _detect(data, path)
    else:
        try:
            decoded = Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            decoded = _detect(data, path)
    _refuse_binary(decoded.text, path)
    return decoded


def _looks_like_utf16(data: bytes) -> bool:
    """BOM-less UTF-16 of mostly ASCII is valid UTF-8 full of NULs; catch it before UTF-8 does."""
    sample = data[:4096]
    zeros = sample.count(0)
    return len(sample) >= 4 and zeros * 4 >= len(sample)


def _detect(data: bytes, path: Path | str) -> Decoded:
    best = from_bytes(data).best()
    if best is None:
        raise InputError(
            f"{path}: not a text file, or in an encoding Annotator cannot recognise "
            "(tried UTF-8, UTF-16, GB18030/GBK, Big5 and others); re-save it as UTF-8 text"
        )
    encoding = _NAMES.get(best.encoding, best.encoding.replace("_", "-"))
    return Decoded(str(best), encoding)


def _refuse_binary(text: str, path: Path | str) -> None:
    sample = text[:65536]
    if not sample:
        return
    controls = len(_CONTROL_RE.findall(sample))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise InputError(
            f"{path}: holds binary data ({controls} control characters in the first {len(sample)}), "
            "not text; is it really a text file?"
        )
