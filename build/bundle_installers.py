"""Turning the built app into what users download: a Linux tarball, a Windows installer, a macOS disk image.

Signing and notarizing on macOS happen only when their credentials are in the
environment; otherwise each step says it was skipped and why, and the
unsigned disk image is still produced (fine for testing, not for release).
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import bundle_policy as policy
from bundle_check import FrozenApp

BUILD_DIR = Path(__file__).resolve().parent
REPO = BUILD_DIR.parent

# macOS credentials, all read from the environment (CI secrets), never from files in the repo.
MACOS_SIGN_IDENTITY = "MACOS_CODESIGN_IDENTITY"  # e.g. "Developer ID Application: Org (TEAMID)"
MACOS_NOTARY_VARS = ("MACOS_NOTARY_APPLE_ID", "MACOS_NOTARY_TEAM_ID", "MACOS_NOTARY_PASSWORD")


def note(message: str) -> None:
    print(f"build: {message}", flush=True)


def run(command: list[str], **kwargs) -> None:
    note("$ " + " ".join(command))
    subprocess.run(command, check=True, **kwargs)


def machine_name() -> str:
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)


# --- Linux -----------------------------------------------------------------------------


def linux_tarball(app: FrozenApp, dist: Path, version: str, icon_png: Path | None) -> Path:
    """Annotator-<version>-linux-<arch>.tar.gz: the onedir app plus a desktop entry and its installer."""
    target = dist / f"{policy.APP_NAME}-{version}-linux-{machine_name()}.tar.gz"
    top = policy.APP_NAME
    extras = {
        "annotator.desktop": BUILD_DIR / "linux" / "annotator.desktop",
        "install-desktop-entry.sh": BUILD_DIR / "linux" / "install-desktop-entry.sh",
        "LICENSE.txt": REPO / "LICENSE",
    }
    if icon_png:
        extras["annotator.png"] = icon_png
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(app.root, arcname=top)  # symlinks stay symlinks
        for name, source in extras.items():
            tar.add(source, arcname=f"{top}/{name}")
    return target


# --- Windows ---------------------------------------------------------------------------


def find_iscc() -> Path | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles"), os.environ.get("LOCALAPPDATA")):  # noqa: SIM112 - Windows spells them so
        if base:
            for folder in ("Inno Setup 6", "Programs/Inno Setup 6"):
                candidate = Path(base) / folder / "ISCC.exe"
                if candidate.is_file():
                    return candidate
    return None


def windows_version_tuple(version: str) -> tuple[int, int, int, int]:
    """'1.2.3rc1' -> (1, 2, 3, 0): Windows wants four numbers; a pre-release suffix is dropped."""
    numbers = [int(n) for n in re.match(r"\d+(?:\.\d+)*", version).group(0).split(".")[:4]]  # type: ignore[union-attr]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def windows_version_file(path: Path, version: str) -> Path:
    """The version resource PyInstaller embeds in the .exe (shown in its Properties)."""
    numbers = windows_version_tuple(version)
    dotted = ".".join(map(str, numbers))
    strings = {
        "CompanyName": policy.PUBLISHER,
        "FileDescription": policy.APP_NAME,
        "FileVersion": dotted,
        "InternalName": policy.APP_NAME,
        "LegalCopyright": f"© {policy.PUBLISHER}, MIT licence",
        "OriginalFilename": f"{policy.WINDOWS_GUI_EXE}.exe",
        "ProductName": policy.APP_NAME,
        "ProductVersion": version,
    }
    entries = ",\n            ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
            {entries}])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])]),
  ],
)
""",
        encoding="utf-8",
    )
    return path


def inno_defines(app: FrozenApp, dist: Path, version: str, icon_ico: Path | None) -> dict[str, str]:
    """The /D values build/windows/annotator.iss expects (a test keeps the two in step)."""
    return {
        "AppVersion": version,
        "AppId": policy.WINDOWS_APP_ID,
        "SourceDir": str(app.root),
        "OutputDir": str(dist),
        "OutputBaseName": f"{policy.APP_NAME}-{version}-windows-x64-setup",
        "GuiExe": app.gui.name,
        "IconFile": str(icon_ico) if icon_ico else "compiler:SetupClassicIcon.ico",
        "LicenseFile": str(REPO / "LICENSE"),
    }


