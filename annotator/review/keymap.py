"""The keymap: which keys do what in the annotation window. Data, not code.

The defaults live in ``resources/keymap.toml``. A user's own
``keymap.toml`` in their data folder overrides them action by action (an
empty list unbinds an action). Keys are written the way Qt writes them
(``Ctrl+Shift+Z``, ``Return``, ``F1``, ``?``); the app checks that Qt
understands each one.

Every action has a *scope*. ``text`` actions work while the document text
has the keyboard focus (they are plain keys like Tab, Return or a digit,
which mean something else in a list or a search box); ``window`` actions
work anywhere in the window. Labels are not here: their keys come from the
label schema (see ``annotator.review.label_keys``).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from annotator.errors import InputError
from annotator.platform import app_paths

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

USER_KEYMAP_NAME = "keymap.toml"

TEXT = "text"
WINDOW = "window"


@dataclass(frozen=True)
class ActionSpec:
    name: str
    scope: str
    # what the help overlay groups it under
    group: str


# The actions the window knows, in the order the help overlay lists them.
ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("focus_next", TEXT, "review"),
    ActionSpec("focus_previous", TEXT, "review"),
    ActionSpec("accept", TEXT, "review"),
    ActionSpec("reject_or_delete", TEXT, "review"),
    ActionSpec("move_end_left", TEXT, "boundaries"),
    ActionSpec("move_end_right", TEXT, "boundaries"),
    ActionSpec("move_start_left", TEXT, "boundaries"),
    ActionSpec("move_start_right", TEXT, "boundaries"),
    ActionSpec("start_relation", TEXT, "relations"),
    ActionSpec("document_labels", TEXT, "document"),
    ActionSpec("label_occurrences", TEXT, "review"),
    ActionSpec("cancel", TEXT, "review"),
    ActionSpec("undo", WINDOW, "edit"),
    ActionSpec("redo", WINDOW, "edit"),
    ActionSpec("done_and_next", WINDOW, "document"),
    ActionSpec("skip_and_next", WINDOW, "document"),
    ActionSpec("next_document", WINDOW, "document"),
    ActionSpec("previous_document", WINDOW, "document"),
    ActionSpec("split_document", WINDOW, "document"),
    ActionSpec("merge_with_next", WINDOW, "document"),
    ActionSpec("move_to_previous", WINDOW, "document"),
    ActionSpec("move_to_next", WINDOW, "document"),
    ActionSpec("open_project", WINDOW, "project"),
    ActionSpec("import_files", WINDOW, "project"),
    ActionSpec("export_data", WINDOW, "project"),
    ActionSpec("find", WINDOW, "view"),
    ActionSpec("search_documents", WINDOW, "view"),
    ActionSpec("zoom_in", WINDOW, "view"),
    ActionSpec("zoom_out", WINDOW, "view"),
    ActionSpec("zoom_reset", WINDOW, "view"),
    ActionSpec("toggle_label_names", WINDOW, "view"),
    ActionSpec("help", WINDOW, "view"),
)

_SPECS = {spec.name: spec for spec in ACTIONS}

_MODIFIERS = ("ctrl", "alt", "shift", "meta")


def normalise_key(key: str) -> str:
    """A canonical spelling for comparing keys: modifiers in one order, case folded.

    ``ctrl+shift+z`` and ``Shift+Ctrl+Z`` compare equal. Qt does the real
    parsing; this only has to agree with itself.
    """
    text = key.strip()
    if not text:
        return ""
    parts: list[str] = []
    # "Ctrl++" means Ctrl and the plus key: the last part may be "+".
    rest = text
    while "+" in rest[:-1]:
        head, _, rest = rest.partition("+")
        parts.append(head.strip().lower())
    modifiers = sorted(set(parts), key=lambda m: _MODIFIERS.index(m) if m in _MODIFIERS else 9)
    return "+".join([*modifiers, rest.strip().lower()])


@dataclass(frozen=True)
class Keymap:
    bindings: Mapping[str, tuple[str, ...]]
    # where the user's overrides came from, when there were any
    user_file: Path | None = None

    def keys(self, action: str) -> tuple[str, ...]:
        return self.bindings.get(action, ())

    def action_for(self, key: str, scope: str | None = None) -> str | None:
        wanted = normalise_key(key)
        for action, keys in self.bindings.items():
            if scope is not None and _SPECS[action].scope != scope:
                continue
            if any(normalise_key(k) == wanted for k in keys):
                return action
        return None

    def in_scope(self, scope: str) -> dict[str, tuple[str, ...]]:
        return {a: k for a, k in self.bindings.items() if _SPECS[a].scope == scope}

    def with_bindings(self, changes: Mapping[str, list[str] | tuple[str, ...]], origin: str) -> Keymap:
        merged = dict(self.bindings)
        for action, keys in changes.items():
            merged[action] = tuple(keys)
        keymap = Keymap(merged, self.user_file)
        keymap.check(origin)
        return keymap

    def check(self, origin: str, reserved: Mapping[str, str] | None = None) -> None:
        """Refuse a key bound to two actions; ``reserved`` maps keys the schema's labels use to their label."""
        owner: dict[str, str] = {}
        for action, keys in self.bindings.items():
            for key in keys:
                canonical = normalise_key(key)
                if not canonical:
                    raise InputError(f"{origin}: action '{action}' has an empty key")
                if canonical in owner and owner[canonical] != action:
                    raise InputError(f"{origin}: key '{key}' is bound to both '{owner[canonical]}' and '{action}'")
                owner[canonical] = action
        for key, label in (reserved or {}).items():
            canonical = normalise_key(key)
            if canonical in owner:
                raise InputError(
                    f"{origin}: key '{key}' of action '{owner[canonical]}' is also the hotkey of label '{label}'"
                )


