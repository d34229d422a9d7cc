"""The interface language: 简体中文 or English, following the system unless the user chose one.

Call ``install_translators(app)`` once, right after creating the
QApplication and before building any window. It loads

* Annotator's own translation (``resources/translations/annotator_<lang>.qm``,
  compiled from the ``.ts`` files by ``build/update_translations.py``), and
* Qt's translation of its standard dialogs and buttons (``qtbase_<lang>.qm``,
  shipped with PySide6): file dialogs, "Cancel", "Save", colour pickers.

English needs a file too: it holds only the plural forms ("1 entity",
"2 entities"), which the source strings cannot spell for every number.

A language chosen in the menu takes effect **the next time Annotator
starts**: windows build their text once, and a restart is what keeps every
string, dialog and Qt's own buttons in one language (``LanguageMenu`` says so
when the choice changes).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from annotator.platform import app_paths
from annotator.ui.settings import ui_settings

log = logging.getLogger(__name__)

SETTING = "ui/language"
SYSTEM = "system"
ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)
# Each language named in itself, so anyone can find their own.
NATIVE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}

_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return app_paths.resource("translations")


def chosen_language() -> str:
    """What the user chose: ``system``, ``en`` or ``zh_CN``."""
    value = str(ui_settings().value(SETTING, SYSTEM) or SYSTEM)
    return value if value in (SYSTEM, *LANGUAGES) else SYSTEM


def set_language(language: str) -> None:
    """Remember the language for the next start (``system`` to follow the system again)."""
    if language not in (SYSTEM, *LANGUAGES):
        raise ValueError(f"unknown interface language {language!r} (known: {SYSTEM}, {', '.join(LANGUAGES)})")
    ui_settings().setValue(SETTING, language)


def system_language(locale: QLocale | None = None) -> str:
    """The language to use for a system locale: Chinese for any Chinese locale, else English.

    Traditional Chinese locales get Simplified Chinese rather than English:
    the readers of a Chinese news corpus read it more easily.
    """
    locale = locale or QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return CHINESE
    for name in locale.uiLanguages():
        if name.lower().startswith("zh"):
            return CHINESE
    return ENGLISH


def resolve(language: str | None = None) -> str:
    choice = language or chosen_language()
    return system_language() if choice == SYSTEM else choice


def install_translators(app: QCoreApplication | None = None, language: str | None = None) -> str:
    """Load the translations for ``language`` (default: the user's choice); returns the language used.

    Missing files are logged, not fatal: the interface then shows English.
    """
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before installing translators")
    remove_translators()
    used = resolve(language)
    ours = QTranslator(app)
    if ours.load(f"annotator_{used}", str(translations_dir())):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("no translation annotator_%s.qm in %s; the interface stays in English", used, translations_dir())
    if used != ENGLISH:
        qt = QTranslator(app)
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{used}", qt_folder):
            app.installTranslator(qt)
            _installed.append(qt)
        else:
            log.warning("Qt's own translation qtbase_%s.qm is missing from %s", used, qt_folder)
        # Numbers and dates as Chinese readers write them, whatever the system says.
        QLocale.setDefault(QLocale("zh_CN"))
    return used


def remove_translators() -> None:
    """Back to the source strings (English without plural forms); for tests and tools."""
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()


def installed_language() -> str | None:
    """The language of the translation installed now (None before ``install_translators``)."""
    for translator in _installed:
        name = Path(translator.filePath()).stem
        if name.startswith("annotator_"):
            return name.removeprefix("annotator_")
    return None


class LanguageMenu(QMenu):
    """View ▸ Language: the system's language, English or 简体中文, applied at the next start."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Language"))
        self.actions_by_language = {}
        choices = [(SYSTEM, self.tr("System language (%1)").replace("%1", NATIVE_NAMES[system_language()]))]
        choices += [(language, NATIVE_NAMES[language]) for language in LANGUAGES]
        current = chosen_language()
        for language, text in choices:
            action = self.addAction(text)
            action.setCheckable(True)
            action.setChecked(language == current)
            action.triggered.connect(lambda _checked=False, value=language: self.choose(value))
            self.actions_by_language[language] = action

    def choose(self, language: str, *, tell: bool = True) -> None:
        before = resolve()
        set_language(language)
        for value, action in self.actions_by_language.items():
            action.setChecked(value == language)
        if tell and resolve() != (installed_language() or before):
            QMessageBox.information(
                self.parentWidget(),
                self.tr("Language"),
                self.tr("Annotator will use %1 the next time it starts.").replace("%1", NATIVE_NAMES[resolve()]),
            )


# The name the app's start-up code looks for.
install = install_translators
