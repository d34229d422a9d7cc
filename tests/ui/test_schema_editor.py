"""The schema editor, driven like a user would, and what Save leaves in the database."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from annotator.label_schema import LabelSchema
from annotator.model import AnnotatedDocument, Document, SourceFile
from annotator.store import Store
from annotator.ui.schema_editor import SchemaEditor

TEXT = "本报讯 记者张萍报道：北京市总工会主席王明出席会议。"


@pytest.fixture
def store(db_path):
    with Store(db_path, annotator="tester") as store:
        store.documents.import_source(SourceFile(
            path="x", name="x", sha256=hashlib.sha256(b"x").hexdigest(), size=1, format="test",
            documents=[AnnotatedDocument(Document(id="d1", text=TEXT, title="t"))],
        ))
        person = store.annotations.add_entity("d1", TEXT.index("王明"), TEXT.index("王明") + 2, "PER")
        org = store.annotations.add_entity("d1", TEXT.index("北京市总工会"), TEXT.index("北京市总工会") + 6, "ORG")
        store.annotations.add_relation(person.id, org.id, "works_at")
        store.annotations.set_doc_label("d1", "topic", "工会建设")
        yield store


@pytest.fixture
def editor(store, qtbot):
    dialog = SchemaEditor(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.close()


def select(section, name: str) -> None:
    for row in range(section.tree.topLevelItemCount()):
        if section.tree.topLevelItem(row).text(1) == name:
            section.tree.setCurrentItem(section.tree.topLevelItem(row))
            return
    raise AssertionError(f"{name} is not listed")


def retype(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def commit_chinese(edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def test_renaming_a_label_carries_its_entities(editor, store, qtbot):
    entities = editor.sections["entities"]
    select(entities, "PER")
    retype(qtbot, entities.name, "PERSON")
    assert "Saving renames them from PER to PERSON" in entities.usage_note.text()
    assert editor.save_button.isEnabled()
    with qtbot.waitSignal(editor.schemaChanged) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].entity_names[0] == "PERSON"
    assert store.db.conn.execute("SELECT label FROM entities ORDER BY id").fetchall() == [("PERSON",), ("ORG",)]
    assert store.schema.current.relation("works_at").heads == ("PERSON",)


def test_problems_show_at_the_field_and_block_saving(editor, qtbot):
    entities = editor.sections["entities"]
    select(entities, "LOC")
    retype(qtbot, entities.hotkey, "1")
    error = entities.fields["hotkey"].error
    assert error.isVisible() and "PER" in error.text()
    assert entities.hotkey.property("invalid") is True
    assert not editor.save_button.isEnabled()
    assert editor.banner.isVisible() and "LOC" in editor.banner.text()
    retype(qtbot, entities.hotkey, "9")
    assert not error.isVisible()
    assert editor.save_button.isEnabled()


def test_a_label_in_use_cannot_be_removed_but_an_unused_one_can(editor, store, qtbot):
    entities = editor.sections["entities"]
    select(entities, "ORG")
    assert not entities.remove_button.isEnabled()
    select(entities, "MONEY")
    qtbot.mouseClick(entities.remove_button, Qt.MouseButton.LeftButton)
    assert "MONEY" not in [entities.tree.topLevelItem(r).text(1) for r in range(entities.tree.topLevelItemCount())]
    assert editor.save()
    assert "MONEY" not in store.schema.current.entity_names


def test_add_a_label_with_a_chinese_display_name_and_a_colour(editor, store, qtbot):
    entities = editor.sections["entities"]
    qtbot.mouseClick(entities.add_button, Qt.MouseButton.LeftButton)
    assert entities.name.hasFocus()
    retype(qtbot, entities.name, "EVENT")
    commit_chinese(entities.display, "事件")
    entities.set_color("#123abc")
    assert editor.save()
    label = store.schema.current.entity("EVENT")
    assert (label.display, label.color, label.hotkey) == ("事件", "#123abc", "8")


def test_relation_constraints_from_the_checklists(editor, store, qtbot):
    relations = editor.sections["relations"]
    editor.tabs.setCurrentWidget(relations)
    select(relations, "located_in")
    heads = relations.heads
    for row in range(heads.count()):
        if "(PER)" in heads.item(row).text():
            heads.item(row).setCheckState(Qt.CheckState.Checked)
    assert "PER" in relations.tree.currentItem().text(2)
    qtbot.mouseClick(relations.directed, Qt.MouseButton.LeftButton)
    assert editor.save()
    located_in = store.schema.current.relation("located_in")
    assert located_in.heads == ("PER", "ORG", "LOC") and located_in.directed is False


def test_narrowing_below_existing_relations_is_refused_inline(editor, store, qtbot):
    relations = editor.sections["relations"]
    select(relations, "works_at")
    tails = relations.tails
    for row in range(tails.count()):
        tails.item(row).setCheckState(Qt.CheckState.Checked if "(LOC)" in tails.item(row).text()
                                      else Qt.CheckState.Unchecked)
    assert not editor.save()
    assert editor.isVisible() and "works_at" in editor.banner.text()
    assert store.schema.current.relation("works_at").tails == ("ORG",)


def test_document_label_values(editor, store, qtbot):
    documents = editor.sections["document_labels"]
    editor.tabs.setCurrentWidget(documents)
    select(documents, "topic")
    values = documents.values
    row = next(r for r in range(values.count()) if values.item(r).text() == "工会建设")
    values.item(row).setText("工会组织建设")
    qtbot.mouseClick(documents.add_value, Qt.MouseButton.LeftButton)
    values.currentItem().setText("劳模故事")
    assert editor.save()
    assert store.annotations.doc_labels("d1") == {"topic": "工会组织建设"}
    assert store.schema.current.document_label("topic").values[-1] == "劳模故事"


def test_export_then_import_a_schema_file(editor, store, tmp_path):
    path = tmp_path / "schema.toml"
    assert editor.export_schema(path)
    assert LabelSchema.load(path).to_dict() == store.schema.current.to_dict()
    changed = LabelSchema.load(path).renamed_entity("WORK", "DOC")
    changed.save(path)
    assert editor.import_schema(path)
    assert not editor.banner.objectName() == "ProblemBanner"
    assert editor.save()
    assert "DOC" in store.schema.current.entity_names and "WORK" not in store.schema.current.entity_names


def test_a_broken_schema_file_is_reported(editor, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[[entities]]\nname = 'A'\ncolor = 'red'\n", encoding="utf-8")
    assert not editor.import_schema(path)
    assert "red" in editor.banner.text() and str(path) in editor.banner.text()


def test_nothing_to_save_until_something_changes(editor):
    assert not editor.save_button.isEnabled()
