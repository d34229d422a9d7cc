"""What survives a restart, the time recorded per document, the window's own settings, the status bar."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from review_projects import ARTICLE, span

from annotator.review.session import ActivityClock
from annotator.store import Store
from annotator.ui.app import build_main_window


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_work_is_in_the_database_at_once_and_there_after_a_restart(window, qtbot, project):
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    with Store(project, annotator="reader") as other:  # another connection sees it before any "save"
        assert [e.text for e in other.annotations.entities("a1")] == ["邹倜然"]
    window.close()
    again = build_main_window(project, "tester")
    qtbot.addWidget(again)
    again.start(background=False)
    assert again.controller.doc_id == "a1"
    assert [e.text for e in again.store.annotations.entities("a1")] == ["邹倜然"]
    again.close()


def test_time_on_a_document_is_recorded_for_the_annotator(window, qtbot):
    clock = FakeClock()
    window.controller.activity = ActivityClock(idle_limit=60, clock=clock)
    window.controller.open_document("a1")
    clock.now += 12
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    clock.now += 8
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # opens a2
    assert window.store.annotations.time_spent("a1") == {"tester": 20}
    clock.now += 5
    window.controller.flush_time()
    assert window.store.annotations.time_spent("a2") == {"tester": 5}


def test_status_bar_shows_progress_annotator_and_speed(window, qtbot):
    status = window.status
    qtbot.waitUntil(lambda: status.progress.text() == "0 of 2 done")
    assert status.annotator.text() == "tester"
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert "1" in status.speed.text()
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: status.progress.text() == "1 of 2 done")  # a moment later (status_bar.PROGRESS_DELAY_MS)


def test_window_settings_go_to_qsettings_and_come_back(window, qtbot, qsettings_tmp, project):
    window.view.set_point_size(17)
    window.close()
    files = list(qsettings_tmp.rglob("*.ini"))
    assert files, "QSettings wrote nothing to the temporary folder"
    assert QSettings().value("view/point_size") in (17, 17.0, "17", "17.0")
    again = build_main_window(project, "tester")
    qtbot.addWidget(again)
    assert again.view.point_size == 17
    again.close()


def test_switching_annotator_attributes_new_work_to_them(window, qtbot):
    window.set_annotator("李明")
    assert window.status.annotator.text() == "李明"
    window.view.select(*span(ARTICLE, "张萍"))
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.store.annotations.entities("a1")[0].annotator == "李明"


def test_header_shows_title_byline_and_import_flags(window):
    header = window.header
    assert header.title.text() == "“工会专家团”，给力！"
    assert "邹倜然" in header.byline.text()
    flags = [header.flags.itemAt(i).widget().text() for i in range(header.flags.count())]
    assert any("low-confidence join" in f for f in flags)


def test_the_dashboard_opens_from_the_project_menu_and_closes_with_the_window(window, qtbot):
    action = window.actions_by_name.actions.get("dashboard")
    if action is None:
        raise AssertionError("the dashboard module is installed but the Project menu has no entry for it")
    action.trigger()
    tool = window._tools["dashboard"]
    assert tool.isVisible()
    action.trigger()  # a second time raises the same window
    assert window._tools["dashboard"] is tool


def test_relations_list_shows_a_relation_with_both_ends_and_delete_removes_it(window, qtbot):
    from review_projects import snapshot

    store = window.store
    org = store.annotations.add_entity("a1", *span(ARTICLE, "姚庄镇总工会"), "ORG")
    per = store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    relation = store.annotations.add_relation(per.id, org.id, "works_at")
    window.controller.reload()
    window.lists.flush()
    lists = window.lists
    lists.setCurrentIndex(1)
    index = lists.relations_model.index(0, 1)
    assert lists.relations_model.data(index) == "任职于"
    qtbot.mouseClick(lists.relations.viewport(), Qt.MouseButton.LeftButton, pos=lists.relations.visualRect(index).center())
    assert window.view.highlighted_relation == relation.id
    scene = window.view._scene()
    assert [(a.head.text, a.tail.text) for a in scene.arcs] == [("张萍", "姚庄镇总工会")]
    before = snapshot(store)
    lists.relations.setFocus()
    qtbot.keyClick(lists.relations, Qt.Key.Key_Delete)
    assert store.annotations.relations("a1") == []
    window.controller.undo()
    assert snapshot(store) == before


def test_clicking_an_import_flag_shows_its_place_in_the_text(window, qtbot):
    flag = window.header.flags.itemAt(0).widget()
    qtbot.mouseClick(flag, Qt.MouseButton.LeftButton)
    assert window.controller.caret == 42


def test_help_lists_the_keys_as_configured(qtbot, project, qsettings_tmp):
    from annotator.review.keymap import load_keymap, user_keymap_path

    user_keymap_path().write_text('[keys]\naccept = ["Space"]\n', encoding="utf-8")
    win = build_main_window(project, "tester")
    qtbot.addWidget(win)
    text = win.help_overlay.text.text()
    assert "Space" in text and "Accept the candidate" in text
    assert win.keymap.keys("accept") == ("Space",)
    assert load_keymap().user_file == user_keymap_path()
    win.close()


def test_a_saved_schema_change_shows_at_once_and_ctrl_z_takes_it_back(window, qtbot):
    """Saving the schema is a step like any other: the undo history before it stays (issue 13)."""
    from annotator.project.schema_editing import EntityDraft
    from annotator.ui.schema_editor import SchemaEditor

    store = window.store
    window.view.select(*span(ARTICLE, "张萍"))
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.controller.undo_stack.count() == 1
    editor = window.edit_schema(SchemaEditor)
    next(e for e in editor.draft.entities if e.name == "PER").name = "PERSON"
    editor.draft.entities.append(EntityDraft("EVENT", display="事件", color="#123456", hotkey="8"))
    assert editor.save()
    assert window.controller.undo_stack.count() == 2
    assert "PERSON" in window.palette_panel.rows and "EVENT" in window.palette_panel.rows
    assert [s.label for s in window.controller.state.spans if s.is_entity] == ["PERSON"]
    assert "事件" in window.help_overlay.text.text()
    window.view.select(*span(ARTICLE, "邹倜然"))
    qtbot.keyClick(window.view, Qt.Key.Key_8)
    assert ("邹倜然", "EVENT") in [(e.text, e.label) for e in store.annotations.entities("a1")]
    for _ in range(2):  # the EVENT label, then the schema change
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "PER" in store.schema.current.entity_names and "EVENT" not in store.schema.current.entity_names
    assert "PER" in window.palette_panel.rows and "EVENT" not in window.palette_panel.rows
    assert [s.label for s in window.controller.state.spans if s.is_entity] == ["PER"]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the first labelling
    assert store.annotations.entities("a1") == []


def test_the_schema_editor_opens_from_the_project_menu(window, qtbot):
    action = window.actions_by_name.actions.get("label_schema")
    assert action is not None
    action.trigger()
    from annotator.ui.schema_editor import SchemaEditor

    editor = window.findChild(SchemaEditor)
    assert editor is not None and editor.isVisible()
    editor.reject()


def test_file_import_brings_new_documents_into_the_list(window, qtbot, tmp_path):
    from annotator.ui.import_dialog import ImportDialog

    page = tmp_path / "page.txt"
    page.write_text("新的一篇文章：广州市总工会开展慰问活动。", encoding="utf-8")
    qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ImportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    dialog = window.import_files(ImportDialog, [str(page)])
    with qtbot.waitSignal(dialog.imported, timeout=30_000):
        dialog.start()
    assert window.store.documents.count() == 3
    dialog.close()


def test_file_export_opens_from_the_keyboard(window, qtbot):
    from annotator.ui.export_dialog import ExportDialog

    qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
