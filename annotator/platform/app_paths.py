"""Where Annotator keeps things: the user's folders and the bundled resources.

User folders come from platformdirs (``%LOCALAPPDATA%\\Annotator`` on Windows,
``~/Library/Application Support/Annotator`` on macOS, ``~/.local/share/annotator``
on Linux). Setting ``ANNOTATOR_HOME`` puts data, cache and logs under one
folder instead, which tests and portable installs use.

Bundled resources (the label schema, rules, icons, translations and the seed
pages) are found in three layouts: an installed wheel
(``annotator/_bundled/``), a source checkout (the repository root) and a
PyInstaller bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Annotator"
DEFAULT_DB_NAME = "annotator.db"
HOME_ENV = "ANNOTATOR_HOME"

_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the annotator package


def _home_override() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser().resolve() if value else None


def _platformdirs():
    # Imported when a folder is first asked for, not with this module: the
    # window's first paint imports this module but needs no user folder.
    import platformdirs

    return platformdirs


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    home = _home_override()
    if home:
        return _ensure(home / "data")
    return _ensure(Path(_platformdirs().user_data_dir(APP_NAME, appauthor=False)))


def cache_dir() -> Path:
    home = _home_override()
    if home:
        return _ensure(home / "cache")
    return _ensure(Path(_platformdirs().user_cache_dir(APP_NAME, appauthor=False)))


def log_dir() -> Path:
    home = _home_override()
    if home:
        return _ensure(home / "logs")
    return _ensure(Path(_platformdirs().user_log_dir(APP_NAME, appauthor=False)))


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def _bundle_roots() -> list[Path]:
    roots = []
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        roots.append(Path(meipass))
    roots.append(_PACKAGE_DIR / "_bundled")
    roots.append(_PACKAGE_DIR.parent)
    return roots


def _bundled(name: str) -> Path:
    for root in _bundle_roots():
        candidate = root / name
        if candidate.is_dir():
            return candidate
    searched = ", ".join(str(root / name) for root in _bundle_roots())
    raise FileNotFoundError(f"bundled folder '{name}' not found (looked in {searched})")


def resources_dir() -> Path:
    return _bundled("resources")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def seeds_dir() -> Path:
    return _bundled("seeds")


def guidelines_path() -> Path | None:
    """The annotation guidelines: bundled with the resources in a build, under docs/ in a source checkout."""
    found = []
    try:
        found.append(resource("guidelines.md"))
    except FileNotFoundError:
        pass
    try:
        found.append(resources_dir().parent / "docs" / "guidelines.md")
    except FileNotFoundError:
        pass
    return next((path for path in found if path.is_file()), None)
