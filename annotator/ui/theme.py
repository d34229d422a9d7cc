"""How the window looks: palette, fonts and the few style rules the widgets share.

One light, quiet theme. Label colours come from the schema; everything else
stays neutral so the annotations are what stands out.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# Neutral greys and one accent, chosen to sit behind label colours.
INK = QColor("#1f2933")
MUTED_INK = QColor("#616e7c")
FAINT_INK = QColor("#9aa5b1")
PAPER = QColor("#ffffff")
PANEL = QColor("#f5f7fa")
RULE = QColor("#d9e2ec")
ACCENT = QColor("#2f6fdf")
RELATION_INK = QColor("#334e68")
FIND_MATCH = QColor(255, 214, 10, 110)
WARNING_INK = QColor("#b44d12")
WARNING_PAPER = QColor("#fff4e5")

# Families tried in order for Chinese body text; the first one installed wins.
CJK_TEXT_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
)
# The same look on every platform.
STYLE = "Fusion"
DEFAULT_TEXT_POINT_SIZE = 13.0
MIN_TEXT_POINT_SIZE = 8.0
MAX_TEXT_POINT_SIZE = 40.0

STYLE_SHEET = """
QMainWindow::separator { background: #d9e2ec; width: 1px; height: 1px; }
QDockWidget { font-weight: 600; color: #3e4c59; }
QDockWidget::title { padding: 6px 8px; background: #eef2f7; border-bottom: 1px solid #d9e2ec; }
QStatusBar { background: #f5f7fa; border-top: 1px solid #d9e2ec; color: #3e4c59; }
QStatusBar QLabel { padding: 0 8px; }
QToolTip { background: #1f2933; color: #ffffff; border: none; padding: 4px 6px; }
QListView, QTreeView, QTableView, QTextBrowser { border: none; background: #ffffff; }
QTabWidget::pane { border: none; }
QTabBar::tab { padding: 5px 12px; border: none; color: #616e7c; }
QTabBar::tab:selected { color: #1f2933; border-bottom: 2px solid #2f6fdf; }
#ArticleHeader { background: #ffffff; border-bottom: 1px solid #d9e2ec; }
#ArticleTitle { color: #1f2933; }
#ArticleMeta { color: #616e7c; }
#ImportFlag { color: #b44d12; background: #fff4e5; border-radius: 4px; padding: 2px 6px; }
#DocLabelChip { color: #334e68; background: #e4ecf7; border-radius: 9px; padding: 2px 8px; }
#StatusChip { border-radius: 9px; padding: 2px 8px; font-weight: 600; }
#PanelHint { color: #7b8794; }
#FindBar { background: #f5f7fa; border-top: 1px solid #d9e2ec; }
"""


def label_color(hex_color: str) -> QColor:
    color = QColor(hex_color)
    return color if color.isValid() else QColor("#888888")


def with_alpha(color: QColor, alpha: int) -> QColor:
    result = QColor(color)
    result.setAlpha(alpha)
    return result


def darker_ink(color: QColor) -> QColor:
    """A darker shade of a label colour, readable as text on white."""
    h, s, l, _alpha = cast(tuple[float, float, float, float], color.getHslF())
    return QColor.fromHslF(h, min(1.0, s * 1.05), min(l, 0.36), 1.0)


def text_on(color: QColor) -> QColor:
    """Black or white, whichever reads better on ``color``."""
    luminance = 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF()
    return QColor("#1f2933") if luminance > 0.6 else QColor("#ffffff")


def text_font(point_size: float = DEFAULT_TEXT_POINT_SIZE) -> QFont:
    """The font for the document text: a CJK face if one is installed, else the UI font."""
    font = QFont(QGuiApplication.font())
    font.setFamilies([*CJK_TEXT_FAMILIES, font.family()])
    font.setPointSizeF(point_size)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


def apply_theme(app: QApplication, *, style_set: bool = False) -> None:
    """Style the application once; calling again is free (re-styling repolishes every widget).

    ``style_set``: the application was started with ``-style`` ``STYLE`` already.
    """
    if app.property("annotator_theme"):
        return
    app.setProperty("annotator_theme", True)
    if not style_set:
        app.setStyle(STYLE)
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, PANEL)
    palette.setColor(QPalette.ColorRole.WindowText, INK)
    palette.setColor(QPalette.ColorRole.Base, PAPER)
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f8fafc"))
    palette.setColor(QPalette.ColorRole.Text, INK)
    palette.setColor(QPalette.ColorRole.Button, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ButtonText, INK)
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#cfe0fc"))
    palette.setColor(QPalette.ColorRole.HighlightedText, INK)
    palette.setColor(QPalette.ColorRole.PlaceholderText, FAINT_INK)
    palette.setColor(QPalette.ColorRole.ToolTipBase, INK)
    palette.setColor(QPalette.ColorRole.ToolTipText, PAPER)
    palette.setColor(QPalette.ColorRole.Link, ACCENT)
    # setColor(role, ...) sets every group, disabled included; a greyed-out
    # Save must not look clickable.
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(disabled, role, FAINT_INK)
    palette.setColor(disabled, QPalette.ColorRole.Button, PANEL)
    palette.setColor(disabled, QPalette.ColorRole.Base, PANEL)
    app.setPalette(palette)
    app.setStyleSheet(STYLE_SHEET)
