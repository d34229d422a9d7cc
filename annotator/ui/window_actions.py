"""The window's ``QAction``s, named after keymap actions, with their keys from the keymap.

Window-scope actions get real shortcuts. Text-scope actions (Tab, Return,
digits...) are handled by the document view; their menu entries only *show*
the key, so a list or a search box keeps its own Tab and Return.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction

from annotator.review import keymap as km
from annotator.review.keymap import Keymap
from annotator.ui.help_overlay import action_titles
from annotator.ui.keys import native_text, sequences


class WindowActions(QObject):
    def __init__(self, keymap: Keymap, parent: QObject) -> None:
        super().__init__(parent)
        self.keymap = keymap
        self.actions: dict[str, QAction] = {}
        titles = action_titles()
        for spec in km.ACTIONS:
            action = QAction(titles.get(spec.name, spec.name), parent)
            action.setObjectName(f"action_{spec.name}")
            keys = keymap.keys(spec.name)
            if spec.scope == km.WINDOW:
                action.setShortcuts(sequences(keymap, spec.name))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            elif keys:
                # Shown in the menu, not bound: the document view handles the key.
                action.setText(f"{action.text()}\t{native_text(keys[:1])}")
            self.actions[spec.name] = action
        self.actions["toggle_label_names"].setCheckable(True)
        self.actions["toggle_label_names"].setChecked(True)

    def __getitem__(self, name: str) -> QAction:
        return self.actions[name]

    def add(self, name: str, text: str, shortcut: str | None = None) -> QAction:
        """An action that has no keymap entry (Quit, Import...)."""
        action = QAction(text, self.parent())
        action.setObjectName(f"action_{name}")
        if shortcut:
            action.setShortcut(shortcut)
        self.actions[name] = action
        return action
