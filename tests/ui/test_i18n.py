"""The interface language at run time: Chinese, English plurals, the system's choice and the menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from annotator.ui import i18n


@pytest.fixture
def translated(qapp, qsettings_tmp):
    default_locale = QLocale()
    yield qapp
    i18n.remove_translators()
    QLocale.setDefault(default_locale)


def test_chinese_interface(translated):
    assert i18n.install_translators(translated, i18n.CHINESE) == i18n.CHINESE
    assert i18n.installed_language() == i18n.CHINESE
    assert QCoreApplication.translate("ExportDialog", "Export") == "导出"
    assert QCoreApplication.translate("DocumentDelegate", "%n entities", "", 3) == "3 个实体"
    assert QCoreApplication.translate("Status", "Done") == "已完成"
    # Qt's own buttons come from qtbase_zh_CN.qm
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_english_plurals(translated):
    i18n.install_translators(translated, i18n.ENGLISH)
    assert QCoreApplication.translate("DocumentDelegate", "%n entities", "", 1) == "1 entity"
    assert QCoreApplication.translate("DocumentDelegate", "%n entities", "", 2) == "2 entities"
    assert QCoreApplication.translate("ExportDialog", "Export") == "Export"


def test_the_system_locale_decides_by_default(translated):
    assert i18n.system_language(QLocale("zh_CN")) == i18n.CHINESE
    assert i18n.system_language(QLocale("zh_TW")) == i18n.CHINESE
    assert i18n.system_language(QLocale("de_DE")) == i18n.ENGLISH
    assert i18n.chosen_language() == i18n.SYSTEM
    assert i18n.resolve() == i18n.system_language()


def test_a_choice_is_remembered_for_the_next_start(translated):
    i18n.set_language(i18n.CHINESE)
    assert i18n.chosen_language() == i18n.CHINESE
    assert i18n.install_translators(translated) == i18n.CHINESE
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_the_language_menu(translated, qtbot):
    menu = i18n.LanguageMenu()
    qtbot.addWidget(menu)
    assert menu.actions_by_language[i18n.SYSTEM].isChecked()
    menu.choose(i18n.ENGLISH, tell=False)
    assert i18n.chosen_language() == i18n.ENGLISH
    assert menu.actions_by_language[i18n.ENGLISH].isChecked()
    assert not menu.actions_by_language[i18n.SYSTEM].isChecked()
    assert [a.text() for a in menu.actions()][1:] == ["English", "简体中文"]
