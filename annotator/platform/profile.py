"""Who is annotating on this computer, and which project they last opened: remembered.

The name lives in ``profile.json`` in the user's data folder, not in a
project database (one person works on several projects) and not in the
window settings (which hold only how the window looks). A damaged profile
file is treated as no profile: the app asks again rather than failing.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import unicodedata
from pathlib import Path

from annotator.errors import InputError
from annotator.platform import app_paths

log = logging.getLogger(__name__)

PROFILE_NAME = "profile.json"
MAX_NAME_LENGTH = 64
MAX_RECENT = 8


def profile_path() -> Path:
    return app_paths.data_dir() / PROFILE_NAME


def check_annotator_name(name: str) -> str:
    """The name cleaned of surrounding space; InputError says what is wrong with a bad one."""
    cleaned = (name or "").strip()
    if not cleaned:
        raise InputError("the annotator name is empty; type the name your team knows you by")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InputError(f"the annotator name is {len(cleaned)} characters long; use at most {MAX_NAME_LENGTH}")
    if any(unicodedata.category(ch).startswith("C") for ch in cleaned):
        raise InputError("the annotator name contains a control character; use letters, digits and spaces")
    return cleaned


def _read() -> dict:
    path = profile_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable profile %s: %s", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


def remembered_annotator() -> str | None:
    name = _read().get("annotator")
    if not isinstance(name, str):
        return None
    try:
        return check_annotator_name(name)
    except InputError:
        return None


def recent_annotators() -> list[str]:
    recent = _read().get("recent", [])
    return [n for n in recent if isinstance(n, str) and n.strip()] if isinstance(recent, list) else []


def remember_annotator(name: str) -> str:
    """Remember ``name`` as this computer's annotator; returns the cleaned name."""
    name = check_annotator_name(name)
    data = _read()
    recent = [name, *[n for n in recent_annotators() if n != name]][:MAX_RECENT]
    if data.get("annotator") == name and data.get("recent") == recent:
        return name  # remembered already: the app's every start need not rewrite the file
    data.update(annotator=name, recent=recent)
    _write_atomically(profile_path(), json.dumps(data, ensure_ascii=False, indent=2))
    return name


def remembered_project() -> Path | None:
    """The project the app last opened by choice (File ▸ Open project…), if it still exists."""
    value = _read().get("project")
    if not isinstance(value, str) or not value:
        return None
    path = Path(value)
    return path if path.is_file() else None


def remember_project(path: str | Path) -> None:
    """Open ``path`` next time the app starts without a project named."""
    data = _read()
    data["project"] = str(Path(path).resolve())
    _write_atomically(profile_path(), json.dumps(data, ensure_ascii=False, indent=2))


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".profile-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
