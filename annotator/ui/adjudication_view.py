"""Project ▸ Adjudicate: the annotators' versions of a document side by side, and the gold being made.

Public API::

    view = AdjudicationView(store, parent)     # a widget; lists the documents waiting
    view.open_document(doc_id)                 # show one (any document with versions)
    view.goldChanged                           # Signal(str): a document's gold changed (undo included)
    view.editRequested                         # Signal(str): edit this document's gold in the main window
    show_adjudication(store, parent, doc_id)   # the same in a window of its own

One column per annotator and one for the gold (the document's project layer),
every span in its label's colour, the disagreements underlined and the
focused one highlighted in every column. Everything is done from the
keyboard (the keys are in ``KEYS``, shown at the bottom); every step is a
command on the view's own undo stack (``ui/adjudication_commands.py``). The
pure part (disagreements, versions, union) is ``annotator.team.adjudication``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.model import DocumentLayer
from annotator.store import Store
from annotator.team import adjudication
from annotator.text.offsets import OffsetMap
from annotator.ui import theme
from annotator.ui.adjudication_commands import AcceptGold, ReplaceGold
from annotator.ui.plain_text import plain_label, rich_label

FOCUS_COLOR = QColor("#1f6feb")
DISAGREEMENT_UNDERLINE = QColor("#d64545")



def key_help() -> list[tuple[str, str]]:
    """The view's keys and what they do, as shown at its foot."""
    return [
        ("Tab / Shift+Tab", QCoreApplication.translate("AdjudicationView", "next / previous disagreement")),
        ("1…9", QCoreApplication.translate("AdjudicationView", "take that annotator's spans here")),
        ("U", QCoreApplication.translate("AdjudicationView", "take everyone's spans here")),
        ("Delete", QCoreApplication.translate("AdjudicationView", "take none here")),
        ("Ctrl+1…9", QCoreApplication.translate("AdjudicationView", "take that annotator's whole version")),
        ("Ctrl+U", QCoreApplication.translate("AdjudicationView", "union of all versions")),
        ("Ctrl+Shift+A", QCoreApplication.translate("AdjudicationView", "only what all agree on")),
        ("E", QCoreApplication.translate("AdjudicationView", "edit the gold in the main window")),
        ("Ctrl+Return", QCoreApplication.translate("AdjudicationView", "accept the gold and open the next document")),
        ("Ctrl+Z / Ctrl+Shift+Z", QCoreApplication.translate("AdjudicationView", "undo / redo")),
    ]


