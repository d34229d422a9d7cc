"""What goes into the frozen app and what is left out: shared by the spec, build.py and the tests.

The rules are data so that the spec filters the bundle, build.py double-checks
the result and a test keeps both honest, all from one list.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

APP_NAME = "Annotator"
# Lower-case command name on Linux; on Windows the windowed launcher is Annotator.exe
# and the console one (for --smoke and the CLI) annotator-cli.exe.
LINUX_EXE = "annotator"
WINDOWS_GUI_EXE = "Annotator"
WINDOWS_CLI_EXE = "annotator-cli"
BUNDLE_ID = "org.annotator.Annotator"
PUBLISHER = "Annotator contributors"
# The Windows installer's AppId: fixed forever, so an upgrade replaces the old install
# instead of adding a second one.
WINDOWS_APP_ID = "6F1B7C2E-4E0A-4C5B-9B7D-2A1E8F3C9D41"
MACOS_MIN_VERSION = "11.0"

# Imported by nothing the app runs, or only by optional extras and the test suite.
# Leaving them out keeps the bundle small and start-up quick.
EXCLUDED_MODULES = [
    "pkg_resources",
    # Annotator never goes online; ssl only comes in through stdlib modules it does not use.
    "ssl",
    "_ssl",
    # hashlib then uses CPython's built-in SHA-2/MD5/BLAKE2, which is all the app
    # needs (content hashes), and OpenSSL's libcrypto (5 MB) stays out.
    "_hashlib",
    "setuptools",
    "distutils",
    "tkinter",
    "unittest",
    "pydoc",
    "pydoc_data",
    "lib2to3",
    "test",
    "pytest",
    "_pytest",
    "pytestqt",
    "IPython",
    # Optional extras (spaCy export, Hugging Face datasets) and their heavy dependencies.
    "spacy",
    "thinc",
    "datasets",
    "pyarrow",
    "pandas",
    "torch",
    "huggingface_hub",
    "matplotlib",
    # jieba's unused extras: keyword extraction and the Paddle LAC model.
    "jieba.analyse",
    "jieba.lac_small",
    "jieba.__main__",
    "paddle",
    # Qt modules the app does not use (PySide6-Essentials ships them anyway).
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtDBus",
    "PySide6.QtConcurrent",
    "PySide6.QtPrintSupport",
    "PySide6.QtXml",
    "PySide6.Qt3DCore",
    "PySide6.QtMultimedia",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
]

# Sources under resources/ that stay behind (translation sources and the like).
UNBUNDLED_SUFFIXES = (".ts", ".pro", ".py")
# Files from elsewhere in the repository, by their place in the bundle.
EXTRA_DATA_FILES = {"docs/guidelines.md": "resources/guidelines.md"}

# jieba's runtime data. On CPython the HMM tables of finalseg and posseg are Python
# modules (prob_*.py, char_state_tab.py) compiled into the archive; the .p pickles
# beside them are only read on Jython, so only the dictionary travels as a data file.
JIEBA_DATA_FILES = ["dict.txt"]
JIEBA_TABLE_MODULES = [
    "jieba.finalseg.prob_start",
    "jieba.finalseg.prob_trans",
    "jieba.finalseg.prob_emit",
    "jieba.posseg.char_state_tab",
    "jieba.posseg.prob_start",
    "jieba.posseg.prob_trans",
    "jieba.posseg.prob_emit",
    "jieba.posseg.viterbi",
]

# Qt plugins kept, by folder; anything else under plugins/ is dropped. Globs match the
# file name without the platform prefix and suffix (libqxcb.so, qxcb.dll, libqxcb.dylib).
QT_PLUGINS_KEPT = {
    # xcb covers X11 and Wayland sessions (through XWayland); offscreen runs CI and --smoke.
    "platforms": ["qxcb", "qwindows", "qcocoa", "qoffscreen", "qminimal"],
    "imageformats": ["qico", "qjpeg", "qsvg", "qgif", "qicns"],
    "iconengines": ["qsvgicon"],
    # Native file dialogs on GNOME/KDE through the desktop portal.
    # qgtk3 is left out on purpose: it would bundle this machine's cairo and pango
    # next to the user's GTK, a classic source of crashes.
    "platformthemes": ["qxdgdesktopportal"],
    # Chinese input methods on Linux (IBus; fcitx ships its own plugin with the desktop).
    "platforminputcontexts": ["ibusplatforminputcontextplugin", "composeplatforminputcontextplugin"],
    "styles": ["qmodernwindowsstyle", "qwindowsvistastyle", "qmacstyle"],
    "xcbglintegrations": ["qxcb-glx-integration"],
}
# Qt's own translations: only those matching the app's languages.
QT_TRANSLATIONS_KEPT = ["qt_zh_CN.qm", "qt_zh_TW.qm", "qtbase_zh_CN.qm", "qtbase_zh_TW.qm"]

# Qt libraries only the dropped plugins or modules use. Dropping a plugin does not drop the
# libraries it dragged in (the virtual keyboard plugin alone brings Quick, Qml and
# Network), so they are named here; on Linux the reachability pass below also
# catches the system libraries such plugins brought.
QT_LIBRARIES_DROPPED = [
    "Qt6Network",
    "Qt6Qml*",
    "Qt6Quick*",
    "Qt6OpenGL*",
    "Qt6Pdf*",
    "Qt6VirtualKeyboard*",
    "Qt6Wayland*",
    "Qt6WlShellIntegration",
    "Qt6EglFS*",
    "Qt6EglFs*",
    "Qt6Designer*",
    "Qt6Help",
    "Qt6Sql",
    "Qt6Test",
    "Qt6PrintSupport",
    "Qt6Labs*",
    "Qt6ShaderTools",
    "Qt6Lottie",
]

# Other files PySide6's hooks bring that a widgets app never loads.
OTHER_DROPPED = [
    "opengl32sw.dll",  # Windows: 20 MB software OpenGL, for Qt Quick and OpenGL widgets only
]

_PLUGIN_RE = re.compile(r"(?:^|/)PySide6/(?:Qt/)?plugins/([^/]+)/(?:lib)?([^/]+?)\.(?:so|dll|dylib)$")
_TRANSLATION_RE = re.compile(r"(?:^|/)PySide6/(?:Qt/)?translations/([^/]+\.qm)$")
# libQt6Gui.so.6 (Linux), Qt6Gui.dll (Windows), QtGui.framework/... (macOS)
_QT_LIB_RE = re.compile(r"^(?:lib)?(Qt6[A-Za-z0-9]+)(?:\.so(?:\.[0-9.]+)?|\.dll)$")
_QT_FRAMEWORK_RE = re.compile(r"(?:^|/)Qt([A-Za-z0-9]+)\.framework(?:/|$)")


def _normalise(dest: str) -> str:
    return dest.replace("\\", "/")


def qt_library_name(dest: str) -> str | None:
    """'PySide6/Qt/lib/libQt6Quick.so.6' -> 'Qt6Quick'; 'PySide6/Qt/lib/QtQuick.framework/...' -> 'Qt6Quick'."""
    dest = _normalise(dest)
    framework = _QT_FRAMEWORK_RE.search(dest)
    if framework:
        return "Qt6" + framework.group(1)
    match = _QT_LIB_RE.match(dest.rsplit("/", 1)[-1])
    return match.group(1) if match else None


def is_qt_plugin(dest: str) -> bool:
    return bool(_PLUGIN_RE.search(_normalise(dest)))


def keep(dest: str) -> bool:
    """Whether a file at ``dest`` (its path inside the bundle) belongs in the frozen app."""
    dest = _normalise(dest)
    plugin = _PLUGIN_RE.search(dest)
    if plugin:
        folder, stem = plugin.groups()
        return any(fnmatch.fnmatch(stem, pattern) for pattern in QT_PLUGINS_KEPT.get(folder, []))
    translation = _TRANSLATION_RE.search(dest)
    if translation:
        return translation.group(1) in QT_TRANSLATIONS_KEPT
    if dest.startswith("jieba/"):
        return dest.rsplit("/", 1)[-1] in JIEBA_DATA_FILES and dest.count("/") == 1
    if dest.rsplit("/", 1)[-1].lower() in OTHER_DROPPED:
        return False
    library = qt_library_name(dest)
    if library:
        return not any(fnmatch.fnmatch(library, pattern) for pattern in QT_LIBRARIES_DROPPED)
    return True


def keep_entry(entry: tuple[str, str, str], kept_dests: set[str] | None = None) -> bool:
    """keep() for a PyInstaller TOC entry; a symlink goes with the file it points to."""
    dest, target, typecode = entry
    if typecode == "SYMLINK":
        pointed = _normalise(str(PurePosixPath(_normalise(dest)).parent / _normalise(target)))
        pointed = posixpath.normpath(pointed)
        if not keep(pointed):
            return False
        return kept_dests is None or pointed in kept_dests
    return keep(dest)


def _library_key(name: str) -> str:
    """How a library is named by those that import it: its base name (case-folded on Windows)."""
    base = _normalise(name).rsplit("/", 1)[-1]
    framework = _QT_FRAMEWORK_RE.search(_normalise(name))
    if framework:
        return "Qt" + framework.group(1)
    return base.lower() if base.lower().endswith(".dll") else base


def unreachable_libraries(
    binaries: list[tuple[str, str, str]],
    imports_of: Callable[[str], Iterable[str]],
) -> set[str]:
    """Destinations of dependency libraries that nothing kept imports any more.

    Roots are what Python loads itself: extension modules, Qt plugins and the
    Python library. Libraries (typecode BINARY) reachable from them through
    their link-time imports stay; the rest were brought by something filtered out.
    """
    by_key: dict[str, list[tuple[str, str]]] = {}
    roots: list[str] = []
    for dest, source, typecode in binaries:
        if typecode == "SYMLINK":
            continue
        base = _normalise(dest).rsplit("/", 1)[-1]
        if typecode != "BINARY" or is_qt_plugin(dest) or re.match(r"(lib)?python[0-9.]*", base, re.I):
            roots.append(source)
        else:
            by_key.setdefault(_library_key(dest), []).append((dest, source))
    reached: set[str] = set()
    queue = list(roots)
    seen_sources: set[str] = set()
    while queue:
        source = queue.pop()
        if source in seen_sources:
            continue
        seen_sources.add(source)
        for name in imports_of(source):
            key = _library_key(name)
            for dest, lib_source in by_key.get(key, []):
                if dest not in reached:
                    reached.add(dest)
                    queue.append(lib_source)
    return {dest for entries in by_key.values() for dest, _ in entries} - reached
