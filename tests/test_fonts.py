"""The bundled CJK font: registered only where the system has none, and then Chinese renders with it.

Font discovery happens once per process, so each scenario runs in a fresh
interpreter with its own fontconfig setup (Linux; elsewhere the OS decides).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.ui import fonts

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="fontconfig decides the fonts only on Linux"
)

PROBE = """
import json
from PySide6.QtWidgets import QApplication
from annotator.ui import fonts
app = QApplication([])
before = fonts.han_render_family()
status = fonts.ensure_cjk_font()
again = fonts.ensure_cjk_font()
print(json.dumps({
    "system": fonts.system_cjk_families(),
    "before": before,
    "family": status.family,
    "bundled": status.bundled,
    "same_status": again is status,
    "after": fonts.han_render_family(),
}))
"""


def _fontconfig(tmp_path: Path, font_dirs: list[Path]) -> Path:
    dirs = "".join(f"<dir>{d}</dir>" for d in font_dirs)
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig>{dirs}<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return conf


def _probe(tmp_path: Path, font_dirs: list[Path]) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(_fontconfig(tmp_path, font_dirs))}
    completed = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_the_bundled_font_and_its_licence_ship_with_the_app():
    path = fonts.bundled_font_path()
    assert path.is_file() and path.stat().st_size > 1_000_000
    licence = path.with_name("LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")
    assert "Apache License" in licence and "WenQuanYi" in licence


def test_without_a_cjk_font_the_bundled_one_is_registered_and_renders_chinese(tmp_path: Path):
    result = _probe(tmp_path, [])
    assert result["before"] is None  # the machine really has no CJK font: Chinese would be boxes
    assert result["bundled"] is True
    assert result["family"] == "WenQuanYi Micro Hei"
    assert result["system"] == []  # our font is not mistaken for a system one
    assert result["same_status"] is True
    assert result["after"] is not None and result["after"].lower() == "wenquanyi micro hei"


def test_a_system_cjk_font_is_used_as_is(tmp_path: Path):
    # A "system" font folder holding a CJK font: nothing is registered.
    system_fonts = tmp_path / "system-fonts"
    system_fonts.mkdir()
    (system_fonts / "cjk.ttc").symlink_to(fonts.bundled_font_path())
    result = _probe(tmp_path, [system_fonts])
    assert result["bundled"] is False
    assert result["family"] in result["system"]
    assert result["before"] is not None


def test_ensure_cjk_font_needs_an_application():
    code = "from annotator.ui import fonts\ntry:\n    fonts.ensure_cjk_font()\nexcept RuntimeError as e:\n    print(e)"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "needs a QApplication" in completed.stdout
