"""Small dialogs and helpers: who is annotating, the error reporter, the keymap as Qt reads it."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent

from annotator.errors import InputError
from annotator.platform import profile
from annotator.review.keymap import load_keymap
from annotator.ui.identity import IdentityDialog
from annotator.ui.keys import check_keymap, event_key


def key_event(key, modifiers=Qt.KeyboardModifier.NoModifier, text=""):
    return QKeyEvent(QEvent.Type.KeyPress, key, modifiers, text)


def test_identity_dialog_refuses_an_empty_name_and_suggests_known_ones(qtbot):
    dialog = IdentityDialog(["李明", "王芳", "李明"], current="")
    qtbot.addWidget(dialog)
    assert [dialog.name.itemText(i) for i in range(dialog.name.count())] == ["李明", "王芳"]
    dialog.name.setCurrentText("   ")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "empty" in dialog.error.text()
    dialog.name.setCurrentText("王芳")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.chosen() == "王芳"


def test_error_reporter_logs_the_traceback_and_shows_where(qtbot, annotator_home, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from annotator.ui.excepthook import ErrorReporter

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.informativeText(), box.detailedText())))
    reporter = ErrorReporter()
    try:
        raise KeyError("missing-label")
    except KeyError as exc:
        reporter.handle(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: bool(shown))
    text, informative, detail = shown[0]
    assert "saved" in text and "KeyError" in informative
    log = annotator_home / "logs" / "annotator.log"
    assert detail == str(log) and "missing-label" in log.read_text(encoding="utf-8")
    # the same error again, raised in a worker thread this time, does not pile up dialogs
    worker = threading.Thread(target=reporter.handle, args=(KeyError, KeyError("missing-label"), None))
    worker.start()
    worker.join()
    QCoreApplication.sendPostedEvents()  # the thread's queued report, if there is one, arrives now
    assert len(shown) == 1
    # while another error from a thread does reach the main thread and is shown
    worker = threading.Thread(target=reporter.handle, args=(ValueError, ValueError("other"), None))
    worker.start()
    worker.join()
    QCoreApplication.sendPostedEvents()
    assert len(shown) == 2 and "ValueError" in shown[1][1]


def test_event_key_names_keys_the_way_the_keymap_writes_them(qapp):
    assert event_key(key_event(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)) == "Shift+Tab"
    assert event_key(key_event(Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier, "?")) == "?"
    assert event_key(key_event(Qt.Key.Key_1, Qt.KeyboardModifier.KeypadModifier, "1")) == "1"
    assert event_key(key_event(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)) == "Ctrl+Z"
    assert event_key(key_event(Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier)) == ""


def test_keys_qt_does_not_know_are_refused_with_the_action_and_file(qapp, tmp_path):
    user = tmp_path / "keymap.toml"
    user.write_text('[keys]\naccept = ["Ctrl+Hyper+Q"]\n', encoding="utf-8")
    keymap = load_keymap(user_path=user)
    with pytest.raises(InputError, match="accept.*Ctrl\\+Hyper\\+Q") as caught:
        check_keymap(keymap)
    assert str(user) in str(caught.value)
    check_keymap(load_keymap(user_path=tmp_path / "none.toml"))


def test_a_bad_user_keymap_falls_back_to_the_defaults_with_a_message(qapp, annotator_home):
    from annotator.review.keymap import user_keymap_path
    from annotator.ui.app import app_keymap

    user_keymap_path().write_text("[keys]\nteleport = ['T']\n", encoding="utf-8")
    keymap, warning = app_keymap()
    assert keymap.keys("accept") == ("Return", "Enter")
    assert "unknown action 'teleport'" in warning and "default keys" in warning


def test_profile_remembers_a_name_given_on_the_command_line(annotator_home):
    from annotator.ui.app import choose_annotator

    assert choose_annotator("  赵六 ", None) == "赵六"
    assert profile.remembered_annotator() == "赵六"


def test_a_label_hotkey_that_clashes_with_an_action_is_reported_not_fatal(qapp, annotator_home):
    from annotator.ui.app import app_keymap

    keymap, warning = app_keymap({"a": "AWARD", "1": "PER"})
    assert keymap.keys("label_occurrences") == ("A",)
    assert "hotkey of label 'AWARD'" in warning and "the key does the action" in warning
    assert app_keymap({"1": "PER"})[1] is None


def test_first_start_asks_who_is_annotating_and_remembers_it(qtbot, annotator_home, monkeypatch):
    from annotator.ui import identity
    from annotator.ui.app import choose_annotator

    asked = []

    def fake_exec(dialog):
        asked.append([dialog.name.itemText(i) for i in range(dialog.name.count())])
        dialog.name.setCurrentText("周七")
        return identity.QDialog.DialogCode.Accepted

    monkeypatch.setattr(identity.IdentityDialog, "exec", fake_exec)
    assert choose_annotator(None, annotator_home / "p.db") == "周七"
    assert profile.remembered_annotator() == "周七"
    assert choose_annotator(None, annotator_home / "p.db") == "周七"
    assert len(asked) == 1  # asked once, then remembered
