"""Annotator's benchmarks: every figure against a baseline measured in the same run, written to docs/performance.md.

    python benchmarks/run.py [--quick] [--json OUT] [--only GROUPS] [--skip GROUPS]

The corpus is synthetic newspaper pages recombined from the seed pages'
articles with fixed seeds: the big project is 1,000 pages in ``--quick``
(under 5 minutes), 20,000 pages, about 330 MB of text, in the full run. It is
written once to the cache folder and reused. Each figure is a median over
repeats next to its baseline, the ratio, the target and whether it is met
(true or false; null when there is nothing to judge: a feature that does not
exist yet, an app that is not built, or a figure defined on 20,000 pages
measured on fewer in ``--quick``). For a figure that misses its target, the
full run's report includes a profile of where the time goes (pyinstrument:
``pip install -e .[bench]``; ``--profile`` asks for it in ``--quick`` too).

Every figure has a stable ``id`` (``candidates_vs_rjieba``), declared by its
module in ``benchmarks/harness/figures/``; adding a figure is one module there
and one line in its ``MODULES`` (see that package's docstring).

A complete full run writes docs/performance.md, its figures as JSON in
docs/performance.json and the README's performance table; ``--quick`` (or a run of
some groups only) writes its report to the cache folder unless ``--report``
says where. ``--json OUT`` writes ``{"machine": {...}, "run": {...},
"figures": [{"id", "name", "value", "unit", "baseline", "baseline_name",
"ratio", "target", "targets", "met", "informational", ...}]}``. The exit
status is 1 when a measurement could not be taken (an error, not a missed
target), else 0.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CACHE = REPO / ".benchmarks-cache"
CACHE_ENV = "ANNOTATOR_BENCH_CACHE"

if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

if TYPE_CHECKING:
    from harness.measure import Figure


def groups() -> dict[str, ModuleType]:
    """The figure modules by group, in the order they run (later groups reuse the imported project)."""
    # Imported here, not at the top: the harness sets up its environment (offscreen Qt, its own
    # user folders) before anything of the app is imported.
    from harness import figures

    return figures.groups()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 pages, fewer repeats: under 2 minutes")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures to this JSON file")
    parser.add_argument("--report", type=Path, help="where to write the Markdown report (default: "
                        "docs/performance.md for a complete full run, else the cache folder)")
    parser.add_argument("--cache", type=Path, help=f"corpus and project cache (default: ${CACHE_ENV} or {DEFAULT_CACHE})")
    parser.add_argument("--only", help="comma-separated groups to run (see --list)")
    parser.add_argument("--list", action="store_true", help="list the groups and their figures' ids, and stop")
    parser.add_argument("--skip", help="comma-separated groups to leave out")
    parser.add_argument("--pages", type=int, help="override the number of pages (for trying the harness out)")
    parser.add_argument("--repeats", type=int, help="override every repeat count (for trying the harness out)")
    parser.add_argument("--profile", action=argparse.BooleanOptionalAction, default=None,
                        help="profile the figures that miss their target, for the report "
                        "(default: in the full run only)")
    return parser.parse_args(argv)


def _environment(cache: Path, work: Path) -> None:
    """Offscreen Qt, and user folders, settings and caches that are the harness's own, not the user's."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.text.font.db=false;qt.qpa.*=false")
    os.environ["ANNOTATOR_HOME"] = str(cache / "home")  # jieba's cache survives between runs, as a user's does
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")


def _compile_bytecode() -> None:
    """Compile the package as an installer does, so start-up is measured without compiling sources
    (an environment with PYTHONDONTWRITEBYTECODE would otherwise compile every edited module at every launch)."""
    import compileall

    import annotator

    compileall.compile_dir(Path(annotator.__file__).parent, quiet=1)


def _settings(work: Path) -> None:
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))


def _plan(args: argparse.Namespace):
    from harness.session import FULL, QUICK

    plan = QUICK if args.quick else FULL
    if args.pages:
        plan = plan.scaled(pages=args.pages, import_pages=min(plan.import_pages, args.pages),
                           export_documents=min(plan.export_documents, max(10, args.pages * 8)))
    if args.repeats:
        r = args.repeats
        plan = plan.scaled(repeats=r, import_repeats=r, candidate_repeats=r, launches=r, open_rounds=r,
                           search_repeats=r)
    return plan


