"""The label schema that travels with every export, and finding it again on import.

Every export writes the project's label schema beside the data: ``schema.json``
inside a dataset folder, or ``NAME.schema.json`` next to a single file
``NAME.EXT``. It is the schema as the app loads it (``LabelSchema.load``), plus
an ``export`` block saying how the data was written: format, offset unit,
tokens, splits and the selection. Readers use the block (a doccano file
declares its offset unit there); folder discovery skips these files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator import __version__
from annotator.errors import InputError
from annotator.formats.files import parse_json
from annotator.formats.registry import register_companion
from annotator.label_schema import LabelSchema

SCHEMA_NAME = "schema.json"
SIDECAR_SUFFIX = ".schema.json"
_MARKER = '"tool": "annotator"'


def export_info(format_name: str, **details: Any) -> dict[str, Any]:
    info: dict[str, Any] = {"tool": "annotator", "version": __version__, "format": format_name}
    info.update({k: v for k, v in details.items() if v not in (None, {}, [])})
    return info


def schema_document(schema: LabelSchema, info: dict[str, Any]) -> str:
    return json.dumps({**schema.to_dict(), "export": info}, ensure_ascii=False, indent=2) + "\n"


def sidecar_path(data_file: Path, name: str = SCHEMA_NAME) -> Path:
    """``gold.jsonl`` -> ``gold.schema.json`` (or ``gold.label_config.xml`` for other names)."""
    stem = data_file.name.rsplit(".", 1)[0] if "." in data_file.name else data_file.name
    return data_file.with_name(f"{stem}.{name}")


def find_export_info(data_file: Path) -> dict[str, Any] | None:
    """The ``export`` block written with ``data_file``, if Annotator wrote one beside it."""
    for candidate in (sidecar_path(data_file), data_file.parent / SCHEMA_NAME, data_file.parent.parent / SCHEMA_NAME):
        if candidate.is_file():
            info = _read_info(candidate)
            if info is not None:
                return info
    return None


def _read_info(path: Path) -> dict[str, Any] | None:
    try:
        data = parse_json(path.read_text(encoding="utf-8-sig"), str(path))
    except (OSError, UnicodeDecodeError, InputError):
        return None
    info = data.get("export") if isinstance(data, dict) else None
    return info if isinstance(info, dict) and info.get("tool") == "annotator" else None


def is_schema_file(path: Path) -> bool:
    if not (path.name == SCHEMA_NAME or path.name.endswith(SIDECAR_SUFFIX)):
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(256 * 1024).decode("utf-8", errors="ignore")
    except OSError:
        return False
    return _MARKER in head and '"entities"' in head


register_companion(is_schema_file)
