"""The pages the line-role model learns from besides the hand-cut ones: each kind of variant prints the layout
it claims, and every printed line keeps the role it had on its page (the labels are exact by construction)."""

from __future__ import annotations

import pytest

from annotator.ingest import page_variants
from annotator.ingest.furniture import classify
from annotator.ingest.line_roles import LineRole
from annotator.ingest.page_variants import ArticleRecord, Material, variants
from annotator.ingest.source_lines import split_lines

# every variation drawn by chance, switched off so that a test turns on only the one it is about
_VARIATIONS = (
    "MARKDOWN_PAGES", "PAGE_HEADER", "TITLE_ONLY", "LEAD_WITHOUT_BYLINE", "BYLINE_AFTER_BODY", "COLUMN_BREAK",
    "CONTINUED_LATER", "ADVERT_BETWEEN", "HALF_WIDTH", "HARD_WRAPPED", "EXTRA_BLANK_BEFORE_HEADLINE",
    "SIGNOFF_AFTER_TEXT", "CREDIT_ABOVE_CAPTION", "TAGGED_HEADLINE", "DATELINE_ALONE", "RUN_TOGETHER",
)

REPORT = ArticleRecord(
    "news",
    [(LineRole.SECTION, "手记"), (LineRole.TITLE, "青石镇老街完成改造")],
    [(LineRole.BODY, "新华社青石5月3日电 经过一年施工，青石镇老街改造工程日前完工，沿街二十多家老店重新开门迎客。"),
     (LineRole.BODY, "镇里还在老街两头修了停车场，周末来逛街的游客比去年多了一倍。")],
)
FEATURE = ArticleRecord(
    "feature",
    [(LineRole.KICKER, "乡村振兴路上的新故事"), (LineRole.TITLE, "果园里的新农人")],
    [(LineRole.BYLINE, "本报记者 周林"),
     (LineRole.BODY, "清晨六点，返乡创业的小伙子已经在果园里忙开了，他种的桃子今年卖到了省城。"),
     (LineRole.BODY, "他说，明年还要带着更多乡亲一起种果树。")],
)
PHOTO = ArticleRecord(
    "photo",
    [(LineRole.TITLE, "渡口春色")],
    [(LineRole.BODY, "四月的渡口，油菜花开满了河岸。"), (LineRole.CREDIT, "本报记者 何川 摄")],
)


def material() -> Material:
    return Material(
        articles=[REPORT, FEATURE, PHOTO],
        headers=["青石日报 2026年5月4日 第3版"],
        adverts=[["广告", "青石老酒 百年传承"]],
        signoffs=[(LineRole.BYLINE, "责任编辑：王丽"), (LineRole.BYLINE, "来源：青石日报")],
        tags=["图说", "手记"],
    )


@pytest.fixture
def only(monkeypatch):
    """Switch every variation off, then the named ones on."""
    for name in _VARIATIONS:
        monkeypatch.setattr(page_variants, name, 0.0)

    def switch_on(*names: str) -> None:
        for name in names:
            monkeypatch.setattr(page_variants, name, 1.0)
    return switch_on


def printed(count: int = 6, seed: int = 3) -> list[list[tuple[LineRole, str]]]:
    """Each variant's printed lines with their roles; the lines are read back as the trainer reads them."""
    pages = []
    for text, roles in variants(material(), count, seed):
        lines = [classify(line) for line in split_lines(text)]
        assert len(lines) == len(roles), text
        pages.append([(role, line.text) for role, line in zip(roles, lines, strict=True)])
    return pages


def following(page: list[tuple[LineRole, str]], text: str) -> list[tuple[LineRole, str]]:
    index = [t for _, t in page].index(text)
    return page[index + 1 :]


def test_a_signoff_is_printed_after_the_text_of_every_article_but_photos(only):
    only("SIGNOFF_AFTER_TEXT")
    signoffs = {"责任编辑：王丽", "来源：青石日报"}
    for page in printed():
        for last in (REPORT.paragraphs[-1][1], FEATURE.paragraphs[-1][1]):
            after = following(page, last)
            assert after and after[0][1] in signoffs and after[0][0] is LineRole.BYLINE
        after_photo = following(page, PHOTO.paragraphs[-1][1])
        assert not after_photo or after_photo[0][1] not in signoffs


def test_a_picture_credit_is_printed_above_its_caption(only):
    only("CREDIT_ABOVE_CAPTION")
    for page in printed():
        assert following(page, "渡口春色")[:2] == [(LineRole.CREDIT, "本报记者 何川 摄"),
                                                   (LineRole.BODY, "四月的渡口，油菜花开满了河岸。")]


def test_a_tagged_headline_carries_the_column_label_in_the_title_line(only):
    only("TAGGED_HEADLINE")
    seen = set()
    for page in printed(10):
        texts = [t for _, t in page]
        tagged = [(role, t) for role, t in page if "青石镇老街完成改造" in t]
        assert len(tagged) == 1 and tagged[0][0] is LineRole.TITLE
        title = tagged[0][1]
        assert title in {f"手记{s}青石镇老街完成改造" for s in "｜|丨"} | {f"青石镇老街完成改造{s}手记" for s in "｜|丨"}
        assert "手记" not in texts  # the label is printed in the title line, not over it
        seen.add(title.startswith("手记"))
        # an article without a short label of its own takes one from another article; its kicker stays printed
        feature = next(t for _, t in page if "果园里的新农人" in t)
        assert feature != "果园里的新农人" and "乡村振兴路上的新故事" in texts
    assert seen == {True, False}  # the label is printed before the title or after it


def test_a_dateline_is_printed_on_a_line_of_its_own_or_with_the_headline_after_ti(only):
    only("DATELINE_ALONE")
    shapes = set()
    for page in printed(10):
        after = following(page, "青石镇老街完成改造")
        if after[0] == (LineRole.BYLINE, "新华社青石5月3日电"):
            shapes.add("alone")
        else:
            assert after[0] == (LineRole.BODY, "新华社青石5月3日电 题：青石镇老街完成改造")
            shapes.add("with the headline")
        assert after[1] == (LineRole.BODY, "经过一年施工，青石镇老街改造工程日前完工，沿街二十多家老店重新开门迎客。")
        # an article whose first paragraph opens on no dateline is printed as it is
        assert following(page, "本报记者 周林")[0][1] == FEATURE.paragraphs[1][1]
    assert shapes == {"alone", "with the headline"}


def test_articles_run_together_under_plain_titles_with_nothing_between_them(only):
    only("RUN_TOGETHER", "PAGE_HEADER", "ADVERT_BETWEEN", "MARKDOWN_PAGES")
    for page in printed():
        roles = {role for role, _ in page}
        assert roles <= {LineRole.TITLE, LineRole.BODY, LineRole.BYLINE, LineRole.CREDIT}
        titles = [t for role, t in page if role is LineRole.TITLE]
        assert sorted(titles) == sorted(["青石镇老街完成改造", "果园里的新农人", "渡口春色"])


def test_every_variation_at_once_keeps_one_role_per_printed_line(only):
    only(*_VARIATIONS)
    for page in printed(20):
        assert page
