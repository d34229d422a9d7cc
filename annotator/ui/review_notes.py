"""What the review logic tells the reviewer (``annotator.review.notes.Note``), worded in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.review.notes import Note
from annotator.review.steps import fill

# Said after "Marked done." when no unfinished document is left (the keys that end in this).
LAST = "_last"


def note_templates() -> dict[str, str]:
    """Every note's sentence, with %1, %2... for its values."""
    return {
        "last_document": QCoreApplication.translate("ReviewController", "This is the last document."),
        "first_document": QCoreApplication.translate("ReviewController", "This is the first document."),
        "marked_done_pending": QCoreApplication.translate("ReviewController", "Marked done; undecided candidates left out: %1."),
        "marked_done": QCoreApplication.translate("ReviewController", "Marked done."),
        "skipped": QCoreApplication.translate("ReviewController", "Skipped."),
        LAST: QCoreApplication.translate("ReviewController", "Every document is done or skipped."),
        "no_other_entity": QCoreApplication.translate("ReviewController", "No other entity to relate to."),
        "nothing_to_review": QCoreApplication.translate("ReviewController", "Nothing to review in this document."),
        "relation_cancelled": QCoreApplication.translate("ReviewController", "Relation cancelled."),
        "tab_to_candidate": QCoreApplication.translate("ReviewController", "Tab to a candidate first; Return accepts it."),
        "tab_to_span": QCoreApplication.translate("ReviewController", "Tab to a candidate or an entity first."),
        "deleted_with_relations": QCoreApplication.translate("ReviewController", "Deleted “%1” and the relations that used it (%2). Ctrl+Z brings them back."),
        "selection_blank": QCoreApplication.translate("ReviewController", "The selection holds only white space."),
        "nothing_to_label": QCoreApplication.translate("ReviewController", "Select some text, or Tab to a candidate or an entity, then press a label key."),
        "tab_to_move": QCoreApplication.translate("ReviewController", "Tab to a span first to move its boundaries."),
        "cannot_move": QCoreApplication.translate("ReviewController", "The span cannot shrink or grow any further that way."),
        "accepted_with_boundary": QCoreApplication.translate("ReviewController", "Accepted with the new boundary."),
        "no_candidates_left": QCoreApplication.translate("ReviewController", "No candidates left in this document. Ctrl+Return marks it done."),
        "accept_first": QCoreApplication.translate("ReviewController", "Accept the candidate first; relations join entities."),
        "tab_to_entity_for_relation": QCoreApplication.translate("ReviewController", "Tab to an entity first; R starts a relation from it."),
        "relation_started": QCoreApplication.translate("ReviewController", "Relation from “%1”: Tab to the tail, then press the number of the type."),
        "relation_added": QCoreApplication.translate("ReviewController", "Added %1: %2 → %3"),
        "split_done": QCoreApplication.translate("ReviewController", "Split the article; the rest is now the next document. Ctrl+Z joins them again."),
        "nothing_to_merge": QCoreApplication.translate("ReviewController", "This is the last document; there is nothing to merge it with."),
        "merge_done": QCoreApplication.translate("ReviewController", "Merged with the next document. Ctrl+Z splits them again."),
        "select_to_move": QCoreApplication.translate("ReviewController", "Select the text to move first."),
        "nowhere_to_move": QCoreApplication.translate("ReviewController", "There is no document on that side to move the text to."),
        "move_done": QCoreApplication.translate("ReviewController", "Moved the text. Ctrl+Z puts it back."),
        "nothing_to_undo": QCoreApplication.translate("ReviewController", "Nothing to undo."),
        "undone": QCoreApplication.translate("ReviewController", "Undone: %1"),
        "nothing_to_redo": QCoreApplication.translate("ReviewController", "Nothing to redo."),
        "redone": QCoreApplication.translate("ReviewController", "Redone: %1"),
        # the store's own reason, as it gave it
        "refused": "%1",
        "choose_tail": QCoreApplication.translate("ReviewController", "Choose the tail entity first (Tab to it, or click it)."),
        "no_relation_type": QCoreApplication.translate("ReviewController", "No relation type goes from %1 to %2 (%3 → %4)."),
        "not_a_choice": QCoreApplication.translate("ReviewController", "%1 is not a choice for %2 → %3; pick 1–%4."),
        "already_related": QCoreApplication.translate("ReviewController", "%1 and %2 are already related by %3."),
    }


def note_text(note: Note) -> str:
    templates = note_templates()
    key, last = (note.key[: -len(LAST)], True) if note.key.endswith(LAST) else (note.key, False)
    text = fill(templates.get(key, key), *note.args)
    return f"{text} {templates[LAST]}" if last else text
