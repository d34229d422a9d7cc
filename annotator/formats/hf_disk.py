"""The files ``datasets.Dataset.save_to_disk`` writes beside its Arrow data, and the tag names they hold.

A saved dataset is a folder: ``data-00000-of-00001.arrow`` (the rows),
``dataset_info.json`` (features, among them the ``ClassLabel`` names of
``ner_tags``) and ``state.json``; a ``DatasetDict`` adds ``dataset_dict.json``
and a subfolder per split. The hub's script datasets (msra_ner,
peoples_daily_ner) carry the same features in ``dataset_infos.json``, one
entry per configuration. The JSON files are never imported on their own
(folder discovery passes them over, and naming one says what to import
instead); the Arrow files are read by ``annotator.formats.huggingface``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.formats.files import parse_json
from annotator.formats.registry import register_companion

METADATA_NAMES = ("dataset_info.json", "state.json", "dataset_dict.json", "dataset_infos.json")


def is_hf_disk_metadata(parsed: Any) -> bool:
    """True for the parsed content of one of the metadata files above."""
    if not isinstance(parsed, dict):
        return False
    if "_data_files" in parsed and "_fingerprint" in parsed:  # state.json
        return True
    if set(parsed) == {"splits"} and isinstance(parsed["splits"], list):  # dataset_dict.json
        return True
    infos = list(parsed.values()) if parsed and all(isinstance(v, dict) for v in parsed.values()) else [parsed]
    return all(isinstance(info, dict) and isinstance(info.get("features"), dict)
               and ("builder_name" in info or "splits" in info or "citation" in info) for info in infos)


def _is_metadata_file(path: Path) -> bool:
    if path.name not in METADATA_NAMES:
        return False
    try:
        return is_hf_disk_metadata(parse_json(path.read_text(encoding="utf-8-sig"), str(path)))
    except (OSError, UnicodeDecodeError, InputError):  # not readable, not JSON, or hostile (too deep)
        return False


def tag_names_from_info(folder: Path) -> list[str] | None:
    """The ClassLabel names of ``ner_tags`` declared by a ``dataset_info.json`` or ``dataset_infos.json`` in ``folder``."""
    for name in ("dataset_info.json", "dataset_infos.json"):
        path = folder / name
        if not path.is_file():
            continue
        try:
            parsed = parse_json(path.read_text(encoding="utf-8-sig"), str(path))
        except (OSError, UnicodeDecodeError, InputError):  # not readable, not JSON, or hostile (too deep)
            continue
        infos = [parsed] if "features" in parsed else list(parsed.values()) if isinstance(parsed, dict) else []
        for info in infos:
            names = _class_label_names(info.get("features", {}).get("ner_tags") if isinstance(info, dict) else None)
            if names:
                return names
    return None


def _class_label_names(feature: Any) -> list[str] | None:
    """Names of a Sequence(ClassLabel) or List(ClassLabel) feature as datasets serialises it."""
    if not isinstance(feature, dict):
        return None
    inner = feature.get("feature")
    if isinstance(inner, dict) and inner.get("_type") == "ClassLabel":
        names = inner.get("names")
        if isinstance(names, list) and all(isinstance(n, str) for n in names):
            return names
    return None


register_companion(_is_metadata_file)
