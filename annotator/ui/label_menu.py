"""Pop-up menus for labelling with the mouse or the keyboard: entity labels and document labels."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QWidget

from annotator.label_schema import LabelSchema
from annotator.review.label_keys import key_for_label
from annotator.ui import schema_texts, theme
from annotator.ui.plain_text import menu_text, plain_tooltip
from annotator.ui.review_controller import ReviewController


def swatch(color: QColor, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(theme.darker_ink(color))
    painter.setBrush(color)
    painter.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 3, 3)
    painter.end()
    return QIcon(pixmap)


def entity_label_menu(schema: LabelSchema, on_pick: Callable[[str], None], parent: QWidget) -> QMenu:
    """Entity labels with their colours; the label's key is its accelerator, so the keyboard works in the menu too."""
    menu = QMenu(parent)
    menu.setObjectName("EntityLabelMenu")
    keys = key_for_label(schema)
    for label in schema.entities:
        key = keys.get(label.name, "")
        title = label.display or label.name
        if label.display and label.display != label.name:
            title = f"{title}  ({label.name})"
        # "&" makes the key the menu's accelerator; a literal & in a name must be doubled.
        text = f"&{key}  {menu_text(title)}" if key else menu_text(title)
        action = menu.addAction(swatch(theme.label_color(label.color)), text)
        action.setToolTip(plain_tooltip(schema_texts.shown(label.description)))
        action.setData(label.name)
        action.triggered.connect(lambda _checked=False, name=label.name: on_pick(name))
    return menu


def document_label_menu(
    schema: LabelSchema, current: dict[str, str], on_pick: Callable[[str, str | None], None], parent: QWidget
) -> QMenu:
    """Document labels and their values, numbered; one label is listed flat, several as submenus."""
    menu = QMenu(parent)
    menu.setObjectName("DocumentLabelMenu")
    labels = list(schema.document_labels)
    for index, doc_label in enumerate(labels):
        if len(labels) == 1:
            target = menu
            menu.setTitle(menu_text(doc_label.display or doc_label.name))
        else:
            prefix = f"&{index + 1}  " if index < 9 else ""
            target = menu.addMenu(f"{prefix}{menu_text(doc_label.display or doc_label.name)}")
        target.setToolTipsVisible(True)
        chosen = current.get(doc_label.name)
        for number, value in enumerate(doc_label.values, start=1):
            prefix = f"&{number}  " if number <= 9 else "    "
            action = target.addAction(f"{prefix}{menu_text(value)}")
            action.setCheckable(True)
            action.setChecked(value == chosen)
            action.setData(value)
            action.triggered.connect(
                lambda _checked=False, name=doc_label.name, value=value: on_pick(name, value)
            )
        if chosen is not None:
            target.addSeparator()
            clear = target.addAction(QCoreApplication.translate("LabelMenu", "&0  Clear"))
            clear.triggered.connect(lambda _checked=False, name=doc_label.name: on_pick(name, None))
    return menu


def span_context_menu(
    controller: ReviewController, label_occurrences: Callable[[], None], parent: QWidget
) -> QMenu | None:
    """Right-click on a span: what can be done with it (the keys do the same)."""
    span = controller.focused_span()
    if span is None:
        return None
    menu = QMenu(parent)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if span.is_candidate:
        menu.addAction(QCoreApplication.translate("LabelMenu", "Accept"), controller.accept_focused)
        menu.addAction(QCoreApplication.translate("LabelMenu", "Reject"), controller.reject_or_delete_focused)
    else:
        menu.addAction(QCoreApplication.translate("LabelMenu", "Start a relation from here"), controller.start_relation)
        menu.addAction(QCoreApplication.translate("LabelMenu", "Delete"), controller.reject_or_delete_focused)
    menu.addAction(QCoreApplication.translate("LabelMenu", "Label all occurrences…"), label_occurrences)
    relabel = menu.addMenu(QCoreApplication.translate("LabelMenu", "Label as"))
    for label in controller.schema.entities:
        relabel.addAction(
            swatch(theme.label_color(label.color)),
            menu_text(label.display or label.name),
            lambda name=label.name: controller.apply_label(name),
        )
    return menu
