"""New pages typeset from the articles of the training pages, so the line-role model learns layouts, not pages.

Thirteen hand-cut pages are few: a page style seen once (plain headlines,
a signed-off article, a page header) is learnt from one example, and a
page left out for cross-validation takes its style with it. So the trainer
also learns from *variants*: the training pages' own articles, cut from their
pages with their roles and typeset again in other ways a newspaper prints
them. The text is the articles' own, word for word; only the layout varies:

- Markdown ``#`` headings or plain lines throughout;
- the headline with its kicker, subtitle and column label, or the title alone;
- a page header from the training pages on top, or none;
- the standalone byline under the headline, or moved after the body (a
  reporter line), or left as it is; the byline opening a news item
  (``本报讯（记者…）``) printed, or left out as many papers do;
- a paragraph cut by a column break, inside a word or not;
- an article's last paragraph cut short and continued after the next article;
- an advertisement from the training pages between two articles;
- half-width punctuation over the whole page;
- text hard-wrapped at a column width, as some OCR exports print it.

Every line of a variant keeps the role it had on its page, so the labels
are exact by construction. Variants are drawn from a seeded generator, so
training stays deterministic. They are built from the pages of the current
training fold only: a page held out for cross-validation contributes nothing.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.ingest.bylines import leading_byline
from annotator.ingest.cues import SENTENCE_END
from annotator.ingest.line_roles import HEADLINE_ROLES, LineRole

# How often each variation is applied (per page, article or paragraph).
MARKDOWN_PAGES = 0.5
PAGE_HEADER = 0.4
TITLE_ONLY = 0.35
LEAD_WITHOUT_BYLINE = 0.4
BYLINE_AFTER_BODY = 0.3
COLUMN_BREAK = 0.12
CONTINUED_LATER = 0.2
ADVERT_BETWEEN = 0.25
HALF_WIDTH = 0.3
HARD_WRAPPED = 0.0
WRAP_WIDTH = (14, 32)
EXTRA_BLANK_BEFORE_HEADLINE = 0.15
ARTICLES_PER_PAGE = (3, 7)

_HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})


@dataclass
class Printed:
    text: str
    role: LineRole
    tight: bool = False  # printed directly under the line above, with no blank line


@dataclass
class ArticleRecord:
    kind: str
    headline: list[tuple[LineRole, str]]  # in printed order
    paragraphs: list[tuple[LineRole, str]]  # in reading order: box, bylines, body, intertitles, credit
    md_levels: dict[int, int] = field(default_factory=dict)  # headline index → its Markdown level on the page


@dataclass
class Material:
    """What variants are made of: the articles, page headers and advertisements of some pages."""

    articles: list[ArticleRecord] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    adverts: list[list[str]] = field(default_factory=list)


def _plain(text: str) -> str:
    return re.sub(r"^#+\s*", "", text.strip()).strip()


def gather(pages: Sequence) -> Material:
    """The articles (with their roles), page headers and advertisements of labelled training pages."""
    material = Material()
    for page in pages:
        number_to_index = {line.number: k for k, line in enumerate(page.lines)}
        for owner, article in enumerate(page.articles):
            headline = [
                (role, line)
                for line, role, who in zip(page.lines, page.roles, page.owners, strict=True)
                if who == owner and role in HEADLINE_ROLES
            ]
            paragraphs = []
            for spec in article["paragraphs"]:
                numbers = [int(n) for n in spec.split("+")]
                first = number_to_index[numbers[0]]
                text = "".join(_plain(page.lines[number_to_index[n]].text) for n in numbers)
                paragraphs.append((page.roles[first], text))
            if not paragraphs:
                continue
            material.articles.append(ArticleRecord(
                article["kind"],
                [(role, _plain(line.text)) for role, line in headline],
                paragraphs,
                {k: line.level for k, (_, line) in enumerate(headline) if line.level},
            ))
        advert: list[str] = []
        for line, role in zip(page.lines, page.roles, strict=True):
            if role is LineRole.FURNITURE and line.kind.value != "prompt":
                material.headers.append(_plain(line.text))
            if role is LineRole.AD:
                advert.append(line.text)
            elif advert:
                material.adverts.append(advert)
                advert = []
        if advert:
            material.adverts.append(advert)
    return material


def variants(material: Material, count: int, seed: int = 0) -> list[tuple[str, list[LineRole]]]:
    """``count`` pages typeset from ``material``: each page's text and the role of each printed line."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        printed = _typeset(material, rng)
        if rng.random() < HARD_WRAPPED:
            printed = _wrap(printed, rng.randint(*WRAP_WIDTH))
        out.append(_render(printed, half_width=rng.random() < HALF_WIDTH))
    return out


