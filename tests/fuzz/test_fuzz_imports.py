"""The importers under Hypothesis, a few examples each (the full run is ``python tests/fuzz/run.py``):
no internal errors, every refusal names its file, and a refused file leaves no trace."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from importers import IMPORTERS, Case, Harness

REPO = Path(__file__).resolve().parent.parent.parent
# Examples per importer in the normal test run; the full run uses 10,000.
EXAMPLES = int(os.environ.get("ANNOTATOR_FUZZ_EXAMPLES", "12"))


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Harness:
    return Harness(tmp_path_factory.mktemp("fuzz"), REPO / "seeds")


@pytest.mark.parametrize("importer", sorted(IMPORTERS))
def test_an_importer_survives_whatever_it_is_given(importer: str, harness: Harness) -> None:
    if importer == "spacy":
        pytest.importorskip("spacy")

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(IMPORTERS[importer]())
    def check(case: Case) -> None:
        verdict = harness.check(importer, case)
        assert verdict.ok, f"{verdict.outcome}: {verdict.problem}\nfiles: {[n for n, _ in case.files]}"

    check()
