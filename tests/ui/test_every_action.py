"""Every menu action of the main window, and every button of every dialog they open, offscreen.

The actions are found in the menu bar and the buttons in the dialogs as
they appear, so an action or a button added later is exercised without
anyone writing a test for it. File choosers, colour pickers and message
boxes are answered by stubs; anything that would block (``exec``) is
walked instead. Any exception raised in a slot fails the test (pytest-qt
reports what the Qt event loop caught).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QTabWidget,
    QToolButton,
    QWidget,
)

from annotator.ui.workers import BackgroundTasks

# The order a dialog's buttons are pressed in: what changes choices or opens more first,
# then what does the work, then what closes it.
ROLE_ORDER = {
    QDialogButtonBox.ButtonRole.ActionRole: 1,
    QDialogButtonBox.ButtonRole.HelpRole: 1,
    QDialogButtonBox.ButtonRole.ResetRole: 1,
    QDialogButtonBox.ButtonRole.ApplyRole: 2,
    QDialogButtonBox.ButtonRole.AcceptRole: 2,
    QDialogButtonBox.ButtonRole.YesRole: 2,
    QDialogButtonBox.ButtonRole.NoRole: 3,
    QDialogButtonBox.ButtonRole.DestructiveRole: 3,
    QDialogButtonBox.ButtonRole.RejectRole: 4,
}
# Left for the end: it closes the window.
LAST_ACTIONS = ("action_quit",)


@dataclass
class Stubs:
    """What the stand-ins for the system's choosers were asked, and what they answered."""

    folder: Path
    asked: list[tuple[str, str]] = field(default_factory=list)

    def page(self) -> str:
        path = self.folder / "page.txt"
        path.write_text("新的一篇：广州市总工会开展慰问活动。\n\n本报讯 记者张萍报道：慰问活动开到了车间里。\n", encoding="utf-8")
        return str(path)


@pytest.fixture
def stubs(monkeypatch, tmp_path):
    stubs = Stubs(tmp_path)

    def open_files(parent, caption="", folder="", file_filter="", *args, **kwargs):
        stubs.asked.append(("open files", file_filter))
        return [stubs.page()], file_filter

    def open_file(parent, caption="", folder="", file_filter="", *args, **kwargs):
        stubs.asked.append(("open file", file_filter))
        schema = tmp_path / "label_schema.toml"
        if not schema.exists():
            from annotator.label_schema import default_schema

            default_schema().save(schema)
        return str(schema), file_filter

    def save_file(parent, caption="", folder="", file_filter="", *args, **kwargs):
        stubs.asked.append(("save file", file_filter))
        name = Path(str(folder)).name if folder else "out"
        return str(tmp_path / "saved" / name), file_filter

    def folder_chooser(parent, caption="", folder="", *args, **kwargs):
        stubs.asked.append(("folder", ""))
        chosen = tmp_path / "chosen"
        chosen.mkdir(exist_ok=True)
        (chosen / "page.txt").write_text(Path(stubs.page()).read_text(encoding="utf-8"), encoding="utf-8")
        return str(chosen)

    def message(kind):
        def answer(*args, **kwargs):
            stubs.asked.append(("message", kind))
            return QMessageBox.StandardButton.Ok

        return answer

    (tmp_path / "saved").mkdir()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(open_files))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_file))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_file))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(folder_chooser))
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *a, **k: QColor("#3366aa")))
    for kind in ("warning", "information", "question", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(message(kind)))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: stubs.asked.append(("message", box.text())) or 0)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: stubs.asked.append(("url", QUrl(url).toString())) or True))
    # A context menu's exec would wait for a click; its entries are triggered one by one instead.
    monkeypatch.setattr(QMenu, "exec", lambda menu, *a, **k: None)
    return stubs