def parse_keymap(data: object, origin: str) -> dict[str, tuple[str, ...]]:
    """The ``[keys]`` table of a keymap file, checked: known actions, lists of key strings."""
    if not isinstance(data, dict):
        raise InputError(f"{origin}: expected a table")
    unknown_tables = sorted(set(data) - {"keys"})
    if unknown_tables:
        raise InputError(f"{origin}: unknown section(s) {', '.join(unknown_tables)} (only [keys] is read)")
    table = data.get("keys", {})
    if not isinstance(table, dict):
        raise InputError(f"{origin}: [keys] must be a table of action = [\"key\", ...]")
    bindings: dict[str, tuple[str, ...]] = {}
    for action, value in table.items():
        if action not in _SPECS:
            known = ", ".join(sorted(_SPECS))
            raise InputError(f"{origin}: unknown action '{action}' (known actions: {known})")
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
            raise InputError(f"{origin}: action '{action}' must be a list of keys, like [\"Ctrl+Z\"]")
        bindings[action] = tuple(k.strip() for k in value)
    return bindings


def read_keymap_file(path: Path) -> dict[str, tuple[str, ...]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the keymap ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: the keymap is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    return parse_keymap(data, str(path))


def default_keymap_path() -> Path:
    return app_paths.resource("keymap.toml")


def user_keymap_path() -> Path:
    return app_paths.data_dir() / USER_KEYMAP_NAME


def load_keymap(default_path: Path | None = None, user_path: Path | None = None) -> Keymap:
    """The bundled keymap with the user's overrides on top. Errors name the file at fault."""
    default_path = default_path or default_keymap_path()
    defaults = read_keymap_file(default_path)
    # An action the file leaves out still shows in the menus, without a key.
    keymap = Keymap({spec.name: defaults.get(spec.name, ()) for spec in ACTIONS})
    keymap.check(str(default_path))
    user_path = user_path if user_path is not None else user_keymap_path()
    if user_path.is_file():
        keymap = Keymap(keymap.bindings, user_path).with_bindings(read_keymap_file(user_path), str(user_path))
    return keymap


def spec(action: str) -> ActionSpec:
    return _SPECS[action]
