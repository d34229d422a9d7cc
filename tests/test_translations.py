"""The interface translations: every string translated, placeholders kept, compiled files current."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TRANSLATIONS = REPO / "resources" / "translations"
TS_FILES = sorted(TRANSLATIONS.glob("annotator_*.ts"))
PLACEHOLDER = re.compile(r"%(?:\d|n)")


def load_script():
    spec = importlib.util.spec_from_file_location("update_translations", REPO / "build" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def live_messages(ts: Path):
    for context in ElementTree.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            yield context.findtext("name"), message, translation


def test_both_languages_are_there():
    assert {ts.stem for ts in TS_FILES} == {"annotator_zh_CN", "annotator_en"}
    assert sum(1 for _ in live_messages(TRANSLATIONS / "annotator_zh_CN.ts")) > 300


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_string_is_translated(ts):
    missing = load_script().untranslated(ts)
    assert not missing, f"{len(missing)} untranslated; run build/update_translations.py and translate:\n" + \
        "\n".join(missing[:40])


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_translations_keep_the_placeholders(ts):
    wrong = []
    for context, message, translation in live_messages(ts):
        source = message.findtext("source") or ""
        wanted = sorted(set(PLACEHOLDER.findall(source)) - {"%n"})
        texts = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for text in texts:
            if sorted(set(PLACEHOLDER.findall(text)) - {"%n"}) != wanted:
                wrong.append(f"[{context}] {source!r} -> {text!r}")
    assert not wrong, "\n".join(wrong)


def test_no_string_lost_its_context():
    """A string filed under an empty context is never found at run time (lupdate could not tell the class)."""
    lost = [(name, message.findtext("source")) for name, message, _ in live_messages(TRANSLATIONS / "annotator_zh_CN.ts")
            if not name or (not name[0].isupper() and not name.startswith("_"))]
    assert not lost, (
        "strings lupdate could not place in a class (e.g. through `tr = window.tr`), so no translation is ever "
        "found for them; call self.tr(...) or QCoreApplication.translate('Class', ...) directly:\n"
        + "\n".join(f"  [{name}] {source}" for name, source in lost[:30])
    )


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_compiled_files_are_current(ts, tmp_path):
    lrelease = load_script().tool("pyside6-lrelease")
    fresh = tmp_path / ts.with_suffix(".qm").name
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == ts.with_suffix(".qm").read_bytes(), \
        f"{ts.with_suffix('.qm').name} is older than {ts.name}: run build/update_translations.py"


def test_the_bundled_schemas_descriptions_are_collected_for_translation():
    """annotator/ui/bundled_schema_texts.py is what the script writes from resources/label_schema.toml."""
    script = load_script()
    written = (REPO / "annotator" / "ui" / "bundled_schema_texts.py").read_text(encoding="utf-8")
    assert written == script.bundled_schema_texts(), "run build/update_translations.py"
    assert "A person's name, including names in bylines" in written
