"""Reading text files in whatever encoding people have, and refusing what is not text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.formats.registry import ReadOptions
from annotator.ingest.decoding import decode_bytes
from annotator.ingest.source_lines import split_lines
from annotator.ingest.text_reader import read_text

ARTICLE = "职工书屋焕新\n\n本报讯（记者李四）日前，上海市总工会为50家企业的职工书屋更新图书。\n\n新书共计2万余册。\n"
TRADITIONAL = "職工書屋煥新\n\n本報訊（記者李四）日前，上海市總工會為50家企業的職工書屋更新圖書，新書涵蓋技能培訓、文學歷史等類別。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-sig"),
        (ARTICLE.encode("gb18030"), "gb18030"),
        (ARTICLE.encode("gbk"), "gb18030"),  # GBK is a subset of GB18030
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (ARTICLE.encode("utf-16-le"), "utf-16-le"),  # no BOM
    ],
)
def test_encodings_are_detected(data: bytes, encoding: str):
    decoded = decode_bytes(data, "page.txt")
    assert decoded.text == ARTICLE
    assert decoded.encoding == encoding


def test_big5_is_detected():
    decoded = decode_bytes(TRADITIONAL.encode("big5"), "page.txt")
    assert decoded.text == TRADITIONAL
    assert decoded.encoding == "big5"


def test_a_reader_reports_the_encoding_and_keeps_offsets_in_the_decoded_text(tmp_path: Path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(ARTICLE.encode("gbk"))
    source = read_text(path, ReadOptions())
    assert source.encoding == "gb18030"
    assert any("decoded as gb18030" in note for note in source.notes)
    (doc,) = [d.document for d in source.documents]
    for piece in doc.provenance.pieces:
        assert doc.raw_text[piece.start : piece.end] == ARTICLE[piece.src_start : piece.src_end]


def test_bom_is_stripped_and_offsets_count_from_after_it(tmp_path: Path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))
    (annotated,) = read_text(path, ReadOptions()).documents
    doc = annotated.document
    assert doc.title == "职工书屋焕新"
    first = doc.provenance.pieces[0]
    assert ARTICLE[first.src_start : first.src_end].startswith("本报讯")


def test_crlf_line_endings_never_reach_the_text(tmp_path: Path):
    text = ARTICLE.replace("\n", "\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    (annotated,) = read_text(path, ReadOptions()).documents
    doc = annotated.document
    assert "\r" not in doc.text
    assert doc.text == "本报讯（记者李四）日前，上海市总工会为50家企业的职工书屋更新图书。\n新书共计2万余册。"
    for piece in doc.provenance.pieces:
        assert doc.raw_text[piece.start : piece.end] == text[piece.src_start : piece.src_end]


def test_nul_bytes_are_left_out_and_offsets_still_point_at_the_source(tmp_path: Path):
    text = "职工书屋焕新\n\n本报讯（记者李四）日前，上海市\x00总工会为50家企业更新图书。\n"
    path = tmp_path / "nul.txt"
    path.write_bytes(text.encode("utf-8"))
    (annotated,) = read_text(path, ReadOptions()).documents
    doc = annotated.document
    assert "\x00" not in doc.text and "上海市总工会" in doc.text
    assert len(doc.provenance.pieces) == 2  # split around the NUL
    for piece in doc.provenance.pieces:
        assert doc.raw_text[piece.start : piece.end] == text[piece.src_start : piece.src_end]


def test_split_lines_tracks_spans_through_invisible_characters():
    text = "  标题\u200b一 \r\n\r\n\ufeff正文\x00内容\u3000\n"
    lines = split_lines(text)
    assert [line.text for line in lines] == ["标题一", "正文内容"]
    assert [line.number for line in lines] == [1, 3]
    for line in lines:
        assert "".join(text[a:b] for a, b in line.spans) == line.text


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\r\n"])
def test_empty_files_give_no_documents_and_say_why(tmp_path: Path, content: bytes):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    source = read_text(path, ReadOptions())
    assert source.documents == []
    assert any("empty" in note or "white space" in note for note in source.notes)


def test_an_empty_file_imports_as_empty(tmp_path: Path, fresh_store):
    from annotator.project.importing import import_file

    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert import_file(fresh_store, path).outcome == "empty"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 4, "PDF"),
        (b"PK\x03\x04" + bytes(range(256)) * 4, "ZIP"),
        (bytes(range(256)) * 16, "not a text file|binary"),
    ],
)
def test_a_binary_file_named_txt_is_refused_with_a_clear_message(tmp_path: Path, data: bytes, what: str):
    path = tmp_path / "scan.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=what) as caught:
        read_text(path, ReadOptions())
    assert "scan.txt" in str(caught.value)


def test_a_broken_bom_file_is_refused_naming_the_byte(tmp_path: Path):
    path = tmp_path / "broken.txt"
    path.write_bytes(codecs.BOM_UTF8 + "正文".encode("utf-8") + b"\xff\xfe\xfa")
    with pytest.raises(InputError, match="broken.txt.*UTF-8"):
        read_text(path, ReadOptions())


def test_a_failed_file_leaves_nothing_in_the_project(tmp_path: Path, fresh_store):
    from annotator.project.importing import import_paths

    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    reports = {Path(r.file).name: r for r in import_paths(fresh_store, [tmp_path])}
    assert reports["bad.txt"].outcome == "failed" and "PNG" in reports["bad.txt"].notes[0]
    assert reports["good.txt"].outcome == "imported"
    assert fresh_store.documents.count() == 1
