"""The app icon in each platform's format, rendered from resources/icons/annotator.svg with Qt.

Qt's own image plugins write .ico and .icns, so no extra imaging package is needed.
Outputs: annotator.png (Linux desktop entry), annotator.ico (Windows exe and
installer), annotator.icns (macOS bundle).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ICON_SOURCE = REPO / "resources" / "icons" / "annotator.svg"
# One size per file: Qt's writers store a single image, and each OS scales it down well.
SIZES = {"png": 256, "ico": 256, "icns": 512}


def render_icons(out_dir: Path, source: Path = ICON_SOURCE) -> dict[str, Path]:
    """Write annotator.png/.ico/.icns into ``out_dir``; returns them by suffix."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])  # image plugins need an application
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source}: not a valid SVG icon")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for suffix, size in SIZES.items():
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        target = out_dir / f"annotator.{suffix}"
        if not image.save(str(target), suffix.upper()):
            raise SystemExit(f"Qt could not write {target} (is its {suffix} image plugin installed?)")
        written[suffix] = target
    return written


if __name__ == "__main__":
    for path in render_icons(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "build" / "work" / "icons").values():
        print(path)