class _Pane(QTextEdit):
    """One layer of the document: the text with its spans coloured."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(theme.text_font())
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setObjectName(f"AdjudicationPane_{title}")
        self.title = title

    def show_layer(self, text: str, offsets: OffsetMap, layer: DocumentLayer | None, colors: dict[str, QColor],
                   disagreements: list[adjudication.Disagreement]) -> None:
        # through the document, not the widget: the widget would type the text in the format
        # at its cursor, which sits in the last focused span
        self.document().setPlainText(text)
        cursor = QTextCursor(self.document())
        for entity in (layer.entities if layer else []):
            fmt = QTextCharFormat()
            fmt.setBackground(theme.with_alpha(colors.get(entity.label, QColor("#999999")), 90))
            fmt.setToolTip(f"{entity.label} · {entity.made_by}")
            cursor.setPosition(offsets.to_utf16(entity.start))
            cursor.setPosition(offsets.to_utf16(entity.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        for stretch in disagreements:
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(DISAGREEMENT_UNDERLINE)
            cursor.setPosition(offsets.to_utf16(stretch.start))
            cursor.setPosition(offsets.to_utf16(stretch.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)

    def focus_stretch(self, offsets: OffsetMap, stretch: adjudication.Disagreement | None) -> None:
        if stretch is None:
            self.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        # marked without a background, so the spans' label colours still show through
        selection.format.setFontWeight(QFont.Weight.Bold)
        selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        selection.format.setUnderlineColor(FOCUS_COLOR)
        cursor = QTextCursor(self.document())
        cursor.setPosition(offsets.to_utf16(stretch.start))
        cursor.setPosition(offsets.to_utf16(stretch.end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        self.setExtraSelections([selection])
        shown = QTextCursor(self.document())
        shown.setPosition(offsets.to_utf16(stretch.start))
        self.setTextCursor(shown)
        self.ensureCursorVisible()


class AdjudicationView(QWidget):
    goldChanged = Signal(str)
    editRequested = Signal(str)
    refused = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AdjudicationView")
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.doc_id: str | None = None
        self.text = ""
        self.offsets = OffsetMap("")
        self.versions: dict[str, DocumentLayer] = {}
        self.names: list[str] = []
        self.gold: DocumentLayer | None = None
        self.disagreements: list[adjudication.Disagreement] = []
        self.focus_index = -1
        self.colors = {e.name: theme.label_color(e.color) for e in store.schema.current.entities}

        self.documents = QListWidget(self)
        self.documents.setObjectName("AdjudicationDocuments")
        self.documents.itemActivated.connect(lambda item: self.open_document(item.data(Qt.ItemDataRole.UserRole)))
        self.documents.itemClicked.connect(lambda item: self.open_document(item.data(Qt.ItemDataRole.UserRole)))
        self.heading = rich_label(self)
        self.heading.setObjectName("AdjudicationHeading")
        self.heading.setWordWrap(True)
        self.detail = rich_label(self)
        self.detail.setObjectName("AdjudicationDetail")
        self.detail.setWordWrap(True)
        self.message = plain_label("", self)
        self.message.setObjectName("AdjudicationMessage")
        self.panes_box = QSplitter(Qt.Orientation.Horizontal, self)
        self.panes: dict[str, _Pane] = {}
        self.titles: dict[str, QLabel] = {}
        keys = rich_label(self)
        keys.setText("   ".join(f"<b>{html.escape(key)}</b> {html.escape(what)}" for key, what in key_help()))
        keys.setWordWrap(True)
        keys.setObjectName("AdjudicationKeys")

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.panes_box, 1)
        right.addWidget(self.detail)
        right.addWidget(self.message)
        right.addWidget(keys)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.documents)
        holder = QWidget(split)
        holder.setLayout(right)
        split.addWidget(holder)
        split.setStretchFactor(1, 4)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(split)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.documents.installEventFilter(self)
        self.undo_stack.indexChanged.connect(lambda _i: self._reload_gold())
        self.refresh_list()

    # --- the list of documents ---------------------------------------------------------------

    def refresh_list(self) -> list[str]:
        pending = adjudication.pending(self.store)
        self.documents.blockSignals(True)
        self.documents.clear()
        titles = dict(
            self.store.db.conn.execute(
                f"SELECT id, title FROM documents WHERE id IN ({','.join('?' * len(pending))})", pending
            )
        ) if pending else {}
        for doc_id in pending:
            item = QListWidgetItem(titles.get(doc_id) or doc_id)
            item.setData(Qt.ItemDataRole.UserRole, doc_id)
            item.setToolTip(doc_id)
            self.documents.addItem(item)
            if doc_id == self.doc_id:
                self.documents.setCurrentItem(item)
        self.documents.blockSignals(False)
        if not pending and self.doc_id is None:
            self.heading.setText(html.escape(self.tr("No document waits for adjudication.")))
        return pending

    def open_first(self) -> str | None:
        pending = self.refresh_list()
        if pending:
            self.open_document(pending[0])
            return pending[0]
        return None

    # --- one document ----------------------------------------------------------------------------

    def open_document(self, doc_id: str) -> None:
        if not doc_id:
            return
        self.doc_id = doc_id
        document = self.store.documents.get(doc_id)
        self.text = document.text
        self.offsets = OffsetMap(self.text)
        self.versions = self.store.versions.of_document(doc_id)
        self.names = sorted(self.versions)
        self._build_panes()
        decision = self.store.adjudications.get(doc_id)
        if decision and doc_id not in adjudication.pending(self.store):
            state = self.tr("adjudicated by %1 (%2)").replace("%1", decision.adjudicator).replace("%2", decision.method)
        else:
            state = self.tr("waiting for adjudication")
        self.heading.setText(
            f"<b>{html.escape(document.title or doc_id)}</b> — {html.escape(', '.join(self.names))} — {html.escape(state)}"
        )
        self._reload_gold(keep_focus=False)
        for row in range(self.documents.count()):
            item = self.documents.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == doc_id:
                self.documents.setCurrentItem(item)
        self.setFocus()

    def _build_panes(self) -> None:
        for pane in self.panes.values():
            pane.removeEventFilter(self)
            pane.parent().deleteLater()
        self.panes, self.titles = {}, {}
        for index, name in enumerate([*self.names, ""]):
            box = QWidget(self.panes_box)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            heading = f"<b>{index + 1}</b> {html.escape(name)}" if name else "<b>" + html.escape(self.tr("Gold")) + "</b>"
            title = rich_label(box)
            title.setText(heading)
            pane = _Pane(name or "gold", box)
            pane.installEventFilter(self)
            column.addWidget(title)
            column.addWidget(pane, 1)
            self.panes_box.addWidget(box)
            self.panes[name] = pane
            self.titles[name] = title

    def reload(self) -> None:
        """Show the open document's gold and the list as they are in the project now."""
        self.refresh_list()
        self._reload_gold()

    def _reload_gold(self, *, keep_focus: bool = True) -> None:
        if self.doc_id is None or self.store.closed:  # the stack is cleared as the window goes
            return
        if not self.store.documents.exists(self.doc_id):
            return
        self.gold = self.store.layers.get(self.doc_id)
        self.disagreements = adjudication.disagreements({**self.versions, "": self.gold})
        for name, pane in self.panes.items():
            layer = self.versions.get(name) if name else self.gold
            pane.show_layer(self.text, self.offsets, layer, self.colors, self.disagreements)
        if not keep_focus or self.focus_index >= len(self.disagreements):
            self.focus_index = 0 if self.disagreements else -1
        self._show_focus()

    def _show_focus(self) -> None:
        stretch = self.focused()
        for pane in self.panes.values():
            pane.focus_stretch(self.offsets, stretch)
        if stretch is None:
            agreed = self.tr("The gold and every version agree.")
            self.detail.setText(html.escape(agreed) if self.versions else "")
            return
        parts = []
        gold = self.tr("gold")
        for name in [*self.names, ""]:
            spans = stretch.spans.get(name, ())
            said = ", ".join(f"{e.label} “{e.text}” {e.start}-{e.end}" for e in spans) or "—"
            parts.append(f"<b>{html.escape(name or gold)}</b>: {html.escape(said)}")
        where = (
            self.tr("Disagreement %1 of %2")
            .replace("%1", str(self.focus_index + 1))
            .replace("%2", str(len(self.disagreements)))
        )
        self.detail.setText(f"{html.escape(where)} · " + " · ".join(parts))

    def focused(self) -> adjudication.Disagreement | None:
        if 0 <= self.focus_index < len(self.disagreements):
            return self.disagreements[self.focus_index]
        return None

    # --- the steps ---------------------------------------------------------------------------------

    def focus_step(self, step: int) -> None:
        if not self.disagreements:
            return
        self.focus_index = (self.focus_index + step) % len(self.disagreements)
        self._show_focus()

    def _versions_only(self) -> dict[str, DocumentLayer]:
        return dict(self.versions)

    def take_here(self, choice: str | None) -> None:
        """Decide the focused disagreement: an annotator's spans there, ``UNION``, or none (``None``)."""
        stretch = self.focused()
        if stretch is None or self.gold is None:
            return
        stretch_versions = adjudication.Disagreement(
            stretch.start, stretch.end, {n: s for n, s in stretch.spans.items() if n}
        )
        wanted = adjudication.resolve(self.gold, self._versions_only(), stretch_versions, choice)
        if choice is None:
            label = self.tr("Take none at %1")
        elif choice == adjudication.UNION:
            label = self.tr("Take everyone's spans at %1")
        else:
            label = self.tr("Take %2's spans at %1").replace("%2", choice)
        where = f"{stretch.start}-{stretch.end}"
        self._push(ReplaceGold(self.store, wanted, label.replace("%1", where), **self._callbacks()))

    def take_whole(self, how: str) -> None:
        """The whole gold becomes an annotator's version (their name), the ``UNION`` or the ``AGREED`` part."""
        if not self.versions or self.gold is None:
            return
        if how == adjudication.UNION:
            wanted = adjudication.take_union(self.versions)
            text = self.tr("Take the union of all versions")
        elif how == adjudication.AGREED:
            wanted = adjudication.take_agreed(self.versions)
            text = self.tr("Take what all agree on")
        else:
            wanted = adjudication.take_version(self.versions, how)
            text = self.tr("Take %1's version").replace("%1", how)
        # the status stays until the gold is accepted
        wanted.status, wanted.status_reason = self.gold.status, self.gold.status_reason
        self._push(ReplaceGold(self.store, wanted, text, **self._callbacks()))

    def accept(self) -> None:
        """The gold is settled; the next document waiting opens."""
        if self.doc_id is None:
            return
        doc_id = self.doc_id
        text = self.tr("Accept the gold of %1").replace("%1", doc_id)
        self._push(AcceptGold(self.store, doc_id, text,
                              **self._callbacks()))
        pending = self.refresh_list()
        following = [d for d in pending if d != doc_id]
        if following:
            self.open_document(following[0])
        else:
            self.message.setText(self.tr("Every document is adjudicated."))

    def _callbacks(self) -> dict:
        return {"changed": self._changed, "refused": self._refused}

    def _push(self, command) -> None:
        self.message.setText("")
        self.undo_stack.push(command)

    def _changed(self, doc_id: str) -> None:
        self.goldChanged.emit(doc_id)
        if doc_id != self.doc_id and self.store.documents.exists(doc_id):
            self.open_document(doc_id)

    def _refused(self, message: str) -> None:
        self.message.setText(message)
        self.refused.emit(message)

    # --- keys -----------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and self._key(event):  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._key(event):
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # Tab must move between disagreements, not the keyboard focus between widgets
        if event.type() == QEvent.Type.KeyPress and self._key(event):  # type: ignore[arg-type]
            return True
        return super().event(event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = Qt.KeyboardModifier.ControlModifier
        shift = Qt.KeyboardModifier.ShiftModifier
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_stack.undo()
        elif event.matches(QKeySequence.StandardKey.Redo) or (key == Qt.Key.Key_Z and mods == ctrl | shift):
            self.undo_stack.redo()
        elif key == Qt.Key.Key_Tab and mods == Qt.KeyboardModifier.NoModifier:
            self.focus_step(+1)
        elif key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and mods == shift):
            self.focus_step(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == ctrl:
            self.accept()
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and mods in (Qt.KeyboardModifier.NoModifier, ctrl):
            index = key - Qt.Key.Key_1
            if index >= len(self.names):
                return True
            if mods == ctrl:
                self.take_whole(self.names[index])
            else:
                self.take_here(self.names[index])
        elif key == Qt.Key.Key_U and mods == ctrl:
            self.take_whole(adjudication.UNION)
        elif key == Qt.Key.Key_U and mods == Qt.KeyboardModifier.NoModifier:
            self.take_here(adjudication.UNION)
        elif key == Qt.Key.Key_A and mods == ctrl | shift:
            self.take_whole(adjudication.AGREED)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and mods == Qt.KeyboardModifier.NoModifier:
            self.take_here(None)
        elif key == Qt.Key.Key_E and mods == Qt.KeyboardModifier.NoModifier and self.doc_id:
            self.editRequested.emit(self.doc_id)
        else:
            return False
        return True


class AdjudicationWindow(QDialog):
    """The adjudication view in a window of its own, beside the annotation window (not modal)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Adjudicate"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.view = AdjudicationView(store, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.resize(1280, 760)

    def changeEvent(self, event: QEvent) -> None:
        # back from editing the gold in the main window: show it as it is now
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.view.reload()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Return and Escape are the view's (or close the window), never a default button's
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        self.view.keyPressEvent(event)


def show_adjudication(store: Store, parent: QWidget | None = None, doc_id: str | None = None) -> AdjudicationWindow:
    window = AdjudicationWindow(store, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    window.show()
    if doc_id:
        window.view.open_document(doc_id)
    else:
        window.view.open_first()
    window.view.setFocus()
    return window
