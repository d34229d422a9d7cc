"""Reading the rule data: bundled TOML files, extended by the user's own.

Every rule family and the POS mapping live in ``resources/candidates/NAME.toml``.
A file of the same name in the user's folder (``<data folder>/candidates/``)
extends the bundled one: its lists are added to the bundled lists, its single
values replace the bundled values, and ``replace = true`` at its top makes it
replace the bundled file altogether. Mistakes are reported with the file and
the key that is wrong.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.platform import app_paths

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

FOLDER = "candidates"


def bundled_dir() -> Path:
    return app_paths.resource(FOLDER)


def user_dir() -> Path:
    """Where users put their own rule files; not created until they do."""
    return app_paths.data_dir() / FOLDER


class RuleTable:
    """One rule file's settings, with typed getters whose errors name the file and key."""

    def __init__(self, data: dict[str, Any], origin: str) -> None:
        self.data = data
        self.origin = origin

    def _fail(self, key: str, problem: str) -> InputError:
        return InputError(f"{self.origin}: '{key}' {problem}")

    def check_keys(self, allowed: Iterable[str]) -> None:
        allowed = set(allowed) | {"replace"}
        unknown = sorted(set(self.data) - allowed)
        if unknown:
            raise InputError(
                f"{self.origin}: unknown setting(s) {', '.join(unknown)} (known: {', '.join(sorted(allowed - {'replace'}))})"
            )

    def strings(self, key: str, default: Iterable[str] | None = None) -> tuple[str, ...]:
        if key not in self.data:
            if default is None:
                raise self._fail(key, "is missing")
            return tuple(default)
        value = self.data[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self._fail(key, "must be a list of non-empty strings")
        return tuple(dict.fromkeys(value))

    def string(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str) or not value:
            raise self._fail(key, "must be a non-empty string")
        return value

    def score(self, key: str, default: float | None = None) -> float:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise self._fail(key, f"must be a number from 0 to 1, not {value!r}")
        return float(value)

    def flag(self, key: str, default: bool | None = None) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self._fail(key, f"must be true or false, not {value!r}")
        return value

    def integer(self, key: str, default: int | None = None, minimum: int = 0) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self._fail(key, f"must be a whole number of at least {minimum}, not {value!r}")
        return value

    def number(self, key: str, default: float | None = None) -> float:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise self._fail(key, f"must be a number of at least 0, not {value!r}")
        return float(value)

    def table(self, key: str) -> RuleTable:
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            raise self._fail(key, "must be a table")
        return RuleTable(value, f"{self.origin}: [{key}]")

    def tables(self, key: str) -> list[RuleTable]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self._fail(key, "must be a list of tables ([[...]])")
        return [RuleTable(v, f"{self.origin}: {key}[{i}]") for i, v in enumerate(value)]

    def pairs(self, key: str) -> tuple[tuple[str, str], ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) and x for x in v) for v in value
        ):
            raise self._fail(key, "must be a list of [opening, closing] pairs of strings")
        return tuple(dict.fromkeys((a, b) for a, b in value))


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the rule file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: the rule file is not UTF-8 text") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if key == "replace":
            continue
        old = merged.get(key)
        if isinstance(old, list) and isinstance(value, list):
            merged[key] = old + value
        elif isinstance(old, dict) and isinstance(value, dict):
            merged[key] = _merge(old, value)
        else:
            merged[key] = value
    return merged


def load_table(name: str) -> RuleTable:
    """The bundled ``name.toml`` with the user's file of the same name applied."""
    bundled = bundled_dir() / f"{name}.toml"
    data = _read(bundled)
    origins = [str(bundled)]
    user = user_dir() / f"{name}.toml"
    if user.is_file():
        extra = _read(user)
        data = extra if extra.get("replace") is True else _merge(data, extra)
        origins = [str(user)] if extra.get("replace") is True else [*origins, str(user)]
    return RuleTable(data, " + ".join(origins))


_TEMPLATE_NAME = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def expand_patterns(table: RuleTable) -> list[tuple[re.Pattern[str], float, str]]:
    """Compile ``[[patterns]]`` after putting ``[fragments]`` in place of ``${name}``."""
    fragments = {k: v for k, v in table.table("fragments").data.items()}
    for key, value in fragments.items():
        if not isinstance(value, str):
            raise InputError(f"{table.origin}: [fragments] '{key}' must be a string")

    def expand(text: str, where: str, seen: tuple[str, ...] = ()) -> str:
        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in fragments:
                raise InputError(f"{where}: unknown fragment ${{{name}}} (defined: {', '.join(sorted(fragments))})")
            if name in seen:
                raise InputError(f"{where}: fragment ${{{name}}} refers to itself")
            return expand(fragments[name], where, (*seen, name))

        return _TEMPLATE_NAME.sub(one, text)

    compiled = []
    for entry in table.tables("patterns"):
        entry.check_keys(("regex", "score"))
        source = expand(entry.string("regex"), entry.origin).replace("$$", "$")
        try:
            pattern = re.compile(source)
        except re.error as exc:
            raise InputError(f"{entry.origin}: the regex does not compile ({exc}): {source}") from None
        compiled.append((pattern, entry.score("score", 0.9), entry.origin))
    return compiled


def alternation(words: Iterable[str]) -> str:
    """A regex alternative matching the longest of ``words`` first.

    It is written as a prefix tree (张(?:三)?|[王李] for 张三, 张, 王, 李): it
    matches what ``(?:张三|张|王|李)`` matches, longest first, but Python's
    regex engine tries one branch per letter instead of every word in turn,
    which matters for hundreds of surnames or organisation names.
    """
    ordered = set(words)
    if not ordered:
        return "(?!)"
    trie: dict = {}
    for word in ordered:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_WORD_END] = True
    return "(?:" + _branches(trie) + ")"


_WORD_END = ""


def _branches(node: dict) -> str:
    """The alternatives of a prefix-tree node: longer words before shorter, as backtracking needs."""
    longer, single = [], []
    for char in sorted(key for key in node if key != _WORD_END):
        child = node[char]
        rest = {key: value for key, value in child.items() if key != _WORD_END}
        if not rest:
            single.append(re.escape(char))
        else:
            # what continues the word first (greedy), the word ending here after
            optional = "?" if _WORD_END in child else ""
            longer.append(f"{re.escape(char)}(?:{_branches(rest)}){optional}")
    if single:
        longer.append(single[0] if len(single) == 1 else "[" + "".join(single) + "]")
    if _WORD_END in node:
        longer.append("")  # the empty word, tried last
    return "|".join(longer)
