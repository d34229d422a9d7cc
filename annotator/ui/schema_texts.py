"""The bundled label schema's descriptions, in the interface's language.

A project's schema is its team's own data, written in whatever language they chose, and is
shown as written. The schema every new project starts from (``resources/label_schema.toml``)
is ours, though, so its descriptions are translated like the rest of the interface: while a
label's description is still exactly the bundled text, the Chinese interface shows its
translation; once the team rewrites it, their words are shown. The texts reach the
translation files through ``bundled_schema_texts.py``, which ``build/update_translations.py``
writes from the TOML before collecting the interface's strings.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "LabelSchema"


def shown(description: str) -> str:
    """``description`` as the interface shows it: translated if it is a bundled text, else as written."""
    return QCoreApplication.translate(CONTEXT, description) if description else description
