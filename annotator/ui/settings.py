"""The one place the app opens QSettings: window layout and interface preferences only.

Everything that matters to the project lives in its database. The explicit
organisation and application names make this work before a QApplication has
its names set; the default format lets tests redirect it to a temporary INI
file (``QSettings.setDefaultFormat`` + ``setPath``).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "Annotator"
APPLICATION = "Annotator"


def ui_settings() -> QSettings:
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
