"""Plain .txt and .md articles (no page structure) become one document of kind "text"."""

from __future__ import annotations

from pathlib import Path

from annotator import formats
from annotator.formats.registry import ReadOptions
from annotator.ingest.text_reader import read_text, read_whole_text
from annotator.project.importing import import_file


def read(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [d.document for d in read_text(path, ReadOptions()).documents]


def test_a_markdown_article_with_subheadings_is_one_document(tmp_path: Path):
    (doc,) = read(
        tmp_path,
        "article.md",
        "# 职工书屋的新变化\n\n走进职工书屋，新书琳琅满目。\n\n## 图书更新\n\n今年共更新图书2万余册。\n\n"
        "## 活动丰富\n\n读书分享会每月举办一次。\n",
    )
    assert doc.kind == "text"
    assert doc.title == "职工书屋的新变化"
    assert doc.text == "走进职工书屋，新书琳琅满目。\n图书更新\n今年共更新图书2万余册。\n活动丰富\n读书分享会每月举办一次。"


def test_a_plain_text_article_takes_its_first_line_as_title(tmp_path: Path):
    (doc,) = read(tmp_path, "article.txt", "职工书屋的新变化\n\n走进职工书屋，新书琳琅满目。\n\n今年共更新图书2万余册。\n")
    assert (doc.kind, doc.title) == ("text", "职工书屋的新变化")
    assert doc.text == "走进职工书屋，新书琳琅满目。\n今年共更新图书2万余册。"


def test_text_without_a_headline_is_named_after_the_file(tmp_path: Path):
    (doc,) = read(tmp_path, "笔记.txt", "走进职工书屋，新书琳琅满目。\n\n今年共更新图书2万余册。\n")
    assert (doc.kind, doc.title) == ("text", "笔记")
    assert doc.text == "走进职工书屋，新书琳琅满目。\n今年共更新图书2万余册。"


def test_hard_wrapped_lines_are_rejoined_into_paragraphs(tmp_path: Path):
    (doc,) = read(
        tmp_path,
        "wrapped.txt",
        "走进职工书屋，新书琳琅满目，职工们\n在这里阅读、学习、交流，度过了\n愉快的午休时光。\n\n第二段在这里。\n",
    )
    assert doc.text == "走进职工书屋，新书琳琅满目，职工们在这里阅读、学习、交流，度过了愉快的午休时光。\n第二段在这里。"


def test_the_whole_text_reader_never_cuts_a_file(tmp_path: Path):
    path = tmp_path / "page.txt"
    path.write_text(
        "# 标题一\n\n本报讯（记者张三）北京市总工会举办技能比武。\n\n# 标题二\n\n本报讯（记者李四）上海职工书屋焕新。\n",
        encoding="utf-8",
    )
    assert len(read_text(path, ReadOptions()).documents) == 2
    (whole,) = read_whole_text(path, ReadOptions()).documents
    assert whole.document.kind == "text" and whole.document.title == "标题一"
    assert whole.document.text == "本报讯（记者张三）北京市总工会举办技能比武。\n标题二\n本报讯（记者李四）上海职工书屋焕新。"


def test_text_files_are_read_by_the_page_reader_unless_told_otherwise(tmp_path: Path, fresh_store):
    for suffix in (".txt", ".md", ".text"):
        path = tmp_path / f"a{suffix}"
        path.write_text("标题\n\n正文。\n", encoding="utf-8")
        assert formats.detect_reader(path).name == "text"
    path = tmp_path / "page.txt"
    path.write_text("# 标题一\n\n本报讯（记者张三）技能比武。\n\n# 标题二\n\n本报讯（记者李四）书屋焕新。\n", encoding="utf-8")
    assert import_file(fresh_store, path, format="whole-text").documents == 1
