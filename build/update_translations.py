"""Refresh the interface translations: collect the strings from annotator/ui, then compile them.

    python build/update_translations.py            # update the .ts files and compile the .qm files
    python build/update_translations.py --check    # also fail if any string lacks a translation

Steps:

0. The bundled label schema's descriptions (``resources/label_schema.toml``) are written
   into ``annotator/ui/bundled_schema_texts.py`` so that lupdate finds them
   (``annotator/ui/schema_texts.py`` says why).
1. ``pyside6-lupdate`` reads every ``self.tr(...)`` and
   ``QCoreApplication.translate(...)`` in ``annotator/ui/*.py`` and merges
   them into ``resources/translations/annotator_zh_CN.ts``. New strings
   arrive untranslated ("unfinished"); strings gone from the code are kept,
   marked vanished, so their translation can be reused if they come back.
   ``annotator_en.ts`` takes the plural forms only ("%n entities").
2. Translate the new strings: open the .ts in Qt Linguist
   (``pyside6-linguist resources/translations/annotator_zh_CN.ts``) or edit
   the XML; mark each one finished.
3. Run this script again: ``pyside6-lrelease`` compiles the .ts files into
   the ``.qm`` files the app loads (``annotator/ui/i18n.py``). The .qm files
   are checked in, so a fresh checkout and the installer need no Qt tools.

Qt's own strings (standard buttons, file dialogs) come from the
``qtbase_zh_CN.qm`` that ships with PySide6; nothing to do here for them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "annotator" / "ui"
TRANSLATIONS = REPO / "resources" / "translations"
# language -> lupdate options; English needs only its plural forms
LANGUAGES = {"zh_CN": [], "en": ["-pluralonly"]}
BUNDLED_SCHEMA = REPO / "resources" / "label_schema.toml"
BUNDLED_SCHEMA_TEXTS = SOURCES / "bundled_schema_texts.py"


def tool(name: str) -> str:
    """A PySide6 tool next to this Python (a virtual environment) or on PATH."""
    for candidate in (Path(sys.executable).parent / name, Path(sys.executable).parent / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 (pip install PySide6-Essentials) in this environment")
    return found


def source_files() -> list[str]:
    # lupdate finds Python sources only when they are named one by one.
    return [str(path.relative_to(REPO)) for path in sorted(SOURCES.rglob("*.py"))]


def bundled_schema_texts() -> str:
    """The source of ``annotator/ui/bundled_schema_texts.py``: every description of the bundled schema."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    schema = tomllib.loads(BUNDLED_SCHEMA.read_text(encoding="utf-8"))
    texts = [
        label["description"]
        for kind in ("entities", "relations", "document_labels")
        for label in schema.get(kind, [])
        if label.get("description")
    ]
    lines = [
        '"""The bundled label schema\'s descriptions, for the translation files.',
        "",
        "Written by build/update_translations.py from resources/label_schema.toml; do not edit.",
        "annotator/ui/schema_texts.py says why they are translated.",
        '"""',
        "",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP",
        "",
        "TEXTS = (",
        *(f"    QT_TRANSLATE_NOOP(\"LabelSchema\", {json.dumps(text, ensure_ascii=False)})," for text in texts),
        ")",
        "",
    ]
    return "\n".join(lines)


def update(language: str, options: list[str]) -> Path:
    ts = TRANSLATIONS / f"annotator_{language}.ts"
    command = [tool("pyside6-lupdate"), *options, "-locations", "none", *source_files(), "-ts", str(ts)]
    subprocess.run(command, cwd=REPO, check=True)
    return ts


def reuse_translations(ts: Path) -> int:
    """Fill untranslated strings from finished translations of the same text elsewhere in ``ts``.

    When code moves a string to another class (another context), lupdate
    files it as new and keeps the old one as vanished; the words have not
    changed, so neither does their translation.
    """
    tree = ElementTree.parse(ts)
    known: dict[tuple[str, bool], ElementTree.Element] = {}
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") == "unfinished":
            continue
        numerus = message.get("numerus") == "yes"
        filled = any(f.text for f in translation.iter("numerusform")) if numerus else bool(translation.text)
        if filled:
            known.setdefault((message.findtext("source") or "", numerus), translation)
    reused = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        numerus = message.get("numerus") == "yes"
        source = known.get((message.findtext("source") or "", numerus))
        if source is None:
            continue
        translation.attrib.pop("type", None)
        translation.text = source.text
        for child in list(translation):
            translation.remove(child)
        for form in source.iter("numerusform"):
            copy = ElementTree.SubElement(translation, "numerusform")
            copy.text = form.text
        reused += 1
    if reused:
        body = ElementTree.tostring(tree.getroot(), encoding="unicode")
        ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return reused


def release(ts: Path) -> Path:
    qm = ts.with_suffix(".qm")
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], cwd=REPO, check=True)
    return qm


def untranslated(ts: Path) -> list[str]:
    """Source texts in ``ts`` (vanished and obsolete ones aside) without a finished translation."""
    missing = []
    for context in ElementTree.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            forms = [f.text for f in translation.iter("numerusform")] if translation is not None else []
            text = translation.text if translation is not None else None
            empty = not any(forms) if message.get("numerus") == "yes" else not (text or "").strip()
            if kind == "unfinished" or empty:
                missing.append(f"{ts.name}: [{name}] {message.findtext('source')}")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail when a string has no translation")
    parser.add_argument("--no-update", action="store_true", help="only compile the .ts files as they are")
    args = parser.parse_args()
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    if not args.no_update:
        BUNDLED_SCHEMA_TEXTS.write_text(bundled_schema_texts(), encoding="utf-8")
    for language, options in LANGUAGES.items():
        ts = TRANSLATIONS / f"annotator_{language}.ts"
        if not args.no_update:
            ts = update(language, options)
            reused = reuse_translations(ts)
            if reused:
                print(f"{ts.name}: {reused} string(s) took the translation of the same text elsewhere")
                update(language, options)  # back to lupdate's own layout
        release(ts)
        problems += untranslated(ts)
    if problems:
        print(f"{len(problems)} string(s) still need a translation:")
        for problem in problems:
            print(f"  {problem}")
        return 1 if args.check else 0
    print("every string is translated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
