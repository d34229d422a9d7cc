"""Import sqlite-utils without letting it pull in pandas and numpy, and only when it is used.

sqlite-utils imports pandas and numpy whenever they are installed, only to map
their types on insert. Annotator never inserts such objects, and on an NLP
engineer's machine (where pandas is almost always installed) that import adds
about 0.6 s to every command. They are blocked for the duration of this one
import only; anything importing pandas later gets the real module.

sqlite-utils itself (with click, dateutil and pluggy) takes about 90 ms to
import, so the store imports it through ``load_sqlite_utils`` only where it
uses it (applying migrations), never to open a project.
"""

from __future__ import annotations

import sys
from types import ModuleType

_HEAVY = ("pandas", "numpy")


def load_sqlite_utils() -> ModuleType:
    """The ``sqlite_utils`` module, imported now if it was not yet."""
    loaded = sys.modules.get("sqlite_utils")
    if loaded is not None:
        return loaded
    blocked = [name for name in _HEAVY if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import sqlite_utils
    finally:
        for name in blocked:
            if sys.modules.get(name) is None:
                del sys.modules[name]
    return sqlite_utils
