"""The theme keeps disabled controls visibly disabled."""

from __future__ import annotations

from PySide6.QtGui import QPalette

from annotator.ui.app import ensure_application


def test_disabled_text_is_fainter_than_enabled_text(qapp):
    app = ensure_application()
    palette = app.palette()
    for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        enabled = palette.color(QPalette.ColorGroup.Active, role)
        disabled = palette.color(QPalette.ColorGroup.Disabled, role)
        assert disabled.lightness() > enabled.lightness() + 60, role