def _typeset(material: Material, rng: random.Random) -> list[Printed]:
    markdown = rng.random() < MARKDOWN_PAGES
    printed: list[Printed] = []
    if material.headers and rng.random() < PAGE_HEADER:
        printed.append(Printed(rng.choice(material.headers), LineRole.FURNITURE))
    chosen = rng.sample(material.articles, min(len(material.articles), rng.randint(*ARTICLES_PER_PAGE)))
    pending: list[Printed] = []
    for index, article in enumerate(chosen):
        if index and material.adverts and rng.random() < ADVERT_BETWEEN:
            printed += [Printed(line, LineRole.AD) for line in rng.choice(material.adverts)]
        printed += _headline(article, markdown, rng)
        body, rest = _body(article, rng)
        printed += body
        printed += pending
        pending = rest
    printed += pending
    return printed


def _headline(article: ArticleRecord, markdown: bool, rng: random.Random) -> list[Printed]:
    lines = []
    title_seen = False
    title_only = rng.random() < TITLE_ONLY  # many headlines are printed without kicker or subtitle
    for k, (role, text) in enumerate(article.headline):
        if title_only and role is not LineRole.TITLE:
            continue
        prefix = ""
        if markdown and role is LineRole.TITLE and not title_seen:
            level = article.md_levels.get(k) or (2 if article.kind == "photo" else 1)
            prefix = "#" * min(level, 2) + " "
            title_seen = True
        elif markdown and role is LineRole.SECTION and article.md_levels.get(k):
            prefix = "## "
        lines.append(Printed(prefix + text, role))
    if lines and rng.random() < EXTRA_BLANK_BEFORE_HEADLINE:
        lines.insert(0, Printed("", LineRole.FURNITURE))  # an extra blank line, dropped when rendered
    return lines


def _body(article: ArticleRecord, rng: random.Random) -> tuple[list[Printed], list[Printed]]:
    """The article's paragraphs as printed lines, and what is continued after the next article."""
    paragraphs = list(article.paragraphs)
    photo = article.kind == "photo"
    first_body = next((k for k, (role, _) in enumerate(paragraphs) if role is LineRole.BODY), None)
    # a byline printed under the headline may be printed after the body instead
    if not photo and first_body is not None and rng.random() < BYLINE_AFTER_BODY:
        leading = [p for p in paragraphs[:first_body] if p[0] is LineRole.BYLINE]
        if leading:
            paragraphs = [p for p in paragraphs if p not in leading] + leading
    if first_body is not None and rng.random() < LEAD_WITHOUT_BYLINE:
        role, text = paragraphs[first_body]
        lead = leading_byline(text)
        if lead is not None and len(text) - lead[0] > 20:
            paragraphs[first_body] = (role, text[lead[0]:].lstrip())
    lines: list[Printed] = []
    for role, text in paragraphs:
        if role is LineRole.BOX:
            lines.append(Printed("阅读提示", LineRole.PROMPT))
        if role is LineRole.BODY and len(text) > 60 and rng.random() < COLUMN_BREAK:
            cut = rng.randint(15, len(text) - 10)
            lines += [Printed(text[:cut], LineRole.BODY), Printed(text[cut:], LineRole.BODY)]
        else:
            lines.append(Printed(text, role, tight=photo and role is LineRole.CREDIT and rng.random() < 0.5))
    rest: list[Printed] = []
    if not photo and rng.random() < CONTINUED_LATER:
        last_body = max((k for k, p in enumerate(lines) if p.role is LineRole.BODY), default=None)
        if last_body is not None and last_body > 0 and len(lines[last_body].text) > 40:
            text = lines[last_body].text
            cut = rng.randint(15, len(text) - 10)
            if text[cut - 1] not in SENTENCE_END:
                lines[last_body] = Printed(text[:cut], LineRole.BODY)
                rest = [Printed(text[cut:], LineRole.BODY)] + lines[last_body + 1 :]
                lines = lines[: last_body + 1]
    return lines, rest


def _wrap(printed: list[Printed], width: int) -> list[Printed]:
    """Body text cut into lines of ``width`` characters, printed one under the other."""
    out: list[Printed] = []
    for item in printed:
        if item.role is not LineRole.BODY or len(item.text) <= width:
            out.append(item)
            continue
        pieces = [item.text[k : k + width] for k in range(0, len(item.text), width)]
        out.append(Printed(pieces[0], LineRole.BODY, item.tight))
        out += [Printed(piece, LineRole.BODY, tight=True) for piece in pieces[1:]]
    return out


def _render(printed: list[Printed], *, half_width: bool) -> tuple[str, list[LineRole]]:
    out: list[str] = []
    roles: list[LineRole] = []
    for item in printed:
        if not item.text:
            out.append("")
            continue
        if out and not item.tight:
            out.append("")
        out.append(item.text.translate(_HALF) if half_width else item.text)
        roles.append(item.role)
    return "\n".join(out) + "\n", roles
