"""``annotator --smoke``: passes on a working install, in-process and as a command; fails loudly when a part breaks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.platform import app_paths
from annotator.cli.main import main
from annotator.cli.smoke import CHECKS

CHECK_NAMES = [name for name, _, _ in CHECKS]
REQUIRED_CHECKS = ["qt", "jieba", "workers", "database", "import", "candidates", "export", "learning", "window"]
# A fontconfig setup with no fonts at all: a machine with no CJK font, made on demand.
EMPTY_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


def _lines_by_check(output: str) -> dict[str, str]:
    lines = {}
    for line in output.splitlines():
        parts = line.split(maxsplit=2)
        if len(parts) >= 2 and parts[1] in CHECK_NAMES:
            lines[parts[1]] = line
    return lines


@pytest.fixture(autouse=True)
def jieba_cache_in_this_home(annotator_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """jieba is configured once per process; point it at this test's user folders as a new process would."""
    from annotator.text.segmenter import import_jieba

    jieba = import_jieba()
    monkeypatch.setattr(jieba.dt, "tmp_dir", str(app_paths.cache_dir()))
    monkeypatch.setattr(jieba.dt, "cache_file", str(app_paths.cache_dir() / "jieba.cache"))


def test_the_smoke_covers_what_a_packaged_build_must_prove():
    assert CHECK_NAMES == REQUIRED_CHECKS


def test_smoke_passes_in_process(capsys):
    assert main(["--smoke"]) == 0
    output = capsys.readouterr().out
    lines = _lines_by_check(output)
    assert set(lines) == set(REQUIRED_CHECKS)
    assert all(line.startswith("ok ") for line in lines.values()), output
    assert f"smoke: {len(REQUIRED_CHECKS)} passed, 0 failed, 0 skipped" in output.splitlines()
    assert re.search(r"-> \d+ articles?$", lines["import"])
    assert "read back" in lines["export"]
    assert re.search(r"model version 1 trained on \d+ documents .* \d+ suggestions? from it$", lines["learning"])


def test_a_broken_part_fails_the_smoke_and_skips_what_depends_on_it(capsys, monkeypatch, tmp_path: Path):
    empty = tmp_path / "no-seeds"
    empty.mkdir()
    monkeypatch.setattr(app_paths, "seeds_dir", lambda: empty)
    assert main(["--smoke"]) == 1
    output = capsys.readouterr().out
    lines = _lines_by_check(output)
    assert lines["import"].startswith("FAIL") and "no-seeds" in lines["import"]
    assert lines["candidates"].startswith("skip") and "needs import" in lines["candidates"]
    assert lines["export"].startswith("skip")
    assert lines["learning"].startswith("skip") and "needs candidates" in lines["learning"]
    assert lines["window"].startswith("skip") and "needs import" in lines["window"]
    assert lines["database"].startswith("ok")
    assert "smoke: 4 passed, 1 failed, 4 skipped" in output.splitlines()


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig decides the fonts only on Linux")
def test_smoke_command_passes_on_a_machine_without_cjk_fonts(tmp_path: Path):
    fonts_conf = tmp_path / "fonts.conf"
    fonts_conf.write_text(EMPTY_FONTCONFIG.format(cache=tmp_path / "fc-cache"), encoding="utf-8")
    env = {
        **os.environ,
        "ANNOTATOR_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
        "FONTCONFIG_FILE": str(fonts_conf),
    }
    completed = subprocess.run(
        [sys.executable, "-m", "annotator", "--smoke"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    lines = _lines_by_check(completed.stdout)
    assert set(lines) == set(REQUIRED_CHECKS)
    assert "WenQuanYi Micro Hei (bundled)" in lines["qt"]
    # A fresh process keeps jieba's cache in the user's cache folder, never beside the code.
    cache = tmp_path / "home" / "cache" / "jieba.cache"
    assert f"cache {cache}" in lines["jieba"] and cache.is_file()
    assert completed.stdout.splitlines()[-1] == f"smoke: {len(REQUIRED_CHECKS)} passed, 0 failed, 0 skipped"
