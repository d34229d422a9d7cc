"""Project ▸ Label schema: add, rename, recolour and rearrange labels, with problems shown at the field.

Public API::

    editor = SchemaEditor(store, parent, run_step=controller.push)  # Save goes on the window's undo history
    editor.schemaChanged.connect(...)                      # LabelSchema, after a successful save
    editor.open()                                          # or exec(); window-modal
    editor.import_schema(path) / editor.export_schema(path)  # what the Import…/Export… buttons do

Edits go to a ``SchemaDraft`` (annotator/project/schema_editing.py); nothing touches
the database until Save, which applies the draft in one transaction:
renamed labels carry their entities, relations and document labels along,
and a label that data still uses cannot be removed (the Remove button says
why). Saving is one undoable step (``ChangeSchema``): given ``run_step``,
it goes on the window's undo history, so Ctrl+Z takes it back. Every problem is shown next to its field as it is typed, and Save
stays disabled until there are none.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import AnnotatorError, SchemaError
from annotator.label_schema import LabelSchema
from annotator.project.schema_editing import (
    DOCUMENT_LABELS,
    ENTITIES,
    RELATIONS,
    ChangeSchema,
    DocumentLabelDraft,
    EntityDraft,
    Problem,
    RelationDraft,
    SchemaDraft,
    Usage,
    ValueDraft,
    describe,
    label_usage,
)
from annotator.review.steps import Step
from annotator.store import Store
from annotator.ui import theme
from annotator.ui.plain_text import make_plain, plain_label

STYLE = """
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QListWidget[invalid="true"] {
    border: 1px solid #d64545; background: #fff5f5; }
#FieldError { color: #b42318; }
#UsageNote { color: #616e7c; }
#ProblemBanner { background: #fff4e5; border: 1px solid #f5c27a; border-radius: 6px; color: #7c3a06; padding: 6px 10px; }
#SavedBanner { background: #ecfdf3; border: 1px solid #a6e4bf; border-radius: 6px; color: #05603a; padding: 6px 10px; }
QTreeWidget { border: 1px solid #d9e2ec; border-radius: 4px; }
QTreeWidget::item { padding: 3px 2px; }
"""


def swatch_icon(color: str, hotkey: str = "", size: int = 18) -> QIcon:
    """A rounded square in the label's colour, with its hotkey on it."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = theme.label_color(color)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 4, 4)
    if hotkey:
        font = QFont()
        font.setPixelSize(int(size * 0.62))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(theme.text_on(fill))
        painter.drawText(0, 0, size, size, Qt.AlignmentFlag.AlignCenter, hotkey)
    painter.end()
    return QIcon(pixmap)


def problem_text(problem: Problem) -> str:
    """A field problem in the interface language (the core's message is English)."""
    texts = {
        "name_missing": QCoreApplication.translate("SchemaEditor", "A name is needed."),
        "name_invalid": QCoreApplication.translate("SchemaEditor", "Use 1–40 characters without spaces, commas, ; or |."),
        "name_taken": QCoreApplication.translate("SchemaEditor", "Another label already has the name %1."),
        "color_invalid": QCoreApplication.translate("SchemaEditor", "%1 is not a colour like #4e79a7."),
        "hotkey_invalid": QCoreApplication.translate("SchemaEditor", "The hotkey must be a single key."),
        "hotkey_taken": QCoreApplication.translate("SchemaEditor", "%1 already uses this hotkey."),
        "values_missing": QCoreApplication.translate("SchemaEditor", "Add at least one value."),
        "value_empty": QCoreApplication.translate("SchemaEditor", "A value cannot be empty."),
        "value_twice": QCoreApplication.translate("SchemaEditor", "The value %1 is listed twice."),
    }
    text = texts.get(problem.code)
    return text.replace("%1", problem.detail) if text else problem.message


class _Field:
    """An input, the error shown under it, and the row it lives in."""

    def __init__(self, widget: QWidget, error: QLabel) -> None:
        self.widget = widget
        self.error = error

    def show(self, message: str | None) -> None:
        self.widget.setProperty("invalid", bool(message))
        self.widget.style().unpolish(self.widget)
        self.widget.style().polish(self.widget)
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


class _Section(QWidget):
    """One kind of label: a table of them, buttons, and a form for the selected one."""

    section = ""
    # the column that takes the spare width
    stretch_column = 0
    changed = Signal()

    def __init__(self, editor: SchemaEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self._loading = False
        self.fields: dict[str, _Field] = {}

        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels(self.columns())
        self.tree.header().setStretchLastSection(False)
        for column in range(len(self.columns())):
            self.tree.header().setSectionResizeMode(
                column,
                QHeaderView.ResizeMode.Stretch if column == self.stretch_column
                else QHeaderView.ResizeMode.ResizeToContents,
            )
        self.tree.currentItemChanged.connect(lambda *_: self._load_form())

        self.add_button = QPushButton(self.tr("Add"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.up_button = QToolButton(self)
        self.up_button.setText("↑")
        self.up_button.setToolTip(self.tr("Move up"))
        self.down_button = QToolButton(self)
        self.down_button.setText("↓")
        self.down_button.setToolTip(self.tr("Move down"))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(+1))
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(buttons)

        self.form_widget = QFrame(self)
        form_holder = QWidget(self.form_widget)
        self.form = QFormLayout(form_holder)
        self.form.setContentsMargins(14, 0, 0, 0)
        self.form.setVerticalSpacing(8)
        form_column = QVBoxLayout(self.form_widget)
        form_column.setContentsMargins(0, 0, 0, 0)
        form_column.addWidget(form_holder)
        form_column.addStretch(1)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.usage_note = plain_label("", self)
        self.usage_note.setObjectName("UsageNote")
        self.usage_note.setWordWrap(True)
        self.build_form()
        self.form.addRow("", self.usage_note)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.form_widget)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 4)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(splitter)

    # --- for subclasses ------------------------------------------------------------------------

    def columns(self) -> list[str]:
        raise NotImplementedError

    def build_form(self) -> None:
        raise NotImplementedError

    def row(self, draft) -> tuple[list[str], QIcon | None]:
        raise NotImplementedError

    def fill_form(self, draft) -> None:
        raise NotImplementedError

    def usage_of(self, draft) -> int:
        return 0

    def usage_text(self, draft, used: int) -> str:
        return ""

    def new_draft(self):
        raise NotImplementedError

    def remove_draft(self, draft) -> None:
        self.items().remove(draft)

    # --- shared ----------------------------------------------------------------------------------

    @property
    def draft(self) -> SchemaDraft:
        return self.editor.draft

    def items(self) -> list:
        return getattr(self.draft, self.section)

    def current(self):
        index = self.tree.indexOfTopLevelItem(self.tree.currentItem()) if self.tree.currentItem() else -1
        items = self.items()
        return items[index] if 0 <= index < len(items) else None

    def add_field(self, key: str, label: str, widget: QWidget) -> QWidget:
        error = plain_label("", self)
        error.setObjectName("FieldError")
        error.setWordWrap(True)
        error.hide()
        holder = QWidget(self)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        self.form.addRow(label, holder)
        self.fields[key] = _Field(widget, error)
        return widget

    def line(self, key: str, label: str, setter, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(lambda text: self._edit(setter, text))
        self.add_field(key, label, edit)
        return edit

    def text_area(self, key: str, label: str, setter) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setFixedHeight(64)
        edit.textChanged.connect(lambda: self._edit(setter, edit.toPlainText()))
        self.add_field(key, label, edit)
        return edit

    def _edit(self, setter, value) -> None:
        if self._loading:
            return
        draft = self.current()
        if draft is None:
            return
        setter(draft, value)
        self._refresh_row(draft)
        self._update_buttons()
        self.changed.emit()

    def reload(self, select: int | None = None) -> None:
        """Rebuild the table from the draft, keeping (or moving) the selection."""
        current = self.tree.currentItem()
        keep = self.tree.indexOfTopLevelItem(current) if current is not None else 0
        self.tree.blockSignals(True)
        self.tree.clear()
        for draft in self.items():
            item = QTreeWidgetItem(self.tree)
            self._fill_item(item, draft)
        self.tree.blockSignals(False)
        index = keep if select is None else select
        chosen = self.tree.topLevelItem(max(0, min(index, len(self.items()) - 1))) if self.items() else None
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._load_form()

    def _fill_item(self, item: QTreeWidgetItem, draft) -> None:
        texts, icon = self.row(draft)
        for column, text in enumerate(texts):
            item.setText(column, text)
        if icon is not None:
            item.setIcon(0, icon)
        for column in range(1, len(texts)):
            item.setForeground(column, theme.MUTED_INK)

    def _refresh_row(self, draft) -> None:
        index = self.items().index(draft)
        item = self.tree.topLevelItem(index)
        if item is not None:
            self._fill_item(item, draft)

    def _load_form(self) -> None:
        draft = self.current()
        self.form_widget.setEnabled(draft is not None)
        self._loading = True
        try:
            if draft is not None:
                self.fill_form(draft)
        finally:
            self._loading = False
        self._update_buttons()
        self.show_problems(self.editor.problems)

    def _update_buttons(self) -> None:
        draft = self.current()
        index = self.items().index(draft) if draft is not None else -1
        used = self.usage_of(draft) if draft is not None else 0
        self.remove_button.setEnabled(draft is not None and not used)
        self.remove_button.setToolTip(
            self.tr("In use: relabel or delete what uses it first") if used else ""
        )
        self.up_button.setEnabled(index > 0)
        self.down_button.setEnabled(0 <= index < len(self.items()) - 1)
        self.usage_note.setText(self.usage_text(draft, used) if draft is not None else "")

    def _add(self) -> None:
        self.new_draft()
        self.reload(select=len(self.items()) - 1)
        self.changed.emit()
        name = self.fields.get("name")
        if name is not None:
            name.widget.setFocus()
            if isinstance(name.widget, QLineEdit):
                name.widget.selectAll()

    def _remove(self) -> None:
        draft = self.current()
        if draft is None or self.usage_of(draft):
            return
        index = self.items().index(draft)
        self.remove_draft(draft)
        self.reload(select=index)
        self.changed.emit()

    def _move(self, step: int) -> None:
        draft = self.current()
        if draft is None:
            return
        target = self.draft.move(self.section, self.items().index(draft), step)
        self.reload(select=target)
        self.changed.emit()

    def show_problems(self, problems: list[Problem]) -> None:
        draft = self.current()
        index = self.items().index(draft) if draft is not None else -1
        mine = {p.field: problem_text(p) for p in problems if p.section == self.section and p.index == index}
        for key, field in self.fields.items():
            field.show(mine.get(key))
        flagged = {p.index for p in problems if p.section == self.section}
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item is None:
                continue
            font = item.font(0)
            font.setItalic(row in flagged)
            item.setFont(0, font)
            item.setForeground(0, QColor("#b42318") if row in flagged else theme.INK)


class _EntitySection(_Section):
    section = ENTITIES

    def columns(self) -> list[str]:
        return [self.tr("Label"), self.tr("Name"), self.tr("Key"), self.tr("Used")]

    def build_form(self) -> None:
        self.name = self.line("name", self.tr("Name"), lambda d, v: setattr(d, "name", v.strip()),
                              self.tr("used in exports, e.g. PER"))
        self.display = self.line("display", self.tr("Display name"), lambda d, v: setattr(d, "display", v),
                                 self.tr("shown in the app, e.g. 人名"))
        self.description = self.text_area("description", self.tr("Description"),
                                          lambda d, v: setattr(d, "description", v))
        colour_row = QWidget(self)
        row = QHBoxLayout(colour_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.color_button = QPushButton(self)
        self.color_button.setFixedWidth(40)
        self.color_button.setToolTip(self.tr("Choose a colour"))
        self.color_button.clicked.connect(self._pick_color)
        self.color = QLineEdit(self)
        self.color.setMaxLength(7)
        self.color.setFixedWidth(90)
        self.color.textEdited.connect(lambda text: self._edit(lambda d, v: setattr(d, "color", v.strip()), text))
        row.addWidget(self.color_button)
        row.addWidget(self.color)
        row.addStretch(1)
        self.add_field("color", self.tr("Colour"), colour_row)
        self.fields["color"].widget = self.color
        self.hotkey = self.line("hotkey", self.tr("Hotkey"), lambda d, v: setattr(d, "hotkey", v.strip()),
                                self.tr("one key"))
        self.hotkey.setMaxLength(1)
        self.hotkey.setFixedWidth(60)

    def row(self, draft: EntityDraft) -> tuple[list[str], QIcon | None]:
        used = self.usage_of(draft)
        return [draft.display or draft.name, draft.name, draft.hotkey, self.locale().toString(used) if used else "–"], \
            swatch_icon(draft.color if theme.label_color(draft.color).isValid() else "#888888", draft.hotkey)

    def fill_form(self, draft: EntityDraft) -> None:
        self.name.setText(draft.name)
        self.display.setText(draft.display)
        if self.description.toPlainText() != draft.description:
            self.description.setPlainText(draft.description)
        self.color.setText(draft.color)
        self.hotkey.setText(draft.hotkey)
        self._update_color_button(draft.color)

    def _update_color_button(self, color: str) -> None:
        self.color_button.setIcon(swatch_icon(color))
        self.color_button.setIconSize(QSize(18, 18))

    def _pick_color(self) -> None:
        draft = self.current()
        if draft is None:
            return
        chosen = QColorDialog.getColor(theme.label_color(draft.color), self, self.tr("Label colour"))
        if chosen.isValid():
            self.set_color(chosen.name())

    def set_color(self, color: str) -> None:
        """What choosing a colour in the dialog does (also for tests)."""
        self.color.setText(color)
        self._edit(lambda d, v: setattr(d, "color", v), color)
        self._update_color_button(color)

    def _edit(self, setter, value) -> None:
        super()._edit(setter, value)
        draft = self.current()
        if draft is not None and not self._loading:
            self._update_color_button(draft.color)

    def usage_of(self, draft: EntityDraft) -> int:
        return self.editor.usage.entities.get(draft.origin, 0) if draft.origin else 0

    def usage_text(self, draft: EntityDraft, used: int) -> str:
        if not used:
            return self.tr("No entity uses this label yet.")
        text = self.tr("%n entities use this label.", "", used)
        if draft.origin and draft.origin != draft.name:
            text += " " + self.tr("Saving renames them from %1 to %2.").replace("%1", draft.origin).replace("%2", draft.name)
        return text

    def new_draft(self) -> EntityDraft:
        return self.draft.add_entity()

    def remove_draft(self, draft: EntityDraft) -> None:
        self.draft.remove_entity(draft)


class _EntityChecklist(QListWidget):
    """Entity labels to tick; none ticked means any."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(120)
        self.setIconSize(QSize(14, 14))
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

    def fill(self, entities: list[EntityDraft], chosen: list[EntityDraft]) -> None:
        self.blockSignals(True)
        self.clear()
        for entity in entities:
            item = QListWidgetItem(swatch_icon(entity.color if theme.label_color(entity.color).isValid() else "#888888"),
                                   f"{entity.display or entity.name}  ({entity.name})", self)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if any(c is entity for c in chosen) else Qt.CheckState.Unchecked)
        self.blockSignals(False)

    def chosen(self, entities: list[EntityDraft]) -> list[EntityDraft]:
        return [entities[row] for row in range(self.count()) if self.item(row).checkState() == Qt.CheckState.Checked]


class _RelationSection(_Section):
    section = RELATIONS
    stretch_column = 2

    def columns(self) -> list[str]:
        return [self.tr("Label"), self.tr("Name"), self.tr("From → to"), self.tr("Used")]

    def build_form(self) -> None:
        self.name = self.line("name", self.tr("Name"), lambda d, v: setattr(d, "name", v.strip()),
                              self.tr("used in exports, e.g. works_at"))
        self.display = self.line("display", self.tr("Display name"), lambda d, v: setattr(d, "display", v))
        self.description = self.text_area("description", self.tr("Description"),
                                          lambda d, v: setattr(d, "description", v))
        self.directed = QCheckBox(self.tr("Directed (head → tail differs from tail → head)"), self)
        self.directed.toggled.connect(lambda on: self._edit(lambda d, v: setattr(d, "directed", v), on))
        self.add_field("directed", "", self.directed)
        self.heads = _EntityChecklist(self)
        self.heads.itemChanged.connect(lambda _item: self._edit(
            lambda d, _v: setattr(d, "heads", self.heads.chosen(self.draft.entities)), None))
        self.add_field("heads", self.tr("Heads"), self.heads)
        self.tails = _EntityChecklist(self)
        self.tails.itemChanged.connect(lambda _item: self._edit(
            lambda d, _v: setattr(d, "tails", self.tails.chosen(self.draft.entities)), None))
        self.add_field("tails", self.tr("Tails"), self.tails)
        hint = plain_label(self.tr("Tick none to allow any entity label."), self)
        hint.setObjectName("UsageNote")
        self.form.addRow("", hint)

    def row(self, draft: RelationDraft) -> tuple[list[str], QIcon | None]:
        any_label = self.tr("any")
        heads = "/".join(h.name for h in draft.heads) or any_label
        tails = "/".join(t.name for t in draft.tails) or any_label
        arrow = " → " if draft.directed else " — "
        used = self.usage_of(draft)
        return [draft.display or draft.name, draft.name, heads + arrow + tails,
                self.locale().toString(used) if used else "–"], None

    def fill_form(self, draft: RelationDraft) -> None:
        self.name.setText(draft.name)
        self.display.setText(draft.display)
        if self.description.toPlainText() != draft.description:
            self.description.setPlainText(draft.description)
        self.directed.setChecked(draft.directed)
        self.heads.fill(self.draft.entities, draft.heads)
        self.tails.fill(self.draft.entities, draft.tails)

    def usage_of(self, draft: RelationDraft) -> int:
        return self.editor.usage.relations.get(draft.origin, 0) if draft.origin else 0

    def usage_text(self, draft: RelationDraft, used: int) -> str:
        if not used:
            return self.tr("No relation uses this label yet.")
        text = self.tr("%n relations use this label.", "", used)
        if draft.origin and draft.origin != draft.name:
            text += " " + self.tr("Saving renames them from %1 to %2.").replace("%1", draft.origin).replace("%2", draft.name)
        return text

    def new_draft(self) -> RelationDraft:
        return self.draft.add_relation()


class _DocumentSection(_Section):
    section = DOCUMENT_LABELS

    def columns(self) -> list[str]:
        return [self.tr("Label"), self.tr("Name"), self.tr("Values"), self.tr("Used")]

    def build_form(self) -> None:
        self.name = self.line("name", self.tr("Name"), lambda d, v: setattr(d, "name", v.strip()),
                              self.tr("used in exports, e.g. topic"))
        self.display = self.line("display", self.tr("Display name"), lambda d, v: setattr(d, "display", v))
        self.description = self.text_area("description", self.tr("Description"),
                                          lambda d, v: setattr(d, "description", v))
        values_box = QWidget(self)
        box = QVBoxLayout(values_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.values = QListWidget(self)
        self.values.setFixedHeight(150)
        self.values.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                    | QAbstractItemView.EditTrigger.EditKeyPressed
                                    | QAbstractItemView.EditTrigger.SelectedClicked)
        self.values.itemChanged.connect(self._value_edited)
        buttons = QHBoxLayout()
        self.add_value = QPushButton(self.tr("Add value"), self)
        self.remove_value = QPushButton(self.tr("Remove value"), self)
        self.add_value.clicked.connect(self._add_value)
        self.remove_value.clicked.connect(self._remove_value)
        buttons.addWidget(self.add_value)
        buttons.addWidget(self.remove_value)
        buttons.addStretch(1)
        box.addWidget(self.values)
        box.addLayout(buttons)
        self.add_field("values", self.tr("Values"), values_box)
        self.fields["values"].widget = self.values

    def row(self, draft: DocumentLabelDraft) -> tuple[list[str], QIcon | None]:
        used = self.usage_of(draft)
        return [draft.display or draft.name, draft.name, self.locale().toString(len(draft.values)),
                self.locale().toString(used) if used else "–"], None

    def fill_form(self, draft: DocumentLabelDraft) -> None:
        self.name.setText(draft.name)
        self.display.setText(draft.display)
        if self.description.toPlainText() != draft.description:
            self.description.setPlainText(draft.description)
        self._fill_values(draft)

    def _fill_values(self, draft: DocumentLabelDraft) -> None:
        self.values.blockSignals(True)
        current = self.values.currentRow()
        self.values.clear()
        for value in draft.values:
            item = QListWidgetItem(value.value, self.values)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            used = (
                self.editor.usage.document_values.get((draft.origin, value.origin), 0)
                if draft.origin and value.origin else 0
            )
            if used:
                item.setToolTip(self.tr("Set on %n documents; renaming carries them along.", "", used))
        self.values.blockSignals(False)
        if draft.values:
            self.values.setCurrentRow(max(0, min(current, len(draft.values) - 1)))

    def _value_edited(self, item: QListWidgetItem) -> None:
        draft = self.current()
        if draft is None:
            return
        row = self.values.row(item)
        self._edit(lambda d, v: setattr(d.values[row], "value", v.strip()), item.text())

    def _add_value(self) -> None:
        draft = self.current()
        if draft is None:
            return
        taken = {v.value for v in draft.values}
        name = next(f"value {n}" for n in range(1, 1000) if f"value {n}" not in taken)
        self._edit(lambda d, v: d.values.append(ValueDraft(v)), name)
        self._fill_values(draft)
        self.values.setCurrentRow(len(draft.values) - 1)
        self.values.editItem(self.values.currentItem())

    def _remove_value(self) -> None:
        draft = self.current()
        row = self.values.currentRow()
        if draft is None or not 0 <= row < len(draft.values):
            return
        value = draft.values[row]
        if value.origin and self.editor.usage.document_values.get((draft.origin, value.origin)):
            self.editor.say(self.tr("The value '%1' is set on documents; change them first.").replace("%1", value.value))
            return
        self._edit(lambda d, _v: d.values.pop(row), None)
        self._fill_values(draft)

    def usage_of(self, draft: DocumentLabelDraft) -> int:
        return self.editor.usage.document_labels.get(draft.origin, 0) if draft.origin else 0

    def usage_text(self, draft: DocumentLabelDraft, used: int) -> str:
        if not used:
            return self.tr("No document has this label yet.")
        return self.tr("Set on %n documents.", "", used)

    def new_draft(self) -> DocumentLabelDraft:
        return self.draft.add_document_label()


class SchemaEditor(QDialog):
    # the schema as saved, after Save succeeded
    schemaChanged = Signal(object)

    def __init__(
        self, store: Store, parent: QWidget | None = None, *, run_step: Callable[[Step], bool] | None = None,
        doc_id: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Label schema"))
        # where Save's step runs: the window's undo history, or (standalone) straight on the store
        self.run_step = run_step or _run_alone
        self.doc_id = doc_id
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setStyleSheet(STYLE)
        self.store = store
        self.draft = SchemaDraft(store.schema.current)
        self.usage: Usage = label_usage(store)
        self.problems: list[Problem] = []

        self.tabs = QTabWidget(self)
        self.sections = {
            ENTITIES: _EntitySection(self),
            RELATIONS: _RelationSection(self),
            DOCUMENT_LABELS: _DocumentSection(self),
        }
        for section in self.sections.values():
            self.tabs.addTab(section, "")
            section.changed.connect(self._changed)
        self.tabs.currentChanged.connect(self._tab_changed)

        self.banner = plain_label("", self)
        self.banner.setObjectName("ProblemBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.import_button = QPushButton(self.tr("Import…"), self)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.import_button.clicked.connect(self._choose_import)
        self.export_button.clicked.connect(self._choose_export)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.banner)
        layout.addLayout(bottom)
        self.resize(860, 560)
        self._reload_all()
        # The form rows' captions were made from strings; everything here shows plain text.
        make_plain(self)

    # --- public API ------------------------------------------------------------------------------

    def save(self) -> bool:
        """Apply the draft to the project; True when saved (the dialog then closes)."""
        try:
            step = ChangeSchema(self.store, self.draft, doc_id=self.doc_id)
        except AnnotatorError as exc:
            self.say(str(exc))
            return False
        refusals: list[str] = []
        try:
            saved = self.run_step(step)
        except AnnotatorError as exc:
            refusals.append(str(exc))
            saved = False
        if not saved:
            self.say(refusals[0] if refusals else self.tr("The schema could not be saved; the status bar says why."))
            return False
        self.schemaChanged.emit(step.change.new)
        self.accept()
        return True

    def import_schema(self, path: str | Path) -> bool:
        """Load a schema file (TOML or JSON) into the editor; nothing is saved until Save."""
        try:
            schema = LabelSchema.load(path)
        except SchemaError as exc:
            self.say(str(exc))
            return False
        self.draft.load(schema)
        self._reload_all()
        self.say(self.tr("Loaded %1. Labels with the same name as a saved label keep its annotations; "
                         "check the changes, then Save.").replace("%1", Path(path).name), problem=False)
        return True

    def export_schema(self, path: str | Path) -> bool:
        """Write the schema as edited (TOML for .toml, else JSON)."""
        try:
            self.draft.build().save(path)
        except SchemaError as exc:
            self.say(str(exc))
            return False
        except OSError as exc:
            self.say(self.tr("Cannot write %1: %2").replace("%1", str(path)).replace("%2", exc.strerror or str(exc)))
            return False
        self.say(self.tr("Exported to %1.").replace("%1", str(path)), problem=False)
        return True

    def say(self, message: str, *, problem: bool = True) -> None:
        self.banner.setObjectName("ProblemBanner" if problem else "SavedBanner")
        self.banner.setStyleSheet("")
        self.banner.setText(message)
        self.banner.setVisible(bool(message))

    # --- internals ---------------------------------------------------------------------------------

    def _reload_all(self) -> None:
        for section in self.sections.values():
            section.reload()
        self._changed()

    def _tab_changed(self, index: int) -> None:
        section = self.tabs.widget(index)
        if isinstance(section, _RelationSection):
            section.reload()  # entity labels may have changed names or colours

    def _changed(self) -> None:
        self.problems = self.draft.problems()
        for section in self.sections.values():
            section.show_problems(self.problems)
        titles = {
            ENTITIES: self.tr("Entity labels (%1)"),
            RELATIONS: self.tr("Relation labels (%1)"),
            DOCUMENT_LABELS: self.tr("Document labels (%1)"),
        }
        for index, (key, section) in enumerate(self.sections.items()):
            bad = any(p.section == key for p in self.problems)
            self.tabs.setTabText(index, titles[key].replace("%1", str(len(section.items()))) + (" ⚠" if bad else ""))
        blocked = self.draft.blocked_removals(self.usage)
        if self.problems:
            first = self.problems[0]
            if first.index >= 0:
                label = getattr(self.draft, first.section)[first.index]
                kinds = {ENTITIES: self.tr("Entity label %1"), RELATIONS: self.tr("Relation label %1"),
                         DOCUMENT_LABELS: self.tr("Document label %1")}
                where = kinds[first.section].replace("%1", label.name or "…")
                self.say(f"{where}: {problem_text(first)}")
            else:
                self.say(describe(first, self.draft))
        elif blocked:
            self.say(blocked[0])
        else:
            self.say("")
        self.save_button.setEnabled(not self.problems and not blocked and self.draft.is_changed())

    def _choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a label schema"), "",
                                              self.tr("Label schema (*.toml *.json)"))
        if path:
            self.import_schema(path)

    def _choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the label schema"), "label_schema.toml",
                                              self.tr("TOML (*.toml);;JSON (*.json)"))
        if path:
            self.export_schema(path)


def _run_alone(step: Step) -> bool:
    """Save without a window: do the step on the store (nothing to undo it from)."""
    step.redo()
    return True
