"""The README's generated blocks: replaced whole, between their own markers, or refused."""

from __future__ import annotations

import pytest

from annotator.readme_figures import end_marker, measured_once, of, ratio, start_marker, with_block


def test_a_block_is_replaced_between_its_markers_and_nothing_else_moves():
    start, end = start_marker("figures", "make figures"), end_marker("figures")
    readme = f"intro\n\n{start}\n| old |\n{end}\n\noutro\n"
    out = with_block(readme, "figures", "make figures", "| new |\n")
    assert out == f"intro\n\n{start}\n\n| new |\n\n{end}\n\noutro\n"
    # writing it again changes nothing
    assert with_block(out, "figures", "make figures", "| new |") == out


@pytest.mark.parametrize("readme", [
    "no markers at all",
    f"{end_marker('figures')}\n{start_marker('figures', 'make figures')}",
    f"{start_marker('figures', 'make figures')}\n{start_marker('figures', 'make figures')}\n{end_marker('figures')}",
    f"{start_marker('figures', 'another command')}\n{end_marker('figures')}",
])
def test_a_readme_without_one_well_ordered_pair_of_markers_is_refused(readme: str):
    with pytest.raises(ValueError, match="the block 'figures' needs exactly one line"):
        with_block(readme, "figures", "make figures", "| new |")


def test_the_record_of_sets_measured_once_is_complete_and_consistent():
    entries = measured_once()
    assert [e.set for e in entries] == [f"test{n}" for n in range(2, 2 + len(entries))]
    for entry in entries:
        s = entry.splitter
        assert 0 <= s["exact"] <= s["total"]
        assert s["misses_flagged"] is None or s["misses_flagged"] <= s["total"] - s["exact"]
        assert s["exact_flagged"] is None or s["exact_flagged"] <= s["exact"]
        for label in ("ORG", "LOC"):
            precision, recall = entry.candidates[label]
            assert 0 < precision <= 1 and 0 < recall <= 1


def test_counts_and_shares_read_as_the_tables_print_them():
    assert (ratio(29, 41), ratio(0, 0)) == ("0.71", "—")
    assert (of(8, 12), of(None, 12)) == ("8 of 12", "—")
