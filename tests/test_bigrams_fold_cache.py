"""The search's fold table, kept in the cache folder: the same table as working it out, whatever the file holds."""

from __future__ import annotations

import json

import pytest

from annotator.text import bigrams


@pytest.fixture
def fresh_table():
    bigrams.fold_table.cache_clear()
    yield
    bigrams.fold_table.cache_clear()


def test_the_table_read_from_the_cache_is_the_one_worked_out(fresh_table):
    worked_out = bigrams._work_out_fold_table()
    first = bigrams.fold_table()  # works it out and keeps it (or reads what an earlier run kept)
    assert bigrams._cache_file().is_file()
    bigrams.fold_table.cache_clear()
    assert first == worked_out == bigrams.fold_table()
    assert bigrams.fold("ＡＢ，工会\n") == "ab" + chr(bigrams.ASCII_SHIFT + ord(",")) + "工会" + chr(bigrams.ASCII_SHIFT + 10)


@pytest.mark.parametrize(
    "content",
    ["not json", json.dumps({"key": "another version", "table": {"65": "z"}}), json.dumps([1, 2]), ""],
)
def test_a_stale_or_broken_cache_file_is_worked_out_again(fresh_table, content):
    bigrams._cache_file().write_text(content, encoding="utf-8")
    assert bigrams.fold_table() == bigrams._work_out_fold_table()
    assert json.loads(bigrams._cache_file().read_text(encoding="utf-8"))["key"] == bigrams._cache_key()
