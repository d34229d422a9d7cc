"""Run in a child process: the app under pyinstrument until its first article is painted.

    python -m harness.startup_child PROFILE_OUT gui [--db PROJECT] ...

``ANNOTATOR_FIRST_ARTICLE_FILE`` must be set (the probe ends the process);
the profile of the main thread up to then is written to PROFILE_OUT as text.
"""

from __future__ import annotations

import sys

from pyinstrument import Profiler

profiler = Profiler(interval=0.0005)
profiler.start()

from annotator.ui import startup_probe  # noqa: E402 - after the profiler starts, so its import is profiled too

_finish = startup_probe._finish


def _finish_with_profile(target: str, what: str) -> None:
    profiler.stop()
    text = profiler.output_text(
        unicode=True, color=False, show_all=False, time="percent_of_total",
        processor_options={"filter_threshold": 0.015},
    )
    with open(sys.argv[1], "w", encoding="utf-8") as handle:
        handle.write(text)
    _finish(target, what)


startup_probe._finish = _finish_with_profile

from annotator.cli.main import main  # noqa: E402 - profiled, as above

sys.exit(main(sys.argv[2:]))
