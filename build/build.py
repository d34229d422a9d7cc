"""Build Annotator's desktop app and its installer for the platform this runs on.

    python build/build.py                 # app + installer, into dist/
    python build/build.py --smoke         # ... and run the frozen app's --smoke
    python build/build.py --no-installer --smoke    # what CI does on Linux

Steps: render the icons, run PyInstaller on build/annotator.spec, check the
bundle holds what it must and nothing it should not, report its size (and fail
above the budget on Linux), run ``--smoke`` in it, then make the installer
(Inno Setup on Windows, a signed and notarized .dmg on macOS when credentials
are set, a tarball on Linux). Needs the ``build`` extra: pip install -e ".[build]".
See docs/building.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

BUILD_DIR = Path(__file__).resolve().parent
REPO = BUILD_DIR.parent
sys.path.insert(0, str(BUILD_DIR))

import bundle_check  # noqa: E402
import bundle_installers  # noqa: E402
from bundle_icons import render_icons  # noqa: E402

DEFAULT_DIST = REPO / "dist"
WORK_DIR = REPO / "build" / "work"  # ignored by git
SPEC = BUILD_DIR / "annotator.spec"
LINUX_BUDGET_MB = 150


def note(message: str) -> None:
    print(f"build: {message}", flush=True)


def app_version() -> str:
    sys.path.insert(0, str(REPO))
    from annotator import __version__

    return __version__


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=DEFAULT_DIST, help="output folder (default: dist/)")
    parser.add_argument("--smoke", action="store_true", help="run the frozen app's --smoke after building")
    parser.add_argument("--no-installer", action="store_true", help="stop after the onedir app")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first (slower)")
    parser.add_argument(
        "--max-mb",
        type=float,
        default=LINUX_BUDGET_MB if sys.platform.startswith("linux") else None,
        help=f"fail if the app is larger (default: {LINUX_BUDGET_MB} on Linux, no limit elsewhere)",
    )
    return parser.parse_args(argv)


def run_pyinstaller(dist: Path, icons_dir: Path, version_file: Path | None, clean: bool) -> None:
    env = dict(os.environ, ANNOTATOR_ICON_DIR=str(icons_dir))
    if version_file:
        env["ANNOTATOR_VERSION_FILE"] = str(version_file)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(WORK_DIR / "pyinstaller"), str(SPEC)]
    if clean:
        command.insert(3, "--clean")
    note("$ " + " ".join(command))
    subprocess.run(command, check=True, env=env, cwd=REPO)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    dist: Path = args.dist.resolve()
    version = app_version()
    timings: dict[str, float] = {}
    started = time.monotonic()

    def step(name: str, since: float) -> float:
        timings[name] = round(time.monotonic() - since, 1)
        return time.monotonic()

    app = bundle_check.frozen_app(dist)
    if app.root.exists():
        shutil.rmtree(app.root)  # never ship leftovers from an earlier build
    t = time.monotonic()
    icons = render_icons(WORK_DIR / "icons")
    version_file = (
        bundle_installers.windows_version_file(WORK_DIR / "version_info.txt", version)
        if sys.platform == "win32"
        else None
    )
    t = step("icons", t)
    run_pyinstaller(dist, WORK_DIR / "icons", version_file, args.clean)
    t = step("pyinstaller", t)

    problems = bundle_check.check_bundle(app)
    if problems:
        for problem in problems:
            note(f"PROBLEM {problem}")
        note(f"the bundle in {app.root} is incomplete or holds what it should not; see build/bundle_policy.py")
        return 1
    size = bundle_check.tree_size(app.root)
    note(f"{app.root} is {bundle_check.megabytes(size)}; largest parts:")
    for name, part in bundle_check.size_breakdown(app):
        print(f"    {bundle_check.megabytes(part):>9}  {name}")
    if args.max_mb is not None and size > args.max_mb * 1_000_000:
        note(f"FAILED: {bundle_check.megabytes(size)} is over the {args.max_mb:.0f} MB budget")
        return 1

    smoke_ok = None
    if args.smoke:
        t = time.monotonic()
        # On Linux, with every system font hidden: Chinese must render with the bundled font.
        smoke = bundle_check.run_frozen_smoke(app, hide_system_fonts=sys.platform.startswith("linux"))
        t = step("smoke", t)
        print(smoke.output, end="" if smoke.output.endswith("\n") else "\n", flush=True)
        smoke_ok = smoke.ok
        if smoke.written_next_to_app:
            note(f"FAILED: the app wrote inside its own folder: {', '.join(smoke.written_next_to_app)}")
        if not smoke.ok:
            note(f"FAILED: the frozen app's --smoke exited {smoke.returncode}")
            return 1

    installer = None
    if not args.no_installer:
        t = time.monotonic()
        installer = bundle_installers.make_installer(app, dist, version, icons)
        t = step("installer", t)
        if installer:
            note(f"installer: {installer} ({bundle_check.megabytes(installer.stat().st_size)})")

    timings["total"] = round(time.monotonic() - started, 1)
    summary = {
        "version": version,
        "platform": sys.platform,
        "app": str(app.root),
        "app_bytes": size,
        "installer": str(installer) if installer else None,
        "installer_bytes": installer.stat().st_size if installer else None,
        "smoke_passed": smoke_ok,
        "seconds": timings,
    }
    (dist / "build-summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    note("done in " + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
