"""The synthetic corpus: newspaper pages and articles recombined from the seed pages, with fixed seeds.

Pages are built from the articles of the bundled seed pages as the importer
reads them (headline, kicker, standalone byline, paragraphs, photo captions):
each page gets 6-10 articles, Markdown or plain headlines (as the seeds have
both), paragraphs cut by column breaks, sometimes an article interrupted and
continued at the bottom of the page, sometimes an ad. Every page has its own
random generator (seeded by its number), so the first 1,000 pages of the
20,000-page corpus are the 1,000-page corpus, and the cache can grow.

The pages are written once to the cache folder and reused by later runs; they
are rebuilt when the seed pages or this generator change.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from annotator.platform import app_paths

# Bump when the page generator changes: cached pages are then rebuilt.
GENERATOR_VERSION = 1
PAGE_SEED = 20220623
TEXT_SEED = 20221224


@dataclass
class Article:
    title: str
    kicker: str
    byline: str  # a standalone byline line, or ""
    paragraphs: list[str]
    photo: bool


def seed_files() -> list[Path]:
    return sorted(app_paths.seeds_dir().glob("*.txt"))


def seed_articles() -> list[Article]:
    """The articles of the bundled seed pages, as the importer reads them (raw text, before normalisation)."""
    from annotator.formats.registry import ReadOptions
    from annotator.ingest.text_reader import read_text

    articles = []
    for path in seed_files():
        for annotated in read_text(path, ReadOptions(normalise_width=False)).documents:
            doc = annotated.document
            paragraphs = (doc.raw_text or doc.text).split("\n")
            byline = ""
            if doc.kind == "feature" and paragraphs and paragraphs[0].startswith("本报记者"):
                byline = paragraphs.pop(0)
            articles.append(Article(doc.title, doc.meta.get("kicker", ""), byline, paragraphs, doc.kind == "photo"))
    return articles


def _cut(paragraph: str, rng: random.Random) -> tuple[str, str]:
    at = rng.randint(len(paragraph) // 4, 3 * len(paragraph) // 4)
    return paragraph[:at], paragraph[at:]


def synthetic_page(articles: list[Article], number: int) -> str:
    """Page ``number``: 6-10 articles, Markdown or plain headlines, column breaks, a continuation, maybe an ad."""
    rng = random.Random(PAGE_SEED * 100_003 + number)
    markdown = rng.random() < 0.5
    chosen = rng.sample(articles, rng.randint(6, min(10, len(articles))))
    blocks: list[str] = []
    continuation: list[str] = []
    for index, article in enumerate(chosen):
        if article.kicker and not article.photo:
            blocks.append(article.kicker)
        title = f"{article.title}（{number}-{index}）"
        blocks.append(("# " if markdown and index % 3 == 0 else "## " if markdown else "") + title)
        if article.byline:
            blocks.append(article.byline)
        paragraphs = list(article.paragraphs)
        # every article distinct, or the store would skip repeats as already imported
        paragraphs[0] = f"{paragraphs[0]}（第{number}期第{index}篇）"
        if not article.photo and len(paragraphs) > 3 and rng.random() < 0.5:
            k = rng.randrange(len(paragraphs) - 1)  # a column break inside a paragraph
            paragraphs[k : k + 1] = list(_cut(paragraphs[k], rng))
        if not continuation and not article.photo and len(paragraphs) > 4 and rng.random() < 0.4:
            # interrupted mid-sentence, continued at the bottom of the page
            k = len(paragraphs) // 2
            head, tail = _cut(paragraphs[k], rng)
            continuation = [tail, *paragraphs[k + 1 :]]
            paragraphs = [*paragraphs[:k], head]
        blocks.extend(paragraphs)
    blocks.extend(continuation)
    if rng.random() < 0.3:
        blocks.append("广告")
    return "\n\n" + "\n\n".join(blocks) + "\n"


def _fingerprint() -> str:
    digest = hashlib.sha256(f"generator {GENERATOR_VERSION}".encode())
    for path in seed_files():
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def page_paths(cache: Path, count: int) -> list[Path]:
    """The first ``count`` synthetic pages as UTF-8 files in ``cache``, written now if not there yet."""
    folder = cache / "pages"
    manifest = folder / "manifest.json"
    fingerprint = _fingerprint()
    known = 0
    if manifest.is_file():
        state = json.loads(manifest.read_text(encoding="utf-8"))
        if state.get("fingerprint") == fingerprint:
            known = int(state.get("pages", 0))
    if known == 0 and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"page_{number:05d}.txt" for number in range(count)]
    if count > known:
        articles = seed_articles()
        for number in range(known, count):
            paths[number].write_text(synthetic_page(articles, number), encoding="utf-8")
        manifest.write_text(json.dumps({"fingerprint": fingerprint, "pages": count}), encoding="utf-8")
    return paths


def seed_paragraphs(min_chars: int = 20) -> list[str]:
    paragraphs = []
    for path in seed_files():
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            line = line.strip().lstrip("# ").strip()
            if len(line) >= min_chars:
                paragraphs.append(line)
    return paragraphs


def article_texts(chars: int, *, shortest: int = 2000, longest: int = 8000, seed: int = TEXT_SEED) -> list[str]:
    """Article-length texts recombined from the seed paragraphs, ``chars`` characters in all."""
    paragraphs = seed_paragraphs()
    rng = random.Random(seed)
    texts: list[str] = []
    total = 0
    while total < chars:
        target = rng.randint(shortest, longest)
        parts: list[str] = []
        size = 0
        while size < target:
            paragraph = rng.choice(paragraphs)
            parts.append(paragraph)
            size += len(paragraph) + 2
        text = "\n\n".join(parts)
        texts.append(text)
        total += len(text)
    return texts
