"""The kill soak in its reduced form: the real app, SIGKILLed three times, loses nothing it acknowledged.

The full run (100 trials and more) is ``python benchmarks/soak_kill.py``; its
figures are in docs/reliability.md.
"""

from __future__ import annotations

import os
import signal

import pytest
from safety_helpers import benchmark_modules

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")


def test_three_kills_lose_no_acknowledged_action(tmp_path, capsys):
    with benchmark_modules():
        import soak_kill

    code = soak_kill.main(["--trials", "3", "--seed", "7", "--max-seconds", "1.5", "--work", str(tmp_path)])
    report = capsys.readouterr().out
    assert code == 0, report
    summary = report.strip().splitlines()[-1]
    assert summary.startswith("3 SIGKILLs: ") and ", 0 lost, 0 trials left damage, 0 dialogs" in summary
    # The app did acknowledge work before it was killed (a soak of nothing proves nothing).
    acknowledged = int(summary.split(": ")[1].split(" acknowledged")[0])
    assert acknowledged > 0, report
    # The starts took their backups as they opened the project (the app does that in the background).
    assert [name for name in os.listdir(tmp_path / "backups") if name.startswith("soak.")]
