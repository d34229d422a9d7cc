"""The packaging rules in build/: what the frozen app keeps or drops, the bundle check, the installer inputs."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "build"))

import bundle_check  # noqa: E402
import bundle_installers  # noqa: E402
import bundle_policy as policy  # noqa: E402


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/translations/qtbase_zh_TW.qm",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt6Gui.dll",
        "PySide6/Qt/lib/QtCore.framework/Versions/A/QtCore",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "jieba/dict.txt",
        "resources/fonts/wqy-microhei.ttc",
        "seeds/000_d55bd91ce48279e9.txt",
        "libicudata.so.73",
    ],
)
def test_what_the_app_needs_is_kept(dest):
    assert policy.keep(dest)
    assert policy.keep(dest.replace("/", "\\"))  # Windows TOC names


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/plugins/platforms/qdirect2d.dll",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/qmltooling/libqmldbg_tcp.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/translations/qt_help_zh_CN.qm",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "libQt6Network.so.6",
        "PySide6/Qt6Qml.dll",
        "PySide6/Qt/lib/QtWaylandClient.framework/Versions/A/QtWaylandClient",
        "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
        "jieba/finalseg/prob_emit.p",
        "jieba/analyse/idf.txt",
        "jieba/lac_small/model_baseline/crf",
        "PySide6/opengl32sw.dll",
    ],
)
def test_what_the_app_does_not_use_is_dropped(dest):
    assert not policy.keep(dest)


def test_a_symlink_goes_with_its_target():
    kept = {"PySide6/Qt/lib/libQt6Core.so.6"}
    core_link = ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK")
    network_link = ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK")
    assert policy.keep_entry(core_link, kept)
    assert not policy.keep_entry(network_link, kept)
    # A kept name whose target was filtered out would dangle: it goes too.
    assert not policy.keep_entry(core_link, set())


def test_libraries_nothing_kept_imports_are_found():
    binaries = [
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("libxcb-cursor.so.0", "/src/libxcb-cursor.so.0", "BINARY"),
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),  # only the dropped qgtk3 used it
        ("libpixman-1.so.0", "/src/libpixman-1.so.0", "BINARY"),  # ... through cairo
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
        ("libz.so.1", "/src/libz.so.1", "BINARY"),
    ]
    imports = {
        "/src/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/src/libqxcb.so": ["/usr/lib/libxcb-cursor.so.0", "libQt6Gui.so.6"],
        "/src/libQt6Gui.so.6": [],
        "/src/libcairo.so.2": ["libpixman-1.so.0"],
        "/src/libpython3.11.so.1.0": ["libz.so.1"],
    }
    orphans = policy.unreachable_libraries(binaries, lambda source: imports.get(source, []))
    assert orphans == {"libcairo.so.2", "libpixman-1.so.0"}


def test_windows_dll_names_match_whatever_their_case():
    binaries = [
        ("Annotator.pyd", "/src/ext.pyd", "EXTENSION"),
        ("PySide6/Qt6Core.dll", "/src/Qt6Core.dll", "BINARY"),
    ]
    orphans = policy.unreachable_libraries(binaries, lambda source: ["QT6CORE.DLL"] if source == "/src/ext.pyd" else [])
    assert orphans == set()


def test_version_numbers_for_windows_resources():
    assert bundle_installers.windows_version_tuple("0.1.0") == (0, 1, 0, 0)
    assert bundle_installers.windows_version_tuple("1.2.3rc1") == (1, 2, 3, 0)
    assert bundle_installers.windows_version_tuple("2.0") == (2, 0, 0, 0)
    assert bundle_installers.windows_version_tuple("1.2.3.4.5") == (1, 2, 3, 4)


def test_the_version_file_is_a_valid_pyinstaller_version_resource(tmp_path: Path):
    text = bundle_installers.windows_version_file(tmp_path / "v.txt", "1.2.3").read_text(encoding="utf-8")
    assert "filevers=(1, 2, 3, 0)" in text
    compile(text, "v.txt", "eval")  # PyInstaller evaluates it as one expression


def test_the_inno_script_gets_every_value_it_uses():
    script = (REPO / "build" / "windows" / "annotator.iss").read_text(encoding="utf-8")
    used = set(re.findall(r"\{#(\w+)\}", script)) - {"AppName"}  # AppName is defined in the script
    app = bundle_check.frozen_app(Path("dist"), platform="win32")
    given = bundle_installers.inno_defines(app, Path("dist"), "1.0.0", None)
    assert used <= set(given), f"annotator.iss uses {sorted(used - set(given))} that build.py does not pass"
    assert given["GuiExe"] == "Annotator.exe"
    assert re.fullmatch(r"[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}", given["AppId"])


def test_the_linux_desktop_entry_is_filled_in_by_its_installer():
    entry = (REPO / "build" / "linux" / "annotator.desktop").read_text(encoding="utf-8")
    script = (REPO / "build" / "linux" / "install-desktop-entry.sh").read_text(encoding="utf-8")
    assert "@APP_DIR@/annotator" in entry and "@APP_DIR@/annotator.png" in entry
    assert "s|@APP_DIR@|" in script


@pytest.mark.parametrize("platform, gui, cli", [
    ("linux", "Annotator/annotator", "Annotator/annotator"),
    ("win32", "Annotator/Annotator.exe", "Annotator/annotator-cli.exe"),
    ("darwin", "Annotator.app/Contents/MacOS/Annotator", "Annotator.app/Contents/MacOS/Annotator"),
])
def test_where_each_platform_keeps_its_executables(platform, gui, cli):
    app = bundle_check.frozen_app(Path("dist"), platform=platform)
    assert app.gui == Path("dist", gui) and app.cli == Path("dist", cli)


# --- the bundle check on a hand-made bundle ---------------------------------------------


def _fake_bundle(tmp_path: Path) -> bundle_check.FrozenApp:
    app = bundle_check.frozen_app(tmp_path / "dist", platform=sys.platform if sys.platform != "darwin" else "linux")
    internal = app.content_roots[0]
    for relative, source in bundle_check.expected_data_files().items():
        target = internal / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(REPO / source)
    (internal / "jieba").mkdir()
    (internal / "jieba" / "dict.txt").write_text("的 1 uj\n", encoding="utf-8")
    platforms = internal / "PySide6" / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (platforms / "libqxcb.so").write_bytes(b"\x7fELF")
    for exe in {app.gui, app.cli}:
        exe.write_bytes(b"#!")
    return app


def test_a_complete_bundle_passes_the_check(tmp_path: Path):
    assert bundle_check.check_bundle(_fake_bundle(tmp_path)) == []


def test_the_check_names_what_is_missing_or_should_not_be_there(tmp_path: Path):
    app = _fake_bundle(tmp_path)
    internal = app.content_roots[0]
    (internal / "jieba" / "dict.txt").unlink()
    (internal / "resources" / "label_schema.toml").unlink()
    (internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqwayland.so").write_bytes(b"\x7fELF")
    (internal / "libQt6Network.so.6").symlink_to(internal / "PySide6" / "Qt" / "lib" / "libQt6Network.so.6")
    problems = bundle_check.check_bundle(app)
    assert "missing jieba/dict.txt (jieba cannot segment without it)" in problems
    assert "missing resources/label_schema.toml" in problems
    assert any("libqwayland.so should have been left out" in p for p in problems)
    assert any(p.startswith("dangling symlink libQt6Network.so.6") for p in problems)


def test_every_resource_and_seed_page_is_expected_in_the_bundle():
    expected = bundle_check.expected_data_files()
    assert "resources/fonts/wqy-microhei.ttc" in expected
    assert "resources/fonts/LICENSE-wqy-microhei.txt" in expected
    assert "resources/label_schema.toml" in expected
    assert expected["resources/guidelines.md"] == "docs/guidelines.md"  # what the guidelines panel reads
    assert sum(1 for p in expected if p.startswith("seeds/")) == len(list((REPO / "seeds").glob("*.txt")))


def test_a_translation_without_its_compiled_file_is_reported(tmp_path: Path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "resources" / "translations").mkdir(parents=True)
    (repo / "seeds").mkdir()
    (repo / "docs").mkdir()
    (repo / "docs" / "guidelines.md").write_text("# guidelines\n", encoding="utf-8")
    (repo / "resources" / "translations" / "annotator_zh_CN.ts").write_text("<TS/>", encoding="utf-8")
    monkeypatch.setattr(bundle_check, "REPO", repo)
    assert "resources/translations/annotator_zh_CN.ts" not in bundle_check.expected_data_files()
    problems = bundle_check.check_bundle(bundle_check.frozen_app(tmp_path / "dist", platform="linux"))
    assert problems == [f"{tmp_path / 'dist' / 'Annotator'}: no such folder (did PyInstaller run?)"]
    app = _fake_bundle(tmp_path)
    problems = bundle_check.check_bundle(app)
    expected = "missing resources/translations/annotator_zh_CN.qm: compile annotator_zh_CN.ts with pyside6-lrelease"
    assert expected in problems
