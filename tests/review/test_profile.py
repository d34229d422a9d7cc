"""The annotator's name is remembered per computer; a broken profile means asking again."""

from __future__ import annotations

import pytest

from annotator.errors import InputError
from annotator.platform import profile


def test_remember_and_recall_with_recent_names():
    assert profile.remembered_annotator() is None
    profile.remember_annotator("  李明 ")
    profile.remember_annotator("王芳")
    profile.remember_annotator("李明")
    assert profile.remembered_annotator() == "李明"
    assert profile.recent_annotators() == ["李明", "王芳"]


def test_bad_names_are_refused_with_a_reason():
    with pytest.raises(InputError, match="empty"):
        profile.remember_annotator("   ")
    with pytest.raises(InputError, match="at most"):
        profile.check_annotator_name("x" * 65)
    with pytest.raises(InputError, match="control character"):
        profile.check_annotator_name("a\tb")


def test_damaged_profile_is_ignored():
    profile.profile_path().write_text("{not json", encoding="utf-8")
    assert profile.remembered_annotator() is None
    assert profile.recent_annotators() == []
    profile.remember_annotator("李明")
    assert profile.remembered_annotator() == "李明"
