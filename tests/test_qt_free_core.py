"""The core stays Qt-free: every module outside annotator/ui/ imports without PySide6.

The CLI, the benchmarks and the worker processes use the core without a window; if a
core module pulled in Qt, they would pay for it at start-up and break where Qt cannot
load. The check runs in a fresh interpreter in which importing PySide6 or shiboken6
fails, so an import hidden anywhere in the dependency graph is caught.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import annotator

PACKAGE_DIR = Path(annotator.__file__).resolve().parent

BLOCKER = """
import importlib.abc, importlib.util, sys

class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'PySide6', 'shiboken6'}:
            raise ImportError(f'{name} is not available (Qt-free core check)')
        return None

sys.meta_path.insert(0, NoQt())
failed = []
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f'{name}: {type(exc).__name__}: {exc}')
print('\\n'.join(failed))
sys.exit(1 if failed else 0)
"""


def core_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        relative = path.relative_to(PACKAGE_DIR.parent).with_suffix("")
        parts = relative.parts
        if parts[1:2] == ("ui",) or parts[-1] == "__main__":
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_the_core_modules_are_found():
    modules = core_modules()
    assert "annotator.store.store" in modules and "annotator.cli.main" in modules
    assert not any(name.startswith("annotator.ui") for name in modules)


def test_every_module_outside_the_ui_imports_without_qt():
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER, *core_modules()],
        capture_output=True,
        text=True,
        cwd=PACKAGE_DIR.parent,
        timeout=300,
    )
    assert result.returncode == 0, "modules that need Qt outside annotator/ui/:\n" + result.stdout + result.stderr


def test_the_blocker_really_blocks_qt():
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER, "annotator.ui.main_window"],
        capture_output=True,
        text=True,
        cwd=PACKAGE_DIR.parent,
        timeout=300,
    )
    assert result.returncode == 1 and "PySide6" in result.stdout
