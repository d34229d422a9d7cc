"""Qt's side of the keymap: key events as keymap strings, and key strings as ``QKeySequence``."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

from annotator.errors import InputError
from annotator.review.keymap import Keymap

_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)


def event_key(event: QKeyEvent) -> str:
    """The keymap spelling of a key press: ``Shift+Tab``, ``Return``, ``?``, ``Ctrl+Z``."""
    key = event.key()
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if key == Qt.Key.Key_Backtab:
        key = Qt.Key.Key_Tab
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    text = event.text()
    # Punctuation typed with Shift ("?" is Shift+/ on many layouts) is named by what it types.
    punctuation = len(text) == 1 and text.isprintable() and not text.isalnum() and not text.isspace()
    if punctuation and modifiers in _PLAIN:
        return text
    if key in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_unknown):
        return ""
    return QKeySequence(modifiers.value | key).toString(QKeySequence.SequenceFormat.PortableText)


def portable(key: str) -> str:
    """Qt's own spelling of a key name (``Delete`` -> ``Del``, ``escape`` -> ``Esc``)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText) or key


class KeyLookup:
    """Key presses to the keymap's actions of one scope, compared the way Qt spells keys."""

    def __init__(self, keymap: Keymap, scope: str) -> None:
        self.actions: dict[str, str] = {}
        for action, keys in keymap.in_scope(scope).items():
            for key in keys:
                self.actions[portable(key)] = action

    def action_for(self, event: QKeyEvent) -> str | None:
        key = event_key(event)
        return self.actions.get(portable(key)) if key else None


def sequences(keymap: Keymap, action: str) -> list[QKeySequence]:
    return [QKeySequence(k) for k in keymap.keys(action) if not QKeySequence(k).isEmpty()]


def check_keymap(keymap: Keymap) -> None:
    """Refuse key names Qt does not understand, naming the action and the file."""
    origin = str(keymap.user_file) if keymap.user_file else "the bundled keymap"
    for action, keys in keymap.bindings.items():
        for key in keys:
            sequence = QKeySequence(key)
            if sequence.isEmpty() or sequence.count() != 1 or cast(Any, sequence)[0].key() == Qt.Key.Key_unknown:
                raise InputError(f"{origin}: action '{action}': Qt does not know the key '{key}'")


def native_text(keys: tuple[str, ...]) -> str:
    """Keys as the platform writes them (⌘Z on macOS), for menus and the help overlay."""
    return ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) or k for k in keys)
