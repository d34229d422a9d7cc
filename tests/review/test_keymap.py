"""The keymap is data: the bundled file, user overrides, and clear errors."""

from __future__ import annotations

import pytest

from annotator.errors import InputError
from annotator.review import keymap as km


def test_bundled_keymap_binds_every_action_from_the_issue(tmp_path):
    keymap = km.load_keymap(user_path=tmp_path / "none.toml")
    assert keymap.keys("focus_next") == ("Tab",)
    assert keymap.action_for("shift+tab") == "focus_previous"
    assert keymap.action_for("Ctrl+Shift+Z") == "redo"
    assert keymap.action_for("Ctrl+Y") == "redo"
    assert keymap.action_for("Return", scope=km.TEXT) == "accept"
    assert keymap.action_for("Return", scope=km.WINDOW) is None
    assert keymap.action_for("Ctrl+Return") == "done_and_next"
    assert keymap.action_for("Ctrl++") == "zoom_in"
    assert {s.name for s in km.ACTIONS} == set(keymap.bindings)
    assert all(keymap.keys(s.name) for s in km.ACTIONS)


def test_normalise_key_ignores_case_and_modifier_order():
    assert km.normalise_key("Shift+Ctrl+z") == km.normalise_key("ctrl+shift+Z")
    assert km.normalise_key("Ctrl++") == "ctrl++"
    assert km.normalise_key("+") == "+"


def test_user_file_overrides_action_by_action(tmp_path):
    user = tmp_path / "keymap.toml"
    user.write_text('[keys]\naccept = ["Space"]\nlabel_occurrences = []\n', encoding="utf-8")
    keymap = km.load_keymap(user_path=user)
    assert keymap.keys("accept") == ("Space",)
    assert keymap.keys("label_occurrences") == ()
    assert keymap.keys("focus_next") == ("Tab",)
    assert keymap.user_file == user


@pytest.mark.parametrize(
    "content, message",
    [
        ('[keys]\nteleport = ["T"]\n', "unknown action 'teleport'"),
        ('[keys]\naccept = "Space"\nfocus_next = ["space"]\n', "bound to both"),
        ("[keys]\naccept = [1]\n", "must be a list of keys"),
        ("[keys\n", "not valid TOML"),
        ('[other]\nx = 1\n', "unknown section"),
        ('[keys]\naccept = ["  "]\n', "empty key"),
    ],
)
def test_bad_user_keymaps_name_the_file_and_the_problem(tmp_path, content, message):
    user = tmp_path / "keymap.toml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        km.load_keymap(user_path=user)
    assert str(user) in str(caught.value)


def test_keys_that_clash_with_label_hotkeys_are_reported(tmp_path):
    keymap = km.load_keymap(user_path=tmp_path / "none.toml")
    with pytest.raises(InputError, match="hotkey of label 'X'"):
        keymap.check("test", reserved={"r": "X"})
    keymap.check("test", reserved={"1": "PER"})
