"""Folding text and cutting it into overlapping character bigrams: what the search index holds.

Chinese has no spaces, and the words people look for are mostly two
characters long, so the search index (``annotator.store.search_index``) holds
every overlapping bigram of a document, and a query term becomes a phrase of
its bigrams (``annotator.project.search``). Both sides fold the same way,
one character to one character, so offsets into the folded text are offsets
into the original.
"""

from __future__ import annotations

import json
import operator
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from annotator.platform import app_paths

# Bump when ``fold`` or ``index_tokens`` change: rows already indexed would
# no longer match what ``sync`` deletes, so the index is rebuilt.
TOKENIZER_VERSION = 1
TOKENIZER_SETTING = "search.tokenizer_version"

# ASCII characters other than letters and digits are moved to this private-use
# plane so that FTS5's ``ascii`` tokenizer sees every bigram as one token:
# it splits only on ASCII non-alphanumerics and keeps all other characters.
ASCII_SHIFT = 0x100000


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """Every character of the Basic Multilingual Plane that folds, and what it folds to.

    Working it out walks 65,536 characters in Python, a tenth of a second that the
    first search of every session would wait for; so the table is kept in the cache
    folder, for this Unicode version and this table's version, and read from there.
    """
    cached = _cache_file()
    try:
        stored = json.loads(cached.read_text(encoding="utf-8"))
        if stored.get("key") == _cache_key():
            return {int(code): folded for code, folded in stored["table"].items()}
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        pass  # no cache yet, or an unreadable one: work it out
    table = _work_out_fold_table()
    try:
        partial = cached.with_name(cached.name + ".part")
        partial.write_text(json.dumps({"key": _cache_key(), "table": table}, ensure_ascii=False), encoding="utf-8")
        partial.replace(cached)
    except OSError:
        pass  # a read-only cache folder: work it out again next time
    return table


def _cache_file() -> Path:
    return app_paths.cache_dir() / "fold_table.json"


def _cache_key() -> str:
    return f"{TOKENIZER_VERSION}/{unicodedata.unidata_version}/{ASCII_SHIFT}"


def _work_out_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        folded = char
        # Full-width Latin letters, digits and punctuation (Ａ, ０, ！) and the
        # ideographic space match their ASCII forms.
        if 0xFF01 <= code <= 0xFFEF or code == 0x3000:
            normal = unicodedata.normalize("NFKC", char)
            if len(normal) == 1:
                folded = normal
        lower = folded.lower()
        if len(lower) == 1:
            folded = lower
        if ord(folded) < 128 and not folded.isalnum():
            folded = chr(ASCII_SHIFT + ord(folded))
        if folded != char:
            table[code] = folded
    return table


@lru_cache(maxsize=1)
def _fold_pattern() -> re.Pattern[str]:
    # Few characters of a Chinese text fold (line breaks, ASCII punctuation,
    # Latin capitals), so replacing just those is several times faster than
    # ``str.translate``, which looks up every character.
    codes = sorted(fold_table())
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    parts = (re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile("[" + "".join(parts) + "]")


@lru_cache(maxsize=1)
def _fold_chars() -> dict[str, str]:
    return {chr(code): folded for code, folded in fold_table().items()}


def fold(text: str) -> str:
    """``text`` as the index sees it: same length, one character for one character."""
    chars = _fold_chars()
    return _fold_pattern().sub(lambda match: chars[match.group()], text)


def index_tokens(text: str) -> str:
    """Every overlapping bigram of the folded text, space-separated, in order.

    Token ``i`` is ``text[i:i + 2]``, so FTS5 positions are code-point offsets
    and a phrase of consecutive bigrams matches exactly a substring.
    """
    folded = fold(text)
    return " ".join(map(operator.add, folded[:-1], folded[1:]))
