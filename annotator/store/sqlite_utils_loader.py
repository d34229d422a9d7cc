"""Import sqlite-utils without letting it pull in pandas and numpy.

sqlite-utils imports pandas and numpy whenever they are installed, only to map
their types on insert. Annotator never inserts such objects, and on an NLP
engineer's machine (where pandas is almost always installed) that import adds
about 0.6 s to every command. They are blocked for the duration of this one
import only; anything importing pandas later gets the real module.
"""

from __future__ import annotations

import sys

_HEAVY = ("pandas", "numpy")


def load_sqlite_utils() -> None:
    if "sqlite_utils" in sys.modules:
        return
    blocked = [name for name in _HEAVY if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name) is None:
                del sys.modules[name]
