"""Every third-party module the suite imports is installed by the README's test command.

CI installs ``pip install -e ".[test]"`` into a fresh environment, so a package that is only
present in a developer's environment breaks collection there and nowhere else (it happened:
``hypothesis`` was imported by two test modules but declared nowhere). This test reads the
imports of the suite, the app and the benchmarks, and checks each third-party one against
the closure of the project's dependencies plus its ``test`` extra.
"""

from __future__ import annotations

import ast
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement  # pytest's own dependency
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
# Code that runs in the peers' own environments (.ci/run builds them), not in ours.
OTHER_ENVIRONMENTS = {ROOT / "tests" / "peer_consumers"}
# Imports guarded where they are made: optional extras, or fallbacks for a missing platform feature.
GUARDED = {"psutil", "pyinstrument", "PyInstaller", "jieba_fast"}


def _name(requirement: str) -> str:
    return canonicalize_name(Requirement(requirement).name)


def _applies(requirement: str) -> bool:
    """Whether a requirement's environment marker holds here, with no extra asked for."""
    marker = Requirement(requirement).marker
    return marker is None or marker.evaluate({"extra": ""})


def _project_requirements() -> list[str]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project["dependencies"]) + list(project["optional-dependencies"]["test"])


def _declared() -> set[str]:
    """What the project names itself, whatever the environment markers (``tomli`` on Python 3.10 only)."""
    return {_name(r) for r in _project_requirements()}


def _installed_closure() -> set[str]:
    """Distribution names that ``pip install -e ".[test]"`` installs here, transitively."""
    pending = [r for r in _project_requirements() if _applies(r)]
    seen: set[str] = set()
    while pending:
        name = _name(pending.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        pending += [r for r in requires if _applies(r)]
    return seen


def _top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _python_files() -> list[Path]:
    files = []
    for folder in ("annotator", "tests", "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if not any(other in path.parents for other in OTHER_ENVIRONMENTS):
                files.append(path)
    return files


def _local_modules() -> set[str]:
    """Modules of the suite, the benchmarks and the build scripts that import each other by name
    (``harness``, ``review_projects``, ``bundle_policy``)."""
    names: set[str] = set()
    for folder in ("tests", "benchmarks", "build"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix == ".py":
                names.add(path.stem)
            elif path.is_dir():
                names.add(path.name)
    return names


def test_every_third_party_import_is_declared() -> None:
    local = _local_modules()
    providers = metadata.packages_distributions()
    installed = _installed_closure() | _declared()
    undeclared: dict[str, list[str]] = {}
    for path in _python_files():
        for module in _top_level_imports(path):
            if module in sys.stdlib_module_names or module in GUARDED or module == "annotator":
                continue
            if module not in providers and module in local:
                continue  # a sibling module of the suite or the benchmarks
            # a module not installed here (tomli on Python 3.11) is known by its own name
            distributions = {canonicalize_name(d) for d in providers.get(module, [module])}
            if not distributions & installed:
                undeclared.setdefault(module, []).append(str(path.relative_to(ROOT)))
    assert not undeclared, (
        "imported but not installed by `pip install -e \".[test]\"`: "
        + "; ".join(f"{m} (in {', '.join(files[:3])})" for m, files in sorted(undeclared.items()))
    )


def test_the_check_notices_an_undeclared_import(tmp_path: Path) -> None:
    """The closure is not vacuous: a package we do not declare is outside it."""
    installed = _installed_closure()
    assert "hypothesis" in installed and "pyside6-essentials" in installed
    for outsider in ("pyinstaller", "pyinstrument", "label-studio-sdk", "django"):
        assert outsider not in installed


@pytest.mark.parametrize("requirement, expected", [
    ("tomli>=2.0; python_version < '3.11'", sys.version_info < (3, 11)),
    ("pytest; extra == 'test'", False),
    ("rjieba>=0.2.2", True),
])
def test_markers_are_read(requirement: str, expected: bool) -> None:
    assert _applies(requirement) is expected
