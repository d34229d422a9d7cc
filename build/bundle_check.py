"""Looking at a built app: where its parts are, whether it holds what it must, how big it is, does it run.

Used by build.py after PyInstaller, by the frozen start-up benchmark and by the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import bundle_policy as policy

REPO = Path(__file__).resolve().parent.parent
SMOKE_TIMEOUT_S = 300


@dataclass(frozen=True)
class FrozenApp:
    """A built app: the folder users get and the executables inside it."""

    root: Path  # dist/Annotator, or dist/Annotator.app on macOS
    gui: Path
    cli: Path  # the same file as gui except on Windows

    @property
    def content_roots(self) -> list[Path]:
        """Where PyInstaller put modules and data (sys._MEIPASS, plus Resources on macOS)."""
        if self.root.suffix == ".app":
            return [self.root / "Contents" / "Frameworks", self.root / "Contents" / "Resources"]
        return [self.root / "_internal"]

    def find(self, relative: str) -> Path | None:
        for base in self.content_roots:
            if (base / relative).exists():
                return base / relative
        return None


def frozen_app(dist: Path, platform: str = sys.platform) -> FrozenApp:
    if platform == "darwin":
        root = dist / f"{policy.APP_NAME}.app"
        exe = root / "Contents" / "MacOS" / policy.APP_NAME
        return FrozenApp(root, exe, exe)
    root = dist / policy.APP_NAME
    if platform == "win32":
        return FrozenApp(root, root / f"{policy.WINDOWS_GUI_EXE}.exe", root / f"{policy.WINDOWS_CLI_EXE}.exe")
    exe = root / policy.LINUX_EXE
    return FrozenApp(root, exe, exe)


# --- contents ------------------------------------------------------------------------


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() or p.is_symlink()]


def expected_data_files() -> dict[str, str]:
    """Every repository file that must travel in the bundle: its place in the bundle -> its path in the repo."""
    wanted = {}
    for folder in ("resources", "seeds"):
        for path in sorted((REPO / folder).rglob("*")):
            if (
                path.is_file()
                and path.suffix not in policy.UNBUNDLED_SUFFIXES
                and "__pycache__" not in path.parts
                and not path.name.startswith(".")
            ):
                relative = path.relative_to(REPO).as_posix()
                wanted[relative] = relative
    for source, dest in policy.EXTRA_DATA_FILES.items():
        wanted[dest] = source
    return wanted


def check_bundle(app: FrozenApp) -> list[str]:
    """What is wrong with a built app; empty when it holds everything and nothing it should not."""
    problems: list[str] = []
    if not app.root.is_dir():
        return [f"{app.root}: no such folder (did PyInstaller run?)"]
    for exe in {app.gui, app.cli}:
        if not exe.is_file():
            problems.append(f"missing executable {exe}")
    for relative, source in expected_data_files().items():
        found = app.find(relative)
        if found is None:
            problems.append(f"missing {relative}")
        elif found.stat().st_size != (REPO / source).stat().st_size:
            problems.append(f"{relative} differs from the repository's {source}")
    for source in sorted((REPO / "resources").rglob("*.ts")):
        compiled = source.with_suffix(".qm").relative_to(REPO).as_posix()
        if app.find(compiled) is None:
            problems.append(f"missing {compiled}: compile {source.name} with pyside6-lrelease")
    for relative in [f"jieba/{name}" for name in policy.JIEBA_DATA_FILES]:
        if app.find(relative) is None:
            problems.append(f"missing {relative} (jieba cannot segment without it)")
    plugin_dirs = [base / "PySide6" / "Qt" / "plugins" / "platforms" for base in app.content_roots]
    plugin_dirs += [base / "PySide6" / "plugins" / "platforms" for base in app.content_roots]
    if not any(d.is_dir() and any(d.iterdir()) for d in plugin_dirs):
        problems.append("no Qt platform plugin (the window could not open)")
    for path in _files(app.root):
        relative = _bundle_relative(app, path)
        if path.is_symlink() and not path.exists():
            problems.append(f"dangling symlink {relative} -> {os.readlink(path)}")
        elif relative is not None and not policy.keep(relative):
            problems.append(f"{relative} should have been left out (build/bundle_policy.py)")
    return problems


def _bundle_relative(app: FrozenApp, path: Path) -> str | None:
    for base in app.content_roots:
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    return None


# --- size ----------------------------------------------------------------------------


def tree_size(root: Path) -> int:
    """Bytes on disk as users get them; symlinks (macOS bundles use many) count as nothing."""
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def size_breakdown(app: FrozenApp, top: int = 12) -> list[tuple[str, int]]:
    """The largest first-level entries of the bundle's content folders."""
    sizes: list[tuple[str, int]] = []
    for base in app.content_roots:
        if not base.is_dir():
            continue
        for entry in base.iterdir():
            if entry.is_symlink():
                continue
            size = tree_size(entry) if entry.is_dir() else entry.stat().st_size
            sizes.append((entry.name, size))
    return sorted(sizes, key=lambda item: -item[1])[:top]


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


# --- running it ----------------------------------------------------------------------


@dataclass(frozen=True)
class SmokeRun:
    returncode: int
    output: str
    written_next_to_app: list[str]

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.written_next_to_app


# fontconfig with no font folders: a machine without a single installed font.
NO_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


def frozen_environment(home: Path, *, hide_system_fonts: bool = False) -> dict[str, str]:
    """The environment a frozen app runs in for checks: its own user folders, no display needed.

    ``hide_system_fonts`` (Linux) makes fontconfig see no fonts at all, so Chinese
    can only render with the font inside the bundle.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["ANNOTATOR_HOME"] = str(home)
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hide_system_fonts and sys.platform.startswith("linux"):
        conf = home / "fonts.conf"
        conf.write_text(NO_FONTS_CONF.format(cache=home / "fontconfig-cache"), encoding="utf-8")
        env["FONTCONFIG_FILE"] = str(conf)
    return env


def run_frozen_smoke(app: FrozenApp, *, hide_system_fonts: bool = False, timeout: float = SMOKE_TIMEOUT_S) -> SmokeRun:
    """Run ``--smoke`` in the built app with fresh user folders; note any file it wrote inside the app."""
    before = {p.relative_to(app.root).as_posix() for p in _files(app.root)}
    with tempfile.TemporaryDirectory(prefix="annotator-frozen-home-") as home:
        # Run from another folder: the working folder of a launched app is anywhere.
        completed = subprocess.run(
            [str(app.cli.resolve()), "--smoke"],
            cwd=home,
            env=frozen_environment(Path(home), hide_system_fonts=hide_system_fonts),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
        )
    after = {p.relative_to(app.root).as_posix() for p in _files(app.root)}
    return SmokeRun(completed.returncode, completed.stdout + completed.stderr, sorted(after - before))
