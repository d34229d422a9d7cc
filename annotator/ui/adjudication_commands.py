"""Undo and redo for adjudication: each step is one store operation with its exact inverse.

``ReplaceGold`` replaces a document's project layer (``store.layers.replace``;
undo puts the same rows back with the same ids), ``AcceptGold`` records the
document as adjudicated (``team.adjudication.settle``). Like the window's
commands (``ui/commands.py``), a step the store refuses marks itself obsolete,
so the stack drops it, and says why through ``refused``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from annotator.errors import AnnotatorError
from annotator.model import DocumentLayer
from annotator.store import Store
from annotator.store.layers import LayerChange
from annotator.team import adjudication


def _ignore(_value: object) -> None:
    pass


class AdjudicationCommand(QUndoCommand):
    def __init__(
        self,
        store: Store,
        doc_id: str,
        text: str,
        changed: Callable[[str], None] = _ignore,
        refused: Callable[[str], None] = _ignore,
    ) -> None:
        super().__init__(text)
        self.store = store
        self.doc_id = doc_id
        self.changed = changed
        self.refused = refused

    def forward(self) -> None:
        raise NotImplementedError

    def backward(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self._attempt(self.forward)

    def undo(self) -> None:
        self._attempt(self.backward)

    def _attempt(self, step: Callable[[], None]) -> None:
        try:
            with self.store.transaction():
                step()
        except AnnotatorError as exc:
            self.setObsolete(True)
            self.refused(str(exc))
            return
        self.changed(self.doc_id)


class ReplaceGold(AdjudicationCommand):
    """The document's gold becomes ``wanted`` (a version, the union, a decided disagreement...)."""

    def __init__(self, store: Store, wanted: DocumentLayer, text: str, **callbacks) -> None:
        super().__init__(store, wanted.doc_id, text, **callbacks)
        self.wanted = wanted
        self.change: LayerChange | None = None

    def forward(self) -> None:
        if self.change is None:
            self.change = self.store.layers.replace(self.wanted)
        else:
            self.store.layers.redo(self.change)

    def backward(self) -> None:
        self.store.layers.undo(self.change)


class AcceptGold(AdjudicationCommand):
    """The document's gold is settled: adjudicated, on the versions it has now."""

    def __init__(self, store: Store, doc_id: str, text: str, **callbacks) -> None:
        super().__init__(store, doc_id, text, **callbacks)
        self.settlement: adjudication.Settlement | None = None

    def forward(self) -> None:
        if self.settlement is None:
            self.settlement = adjudication.settle(self.store, self.doc_id)
        else:
            adjudication.resettle(self.store, self.settlement)

    def backward(self) -> None:
        adjudication.unsettle(self.store, self.settlement)
