"""Chinese text must render even where the system has no CJK font (common on Linux desktops).

The app calls ``ensure_cjk_font()`` once, right after creating its QApplication.
When no installed font covers Simplified Chinese, it registers the bundled
WenQuanYi Micro Hei (``resources/fonts``, Apache-2.0) and makes it the
fallback for Han script, so every widget renders Chinese without tofu boxes.
Where the system already has a CJK font (Windows, macOS, most desktops) it
changes nothing: the platform's own font looks native and is already there.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextLayout

from annotator.platform import app_paths

log = logging.getLogger(__name__)

BUNDLED_FONT_FILE = "wqy-microhei.ttc"
# A short sample that exercises common Han characters used in news text.
HAN_SAMPLE = "中文新闻标注"


@dataclass(frozen=True)
class CjkFontStatus:
    """Which font renders Chinese, and whether it is ours or the system's."""

    family: str
    bundled: bool

    def describe(self) -> str:
        return f"{self.family} ({'bundled' if self.bundled else 'system'})"


_status: CjkFontStatus | None = None


def bundled_font_path() -> Path:
    return app_paths.resource("fonts", BUNDLED_FONT_FILE)


def system_cjk_families() -> list[str]:
    """Installed font families that declare Simplified Chinese support (our bundled font excluded)."""
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return [family for family in families if family not in _bundled_families]


def ensure_cjk_font() -> CjkFontStatus:
    """Make Chinese render in this QApplication; register the bundled font only if the system has none.

    Idempotent. Raises RuntimeError when there is no QGuiApplication yet, and
    FileNotFoundError / RuntimeError when the bundled font is needed but
    missing or unreadable (a broken installation, which the smoke test catches).
    """
    global _status
    if QGuiApplication.instance() is None:
        raise RuntimeError("ensure_cjk_font() needs a QApplication; create it first")
    if _status is not None:
        return _status
    system = system_cjk_families()
    if system:
        _status = CjkFontStatus(family=system[0], bundled=False)
    else:
        _status = CjkFontStatus(family=_register_bundled_font(), bundled=True)
        log.info("no system CJK font; using the bundled %s", _status.family)
    return _status


_bundled_families: list[str] = []


def _register_bundled_font() -> str:
    path = bundled_font_path()
    if not path.is_file():
        raise FileNotFoundError(f"the bundled Chinese font is missing: {path}")
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        raise RuntimeError(f"Qt could not load the bundled Chinese font {path}")
    families = QFontDatabase.applicationFontFamilies(font_id)
    _bundled_families.extend(families)
    # The collection holds a proportional and a monospaced face; the first is the UI face.
    family = next((f for f in families if "Mono" not in f), families[0])
    # fontconfig (Linux) already falls back to application fonts; elsewhere Qt
    # consults substitutions when the UI font lacks a glyph, so name ours there.
    ui_family = QGuiApplication.font().family()
    QFont.insertSubstitutions(ui_family, [*QFont.substitutes(ui_family), family])
    return family


def han_render_family(font: QFont | None = None, sample: str = HAN_SAMPLE) -> str | None:
    """The font family Qt actually uses to draw ``sample`` in ``font``; None if any glyph is missing."""
    layout = QTextLayout(sample, font or QFont())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    families: list[str] = []
    for run in layout.glyphRuns():
        raw = run.rawFont()
        # With no usable font Qt draws boxes from a built-in engine that has no font
        # tables (and crashes if asked its name); glyph 0 is .notdef, a box too.
        if not raw.isValid() or raw.fontTable("cmap").isEmpty():
            return None
        if any(index == 0 for index in run.glyphIndexes()):
            return None
        families.append(raw.familyName())
    return families[0] if families else None
