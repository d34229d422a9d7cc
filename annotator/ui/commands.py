"""Undo and redo in the app: each review step (``annotator.review.steps``) as a small ``QUndoCommand``.

The steps hold the logic (a store operation and its exact inverse); a
``StepCommand`` runs one on Qt's undo stack, and ``QtHistory`` is the
``History`` the review logic pushes to. A step the store refuses marks its
command obsolete, which makes ``QUndoStack`` drop it, and the reason goes to
the status bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.errors import AnnotatorError
from annotator.review.steps import Change, Step, Title, UpdateEntity, fill

# Consecutive boundary moves of one entity merge into one undo step (QUndoCommand.id).
RESIZE_ID = 0x5E5E


def step_titles() -> dict[str, str]:
    """Each step's name in the interface language, by ``steps.TITLES`` key (a test checks both lists agree)."""
    return {
        "add_entity": QCoreApplication.translate("StoreCommand", "Label %1 as %2"),
        "delete_entity": QCoreApplication.translate("StoreCommand", "Delete %1 %2"),
        "resize_entity": QCoreApplication.translate("StoreCommand", "Resize %1"),
        "relabel_entity": QCoreApplication.translate("StoreCommand", "Relabel %1 as %2"),
        "accept": QCoreApplication.translate("StoreCommand", "Accept %1 %2"),
        "fix_and_accept": QCoreApplication.translate("StoreCommand", "Fix and accept %1 %2"),
        "reject": QCoreApplication.translate("StoreCommand", "Reject %1 %2"),
        "add_relation": QCoreApplication.translate("StoreCommand", "Relate %1 %2 %3"),
        "delete_relation": QCoreApplication.translate("StoreCommand", "Delete relation %1"),
        "mark_done": QCoreApplication.translate("StoreCommand", "Mark done"),
        "skip": QCoreApplication.translate("StoreCommand", "Skip"),
        "mark_todo": QCoreApplication.translate("StoreCommand", "Mark to do"),
        "mark_in_progress": QCoreApplication.translate("StoreCommand", "Mark in progress"),
        "set_doc_label": QCoreApplication.translate("StoreCommand", "Set %1 to %2"),
        "clear_doc_label": QCoreApplication.translate("StoreCommand", "Clear %1"),
        "merge": QCoreApplication.translate("StoreCommand", "Merge with %1"),
        "split": QCoreApplication.translate("StoreCommand", "Split the article"),
        "move_text": QCoreApplication.translate("StoreCommand", "Move text to %1"),
        "change_schema": QCoreApplication.translate("StoreCommand", "Change the label schema"),
    }


def step_text(title: Title) -> str:
    """A step's name, worded in the interface language."""
    if title.key == "label_occurrences":
        count = title.count or 0  # a plain name: lupdate does not read call expressions as the count
        template = QCoreApplication.translate("StoreCommand", "Label %n occurrence(s) of %1 as %2", "", count)
        return fill(template, *title.args)
    return fill(step_titles().get(title.key, title.english()), *title.args)


class StepCommand(QUndoCommand):
    """One review step on Qt's undo stack."""

    def __init__(self, step: Step, changed: Callable[[Change], None], refused: Callable[[str], None]) -> None:
        super().__init__(step_text(step.title))
        self.step = step
        self._changed = changed
        self._refused = refused
        self.refusal: str | None = None

    def redo(self) -> None:
        self._attempt(self.step.redo)

    def undo(self) -> None:
        self._attempt(self.step.undo)

    def id(self) -> int:
        return RESIZE_ID if isinstance(self.step, UpdateEntity) and self.step.resize else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, StepCommand) or other.refusal is not None:
            return False
        if not self.step.merge(other.step):
            return False
        self.setText(other.text())
        return True

    def _attempt(self, run: Callable[[], Change]) -> None:
        try:
            change = run()
        except AnnotatorError as exc:
            self.refusal = str(exc)
            self.setObsolete(True)
            self._refused(self.refusal)
            return
        self._changed(change)


class QtHistory:
    """The review logic's ``History`` on a ``QUndoStack`` (so Qt's undo actions and views could share it)."""

    def __init__(self, stack: QUndoStack, changed: Callable[[Change], None], refused: Callable[[str], None]) -> None:
        self.stack = stack
        self._changed = changed
        self._refused = refused

    def push(self, step: Step) -> bool:
        command = StepCommand(step, self._changed, self._refused)
        self.stack.push(command)
        return command.refusal is None

    def undo(self) -> None:
        self.stack.undo()

    def redo(self) -> None:
        self.stack.redo()

    def can_undo(self) -> bool:
        return self.stack.canUndo()

    def can_redo(self) -> bool:
        return self.stack.canRedo()

    def undo_text(self) -> str:
        return self.stack.undoText()

    def redo_text(self) -> str:
        return self.stack.redoText()

    def clear(self) -> None:
        self.stack.clear()
