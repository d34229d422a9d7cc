"""Reading JSON Lines: every JSONL reader numbers lines and reports a broken one the same way."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from annotator import formats
from annotator.errors import InputError
from annotator.formats.files import head_json_values, json_lines, read_utf8_source
from annotator.formats.registry import ReadOptions

GOOD = {"id": "good", "text": "这一篇没有问题。", "entities": []}
JSONL_READERS = ("jsonl", "doccano", "prodigy", "hf")


def write_lines(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", JSONL_READERS)
def test_a_line_that_is_not_json_is_named_by_its_number(tmp_path, name):
    path = write_lines(tmp_path / "data.jsonl", json.dumps(GOOD, ensure_ascii=False), "", '{"text": ')
    with pytest.raises(InputError) as error:
        formats.reader_named(name).read(path, ReadOptions())
    assert str(error.value) == f"{path}: line 3 is not valid JSON (Expecting value at column 10)"


@pytest.mark.parametrize("name", JSONL_READERS)
def test_a_bad_record_before_a_broken_line_is_the_error_reported(tmp_path, name):
    bad = {"id": "bad", "text": "", "entities": []}
    path = write_lines(tmp_path / "data.jsonl", json.dumps(bad), "not json")
    with pytest.raises(InputError) as error:
        formats.reader_named(name).read(path, ReadOptions())
    assert str(error.value).startswith(f"{path}: line 1")
    assert "'text' is empty" in str(error.value)


def test_json_lines_skips_blank_lines_and_keeps_their_numbers(tmp_path):
    text = '{"a": 1}\r\n\n   \n[2]\n'
    assert list(json_lines(tmp_path / "x.jsonl", text)) == [(1, {"a": 1}), (4, [2])]


def test_read_utf8_source_describes_the_file_and_drops_the_byte_order_mark(tmp_path):
    data = "\ufeff{\"text\": \"张萍\"}\n".encode()
    path = tmp_path / "x.jsonl"
    path.write_bytes(data)
    source, text = read_utf8_source(path, "doccano")
    assert text == '{"text": "张萍"}\n'
    assert (source.path, source.name, source.format, source.encoding) == (str(path), "x.jsonl", "doccano", "utf-8")
    assert (source.sha256, source.size) == (hashlib.sha256(data).hexdigest(), len(data))
    assert source.documents == []


def test_read_utf8_source_refuses_text_that_is_not_utf8(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes('{"text": "工会"}\n{"text": "工会"}'.encode("gb18030"))
    with pytest.raises(InputError, match=r"x\.jsonl: line 1 is not valid UTF-8"):
        read_utf8_source(path, "jsonl")


def test_head_json_values_skips_blanks_and_stops_at_a_line_that_is_not_json():
    head = '\ufeff\n{"a": 1}\n\n[2]\n{"cut sho'.encode()
    assert list(head_json_values(head)) == [{"a": 1}, [2]]
    assert list(head_json_values(b'{"a": 1}\nnot json\n{"b": 2}\n')) == [{"a": 1}]


def test_head_json_values_looks_at_the_first_lines_only():
    head = b"\n\n" + b'{"a": 1}\n'
    assert list(head_json_values(head, 2)) == []
    assert list(head_json_values(head, 3)) == [{"a": 1}]
    assert list(head_json_values(b"")) == []
