"""What `pip install .` puts on a user's machine: the package with its seeds, resources and guidelines."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_the_wheel_carries_everything_the_app_reads_at_run_time(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True, timeout=600,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = tmp_path.glob("annotator-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = "annotator/_bundled/"
    for seed in (REPO / "seeds").glob("*.txt"):
        assert f"{bundled}seeds/{seed.name}" in names
    for resource in (REPO / "resources").rglob("*"):
        if resource.is_file() and resource.suffix != ".ts":
            assert f"{bundled}resources/{resource.relative_to(REPO / 'resources').as_posix()}" in names, resource
    assert f"{bundled}resources/guidelines.md" in names
    assert "annotator/cli/main.py" in names
    assert not any(name.startswith(("tests/", "benchmarks/", "build/")) for name in names)
