"""The type checker and the linter over the code, as CI runs them (settings in pyproject.toml).

A call to a function that does not exist, an attribute of a module that has none, a
``None`` that reaches a call: each is an error here before it is a crash in a user's
window. The tools are pinned in the ``test`` extra, so a new release cannot fail CI.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINTED = ["annotator", "tests", "benchmarks", "build", "docs"]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("tool", ["mypy", "ruff"])
def test_tool_is_installed(tool: str) -> None:
    result = _run(tool, "--version")
    assert result.returncode == 0, f"{tool} is missing from the test extra: {result.stderr}"


def test_type_checker_finds_nothing() -> None:
    result = _run("mypy")  # files and settings: [tool.mypy] in pyproject.toml
    assert result.returncode == 0, result.stdout + result.stderr


def test_linter_finds_nothing() -> None:
    result = _run("ruff", "check", "--no-cache", *LINTED)
    assert result.returncode == 0, result.stdout + result.stderr