def _selected(args: argparse.Namespace, available: dict[str, ModuleType]) -> dict[str, ModuleType]:
    only = {g.strip() for g in args.only.split(",")} if args.only else set(available)
    skip = {g.strip() for g in args.skip.split(",")} if args.skip else set()
    unknown = (only | skip) - set(available)
    if unknown:
        raise SystemExit(f"unknown group(s): {', '.join(sorted(unknown))}; choose from {', '.join(available)}")
    return {name: run for name, run in available.items() if name in only and name not in skip}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    cache = (args.cache or Path(os.environ.get(CACHE_ENV) or DEFAULT_CACHE)).resolve()
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="annotator-bench-"))
    _environment(cache, work)
    if args.list:
        for name, module in groups().items():
            print(f"{name}: " + ", ".join(module.FIGURES))
        return 0

    from harness import machine, profiles, report
    from harness.session import Session

    _settings(work)
    _compile_bytecode()
    plan = _plan(args)
    session = Session(plan=plan, cache=cache, work=work)
    described = machine.describe()
    print(f"{plan.mode} run: {plan.pages:,} pages; {described['cpus']} CPUs, Python {described['python']}, "
          f"Qt {described['qt']}, SQLite {described['sqlite']}; load {described['load_average_at_start']}; "
          f"scratch {work}", flush=True)

    figures: list[Figure] = []
    loads: dict[str, list[float] | None] = {}
    failed = False
    try:
        for name, module in _selected(args, groups()).items():
            group_started = time.perf_counter()
            produced, broken = run_group(session, module)
            failed = failed or broken
            for figure in produced:
                print("  " + report.summary_line(figure), flush=True)
            loads[name] = machine.load_average()
            print(f"  [{name}: {time.perf_counter() - group_started:.1f} s; load {loads[name]}]", flush=True)
            figures += produced
        profile = args.profile if args.profile is not None else plan.mode == "full"
        profiled = profiles.for_unmet(session, figures) if profile else ""
    finally:
        shutil.rmtree(work, ignore_errors=True)

    seconds = time.perf_counter() - started
    run_info = {
        "mode": plan.mode, "pages": plan.pages, "seconds": round(seconds, 1), "command": _command(argv),
        "load_average_after_each_group": loads,
    }
    # Only a complete full run stands for the project; anything less reports to the cache folder.
    complete = plan.mode == "full" and not (args.only or args.skip or args.pages or args.repeats)
    target = args.report or (REPO / "docs" / "performance.md" if complete else cache / f"performance-{plan.mode}.md")
    report.write(target, report.markdown(described, run_info, figures, notes=profiled))
    data = report.as_json(described, run_info, figures)
    if args.json:
        report.write_json(args.json, data)
    if complete and args.report is None:
        # the run that stands for the project: its figures beside the report, and the README's table
        report.write_json(REPO / "docs" / "performance.json", data)
        readme = REPO / "README.md"
        report.write(readme, report.with_readme_table(readme.read_text(encoding="utf-8"), data))
    print(f"{len(figures)} figures in {seconds:.0f} s; report: {target}" + (f"; JSON: {args.json}" if args.json else ""))
    return 1 if failed else 0


def run_group(session, module: ModuleType) -> tuple[list[Figure], bool]:
    """A group's figures, checked against the ids it declares; (figures, whether it broke).

    A group that fails still reports each of its figures, as not measured with the error,
    so one broken measurement loses no other and the ids stay the same run to run.
    """
    from harness.measure import Figure

    try:
        produced = module.figures(session)
    except Exception as exc:  # noqa: BLE001 - one broken measurement must not lose the others
        traceback.print_exc()
        message = (str(exc).strip().splitlines() or [""])[-1]
        return [
            Figure(id=figure_id, name=f"{meaning} (not measured)", value=None, unit="",
                   error=f"{type(exc).__name__}: {message}")
            for figure_id, meaning in module.FIGURES.items()
        ], True
    undeclared = [f.id for f in produced if f.id not in module.FIGURES]
    if undeclared:
        raise RuntimeError(f"{module.__name__} produced figures it does not declare in FIGURES: {undeclared}")
    return produced, False


def _command(argv: list[str] | None) -> str:
    """The command that reproduces the figures (where the outputs went left out)."""
    given = list(sys.argv[1:] if argv is None else argv)
    kept: list[str] = []
    skip_next = False
    for arg in given:
        if skip_next:
            skip_next = False
        elif arg in ("--json", "--report", "--cache"):
            skip_next = True
        elif not arg.startswith(("--json=", "--report=", "--cache=")):
            kept.append(arg)
    return shlex.join(["python", "benchmarks/run.py", *kept])


if __name__ == "__main__":
    sys.exit(main())
