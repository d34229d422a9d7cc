"""Every figure the harness measures, by group: one module per group, in the order they run.

A module here declares

- ``GROUP``: the name ``--only``/``--skip`` use;
- ``FIGURES``: ``{id: what it measures}`` for every figure it can produce. The
  id is stable: the same in every run and mode, never reused for something
  else (rename the id, not just the text, if the measurement changes);
- ``figures(session) -> list[Figure]``: measures them. A figure whose feature
  does not exist yet is still returned, with ``value=None`` (its ``met`` is
  then null, never true).

Adding a figure is one module here and one line in ``MODULES`` below. Later
groups may reuse what earlier ones left in ``session.artifacts`` (the imported
project), through helpers such as ``ingest.ensure_big_project``.
"""

from __future__ import annotations

from types import ModuleType

from harness.figures import (
    candidates,
    dashboard,
    export,
    frozen,
    ingest,
    learning,
    lists,
    memory,
    search,
    startup,
    teams,
    window,
)

MODULES: tuple[ModuleType, ...] = (
    ingest,
    candidates,
    learning,
    startup,
    window,
    search,
    lists,
    dashboard,
    memory,
    export,
    teams,
    frozen,
)


def groups() -> dict[str, ModuleType]:
    """The figure modules by group name, in the order they run."""
    found: dict[str, ModuleType] = {}
    for module in MODULES:
        if module.GROUP in found:
            raise ValueError(f"two figure modules call their group {module.GROUP!r}")
        found[module.GROUP] = module
    return found


def declared_ids() -> dict[str, str]:
    """Every figure id any module can produce, with what it measures; ids are unique."""
    ids: dict[str, str] = {}
    for module in MODULES:
        for figure_id, meaning in module.FIGURES.items():
            if figure_id in ids:
                raise ValueError(f"figure id {figure_id!r} is declared twice")
            ids[figure_id] = meaning
    return ids