class Walker:
    """Presses every button of a dialog (and of the dialogs those buttons open), then closes it."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.pressed: list[str] = []
        self.depth = 0
        # dialogs being walked or walked already
        self.walking: set[QWidget] = set()
        # labels that leave Qt to guess whether their text is markup
        self.guessing: list[str] = []

    def settle(self, widget: QObject | None = None) -> None:
        """Let queued signals arrive, and wait for background work the dialog started."""
        QApplication.processEvents()
        if widget is not None and alive(widget):
            for tasks in widget.findChildren(BackgroundTasks):
                self.qtbot.waitUntil(lambda tasks=tasks: not alive(tasks) or not tasks.busy, timeout=60_000)
        QApplication.processEvents()

    def walk(self, dialog: QWidget) -> None:
        if self.depth > 3:
            dialog.close()
            return
        self.depth += 1
        try:
            self.settle(dialog)
            self.check_labels(dialog)
            # Every page of every tab first, pressing what does not close the dialog.
            for tabs in dialog.findChildren(QTabWidget):
                for index in range(tabs.count()):
                    if alive(dialog) and alive(tabs) and dialog.isVisible():
                        tabs.setCurrentIndex(index)
                        self.press_all(dialog, closing=False)
            # Then the rest, in role order, looking again after each press for what it revealed.
            self.press_all(dialog, closing=True)
            if alive(dialog) and dialog.isVisible():
                dialog.close()
            self.settle(dialog)
        finally:
            self.depth -= 1

    def check_labels(self, dialog: QWidget) -> None:
        """Stored text must never be read as markup: every label says plain or (escaped) rich text."""
        guessing = [
            f"{type(dialog).__name__}: {label.objectName() or label.text()[:40]!r}"
            for label in dialog.findChildren(QLabel)
            if label.textFormat() == Qt.TextFormat.AutoText
        ]
        self.guessing += guessing

    def press_all(self, dialog: QWidget, *, closing: bool) -> None:
        done: set[QAbstractButton] = set()
        for _ in range(100):
            if not (alive(dialog) and dialog.isVisible()):
                return
            waiting = [
                b for b in self.buttons(dialog)
                if b not in done and b.isVisible() and b.isEnabled() and (closing or self.role_order(b) < 2)
            ]
            if not waiting:
                return
            button = waiting[0]
            done.add(button)
            self.press(button)
            self.settle(dialog)
            self.walk_new_windows()

    def press(self, button: QAbstractButton) -> None:
        name = f"{type(button.window()).__name__}: {button.text() or button.objectName() or type(button).__name__}"
        self.pressed.append(name)
        menu = button.menu() if isinstance(button, QToolButton) else None
        if menu is not None:
            # A drop-down would wait for a click: its entries are triggered instead.
            for action in menu.actions():
                if action.isEnabled() and not action.isSeparator():
                    action.trigger()
                    self.settle()
            return
        button.click()

    @staticmethod
    def role_order(button: QAbstractButton) -> int:
        box = button.parent()
        while box is not None and not isinstance(box, QDialogButtonBox):
            box = box.parent()
        if not isinstance(box, QDialogButtonBox):
            return 0
        return ROLE_ORDER.get(box.buttonRole(button), 5)

    def buttons(self, dialog: QWidget) -> list[QAbstractButton]:
        found = [b for b in dialog.findChildren(QAbstractButton) if alive(b) and b.window() is dialog]
        return sorted(found, key=self.role_order)

    def walk_new_windows(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if alive(widget) and widget.isVisible() and isinstance(widget, QDialog) and widget not in self.walking:
                self.walking.add(widget)
                self.walk(widget)


@pytest.fixture
def walker(qtbot, monkeypatch):
    walker = Walker(qtbot)

    def exec_by_walking(dialog: QDialog) -> int:
        dialog.show()
        walker.walking.add(dialog)
        walker.walk(dialog)
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", exec_by_walking)
    return walker


def menu_actions(window) -> list[QAction]:
    """Every action reachable from the menu bar, submenus included, in menu order."""
    found: list[QAction] = []

    def visit(menu: QMenu) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                visit(action.menu())
            elif action not in found:
                found.append(action)

    for top in window.menuBar().actions():
        if top.menu() is not None:
            visit(top.menu())
    return sorted(found, key=lambda a: a.objectName() in LAST_ACTIONS)


def test_every_menu_action_and_every_dialog_button_runs_without_an_error(window, qtbot, stubs, walker):
    actions = menu_actions(window)
    names = [a.objectName() or a.text() for a in actions]
    assert len(actions) >= 40, names
    # the ones issue 13 was about are among them
    assert {"action_import_files", "action_export_data", "action_label_schema", "action_dashboard"} <= set(names)
    triggered = []
    for action in actions:
        if not action.isEnabled():
            continue
        if window.help_overlay.isVisible():
            window.help_overlay.hide()
        triggered.append(action.objectName() or action.text())
        action.trigger()
        walker.settle(window)
        walker.walk_new_windows()
        walker.settle(window)
        if action.objectName() == "action_quit":
            assert not window.isVisible()
    assert len(triggered) >= 40
    # File ▸ Import ▸ "Add files…" asked for files with a filter naming every readable kind
    filters = [f for kind, f in stubs.asked if kind == "open files"]
    assert filters and "*.jsonl" in filters[0] and "*.txt" in filters[0]
    assert any(p.startswith("ImportDialog: Add files") for p in walker.pressed)
    assert any(p.startswith("ExportDialog: Export") for p in walker.pressed)
    assert any(p.startswith("ExportDialog: Show in folder") for p in walker.pressed)
    assert any(p.startswith("SchemaEditor: Import") for p in walker.pressed)
    assert any(p.startswith("OccurrencesDialog") for p in walker.pressed) or "action_label_occurrences" in triggered
    assert not walker.guessing, '\n'.join(walker.guessing)
    # every dialog was closed again
    left = [w for w in QApplication.topLevelWidgets() if alive(w) and w.isVisible() and isinstance(w, QDialog)]
    assert not left, left


def test_label_all_occurrences_dialog_buttons_with_an_entity_focused(window, qtbot, stubs, walker):
    """A opens its dialog only with an entity focused; walk it in both scopes."""
    from review_projects import ARTICLE, span

    store = window.store
    entity = store.annotations.add_entity("a1", *span(ARTICLE, "姚庄镇总工会"), "ORG")
    window.controller.reload()
    window.controller.set_focus(window.controller.state.entity_span(entity.id).key)
    dialog = window.label_occurrences()
    assert dialog is not None
    walker.walking.add(dialog)
    dialog.everywhere.setChecked(True)
    walker.settle(dialog)
    walker.walk(dialog)
    assert not alive(dialog) or not dialog.isVisible()
    assert any(p.startswith("OccurrencesDialog") for p in walker.pressed)


def alive(widget: QObject) -> bool:
    """False once Qt has deleted the object (dialogs that delete themselves on close)."""
    return shiboken6.isValid(widget)