def windows_installer(app: FrozenApp, dist: Path, version: str, icon_ico: Path | None) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        note("Windows installer skipped: Inno Setup 6 (ISCC.exe) not found; install it (choco install innosetup)")
        return None
    defines = inno_defines(app, dist, version, icon_ico)
    run([str(iscc), "/Q", *[f"/D{k}={v}" for k, v in defines.items()], str(BUILD_DIR / "windows" / "annotator.iss")])
    installer = dist / f"{defines['OutputBaseName']}.exe"
    if not installer.is_file():
        raise SystemExit(f"ISCC finished but {installer} is not there")
    return installer


# --- macOS -----------------------------------------------------------------------------


def sign_macos_app(app: FrozenApp) -> bool:
    identity = os.environ.get(MACOS_SIGN_IDENTITY)
    if not identity:
        note(
            f"codesign skipped: {MACOS_SIGN_IDENTITY} is not set. The app keeps PyInstaller's ad-hoc "
            "signature: it runs on this Mac, but Gatekeeper will block it on others."
        )
        return False
    entitlements = BUILD_DIR / "macos" / "entitlements.plist"
    # Hardened runtime and a secure timestamp are what notarization requires.
    run(["codesign", "--force", "--deep", "--options", "runtime", "--timestamp",
         "--entitlements", str(entitlements), "--sign", identity, str(app.root)])
    run(["codesign", "--verify", "--deep", "--strict", "--verbose=2", str(app.root)])
    return True


def macos_dmg(app: FrozenApp, dist: Path, version: str) -> Path:
    """A compressed disk image holding the app and a link to /Applications to drag it onto."""
    target = dist / f"{policy.APP_NAME}-{version}-macos-{machine_name()}.dmg"
    staging = dist / "dmg-staging"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    shutil.copytree(app.root, staging / app.root.name, symlinks=True)
    (staging / "Applications").symlink_to("/Applications")
    command = ["hdiutil", "create", "-volname", f"{policy.APP_NAME} {version}", "-srcfolder", str(staging),
               "-ov", "-format", "UDZO", str(target)]
    for attempt in range(1, 6):
        # hdiutil fails now and then with "Resource busy" on CI machines; a retry fixes it.
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode == 0:
            break
        note(f"hdiutil failed (attempt {attempt} of 5): {result.stderr.strip()}")
        time.sleep(attempt * 3)
    else:
        raise SystemExit(f"hdiutil could not create {target}")
    shutil.rmtree(staging)
    identity = os.environ.get(MACOS_SIGN_IDENTITY)
    if identity:
        run(["codesign", "--force", "--timestamp", "--sign", identity, str(target)])
    return target


def notarize_macos(dmg: Path, signed: bool) -> bool:
    missing = [name for name in MACOS_NOTARY_VARS if not os.environ.get(name)]
    if not signed or missing:
        reason = "the app is not signed" if not signed else f"{', '.join(missing)} not set"
        note(f"notarization skipped: {reason}. Users will have to right-click > Open the first time.")
        return False
    apple_id, team_id, password = (os.environ[name] for name in MACOS_NOTARY_VARS)
    # The password is an app-specific password; it goes through the environment, not argv logs.
    note(f"$ xcrun notarytool submit {dmg.name} --wait")
    subprocess.run(
        ["xcrun", "notarytool", "submit", str(dmg), "--apple-id", apple_id, "--team-id", team_id,
         "--password", password, "--wait"],
        check=True,
    )
    run(["xcrun", "stapler", "staple", str(dmg)])
    run(["spctl", "--assess", "--type", "open", "--context", "context:primary-signature", "--verbose", str(dmg)])
    return True


def make_installer(app: FrozenApp, dist: Path, version: str, icons: dict[str, Path]) -> Path | None:
    """The platform's installer for ``app``; None when a required tool is missing (with a note)."""
    if sys.platform == "win32":
        return windows_installer(app, dist, version, icons.get("ico"))
    if sys.platform == "darwin":
        signed = sign_macos_app(app)
        dmg = macos_dmg(app, dist, version)
        notarize_macos(dmg, signed)
        return dmg
    return linux_tarball(app, dist, version, icons.get("png"))
