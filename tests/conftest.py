"""Shared fixtures. Qt runs offscreen; user folders and QSettings point at temporary places."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Before anything imports Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest

from annotator.platform import app_paths

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def annotator_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data, cache and logs of every test go to a fresh folder, never the real user's."""
    home = tmp_path_factory.mktemp("annotator-home")
    monkeypatch.setenv(app_paths.HOME_ENV, str(home))
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "project.db"


@pytest.fixture
def fresh_store(db_path: Path):
    """An empty project with the default schema, acting as annotator 'tester'."""
    from annotator.store import Store

    store = Store(db_path, annotator="tester")
    yield store
    store.close()


@pytest.fixture
def seeds_dir() -> Path:
    return REPO / "seeds"


@pytest.fixture
def seed_copy(tmp_path: Path, seeds_dir: Path) -> Path:
    """A writable copy of the seed pages."""
    target = tmp_path / "seeds"
    shutil.copytree(seeds_dir, target)
    return target


@pytest.fixture
def qsettings_tmp(tmp_path: Path):
    """QSettings write to a temporary INI file, never the user's registry or plist."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path / "settings"
