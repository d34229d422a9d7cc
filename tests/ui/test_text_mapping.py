"""Offsets across the Qt edge: code points in the store, UTF-16 units in the widget, never text read back."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument

from annotator.ui.text_mapping import TextMapping, display_text

TEXTS = [
    "𠮷野家的牛肉饭",
    "张萍😀说：“好！”\n第二段👍🏽结束",
    "Windows 换行\r\n第二行\r\n",
    "no\u00a0break\u2028line\ttab",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_every_character_is_where_the_mapping_says_in_a_qt_document(qapp, text):
    mapping = TextMapping(text)
    document = QTextDocument()
    document.setPlainText(mapping.display)
    assert document.characterCount() - 1 == mapping.utf16_length
    for index, char in enumerate(text):
        cursor = QTextCursor(document)
        cursor.setPosition(mapping.to_qt(index))
        cursor.setPosition(mapping.to_qt(index + 1), QTextCursor.MoveMode.KeepAnchor)
        shown = cursor.selectedText()
        # Qt shows a paragraph break as U+2029; a \r before \n is displayed as a space.
        expected = {"\n": "\u2029", "\r": " "}.get(char, char)
        assert shown == expected, (index, char)
        assert mapping.from_qt(mapping.to_qt(index)) == index


def test_a_position_inside_a_surrogate_pair_snaps_to_a_character_edge():
    mapping = TextMapping("a𠮷b")
    assert mapping.to_qt(2) == 3
    assert mapping.from_qt(2) == 1
    assert mapping.from_qt(2, round_up=True) == 2
    assert mapping.span_from_qt(2, 2) == (1, 2)


def test_display_text_keeps_the_length_and_only_touches_crlf():
    text = "a\r\nb\rc\nd"
    assert len(display_text(text)) == len(text)
    assert display_text(text) == "a \nb\rc\nd"


def test_out_of_range_offsets_are_refused():
    with pytest.raises(ValueError):
        TextMapping("abc").to_qt(4)
    with pytest.raises(ValueError):
        TextMapping("a😀").to_qt(3)
