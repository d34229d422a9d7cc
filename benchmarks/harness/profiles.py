"""Where the time goes, for every figure that misses its target: profiles written into the report.

Call-tree profiles come from pyinstrument (an optional dependency:
``pip install -e .[bench]``); start-up is profiled with ``python -X importtime``,
since what it spends is imports.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from annotator.ui.startup_probe import ARTICLE_ENV
from harness.launch import BENCHMARKS, SOURCE_APP
from harness.measure import Figure
from harness.session import Session

MAX_LINES = 60


def available() -> bool:
    return importlib.util.find_spec("pyinstrument") is not None


def call_tree(run: Callable[[], object], *, threshold: float = 0.02, shares: dict[str, str] | None = None) -> str:
    """pyinstrument's call tree of ``run()``, frames under ``threshold`` of the total left out.

    ``shares`` (label -> function name) puts a summary first: the share of the
    time spent in (below) each of those functions.
    """
    if not available():
        return "(pyinstrument is not installed: pip install -e .[bench] for the profile)"
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    try:
        run()
    finally:
        profiler.stop()
    summary = _shares(profiler.last_session.root_frame(), shares) if shares else []
    text = profiler.output_text(
        unicode=True, color=False, show_all=False, time="percent_of_total",
        processor_options={"filter_threshold": threshold},
    )
    lines = [line for line in text.splitlines() if line.strip()]
    # drop pyinstrument's banner; keep the tree
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith(("100%", "100.0%"))), 0)
    tree = [_shorten(line) for line in lines[start:]]
    if len(tree) > MAX_LINES:
        tree = tree[:MAX_LINES] + [f"… {len(tree) - MAX_LINES} more lines"]
    return "\n".join(summary + ([""] if summary else []) + tree)


def _shares(root, shares: dict[str, str]) -> list[str]:
    """Share of the root's time spent in each named function (outermost calls only, so nothing counts twice)."""
    total = root.time or 1.0

    def time_in(frame, name: str) -> float:
        if frame.function == name:
            return frame.time
        return sum(time_in(child, name) for child in frame.children)

    return [f"{time_in(root, name) / total:6.1%}  {label}" for label, name in shares.items()]


def _shorten(line: str) -> str:
    return re.sub(r"\S*/(annotator|site-packages|benchmarks)/", r"\1/", line)


def import_times(command: list[str], env: dict[str, str], cwd: Path, *, top: int = 25) -> str:
    """The slowest imports of an app launch until its first article is painted (``python -X importtime``,
    cumulative, in ms)."""
    # the probe ends the process at the first article, so the imports are those before it
    env = dict(env, **{ARTICLE_ENV: str(cwd / "importtime-article.txt")})
    completed = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]], env=env, cwd=cwd, capture_output=True, text=True,
        timeout=120, check=False,
    )
    rows = []
    for line in completed.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            own, total, indent, name = int(match[1]), int(match[2]), len(match[3]), match[4]
            rows.append((total, own, indent, name))
    if not rows:
        return "(no import times recorded)"
    whole = sum(total for total, _own, indent, _name in rows if indent == 1)
    shown = sorted((r for r in rows if r[2] <= 3), reverse=True)[:top]
    out = [f"{whole / 1000:7.1f} ms  all imports before the first article was painted (python -X importtime)", ""]
    out += [f"{total / 1000:7.1f} ms  {'  ' * (indent - 1)}{name}" for total, _own, indent, name in shown]
    return "\n".join(out)


def startup_profile(command: list[str], env: dict[str, str], cwd: Path) -> str:
    """Where an app launch spends its time until the first article is painted (pyinstrument, main thread).

    ``command`` is a launch of ``launch.SOURCE_APP``; its arguments are kept.
    """
    if not available():
        return "(pyinstrument is not installed: pip install -e .[bench] for the profile)"
    arguments = command[command.index(SOURCE_APP) + 1 :] if SOURCE_APP in command else command[1:]
    out = cwd / "startup-profile.txt"
    out.unlink(missing_ok=True)
    env = dict(env, **{ARTICLE_ENV: str(cwd / "profile-article.txt")})
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BENCHMARKS), env.get("PYTHONPATH", "")]))
    completed = subprocess.run(
        [sys.executable, "-m", "harness.startup_child", str(out), *arguments], env=env, cwd=cwd,
        capture_output=True, text=True, timeout=300, check=False,
    )
    if not out.is_file():
        return f"(the profiled launch wrote no profile: exit {completed.returncode}: {completed.stderr[-800:]})"
    lines = [line for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith(("100%", "100.0%"))), 0)
    tree = [_shorten(line) for line in lines[start:]]
    if len(tree) > MAX_LINES:
        tree = tree[:MAX_LINES] + [f"… {len(tree) - MAX_LINES} more lines"]
    return "app launch until the first article is painted, main thread (pyinstrument):\n" + "\n".join(tree)


def for_unmet(session: Session, figures: list[Figure]) -> str:
    """A Markdown section with a profile for every missed target that knows how to profile itself."""
    unmet = [f for f in figures if not f.informational and f.met is False and not f.error]
    if not unmet:
        return ""
    parts = ["## Not met: where the time goes", ""]
    for figure in unmet:
        parts.append(f"### `{figure.id}`: {figure.name} — not met")
        parts.append("")
        if figure.note:
            parts += [figure.note, ""]
        if figure.profile is None:
            parts += ["No profile for this figure.", ""]
            continue
        print(f"  profiling: {figure.name}", flush=True)
        try:
            text = figure.profile()
        except Exception as exc:  # noqa: BLE001 - a failed profile must not lose the figures
            text = f"(profiling failed: {type(exc).__name__}: {exc})"
        parts += ["```", text, "```", ""]
    return "\n".join(parts)

