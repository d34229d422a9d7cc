"""Builds the unseen-page corpus from its hand-written page specs.

    python tests/data/pages/build.py            # writes <split>/*.txt, <split>/gold.json, ../candidates_gold_pages.jsonl

Splits: tune/ (tuning material), test/ and test13/ (frozen test sets: never read while tuning).

Each page is written once, by hand, as a spec (`<split>/<name>.spec`): the page's lines in print order,
each tagged with the role a reader gives it and the article it belongs to. This script only renders
the spec: it writes the page text (one blank line between printed lines, as the seeds have them) and
derives the gold from the tags, so the page and its gold can never disagree. It never runs the
importer or the candidate rules.

Spec syntax (one item per line):

    % comment
    BLANK                      an extra empty line on the page
    @3 {"kind": "news", ...}   metadata of article 3 (kind is required; title/kicker/subtitle/section
                               override what the tags give, for merged headline lines; "title": "" for a
                               photo caption printed without a headline; byline, note, source)
    T3|text  K3|  S3|  C3|     headline lines of article 3: title, kicker, subtitle, section label
    P3|text                    a paragraph of article 3's text
    J3|text                    the rest of article 3's last paragraph, cut off by a column break or
                               resumed further down the page (a continuation); joined with nothing
    B3|text                    a 阅读提示 box of article 3: its text opens the article wherever it is printed
    D3|text                    a second printing of some of article 3's lines; a reader drops it
    X|text                     page furniture that belongs to no article (page header, 广告, the word 阅读提示)
    ^P3|text                   a leading ^ prints the line directly under the previous one (no blank line)
    E|surface/LABEL; ...       the entities of the line above, in reading order (guidelines.md);
                               surface/LABEL/2 takes the second occurrence after the previous entity

Gold (`<split>/gold.json`) has the seed gold's shape (tests/data/seed_articles_gold.json): per page,
the articles with title, kind, kicker/subtitle/section, the source lines of their text in reading order
("a+b": one paragraph rejoined with nothing inserted), first and last sentence, continuations,
dropped duplicates and the expected byline where the page tests one. Entities go to
tests/data/candidates_gold_pages.jsonl, one record per headline line and per paragraph, in the format of
tests/data/candidates_gold.jsonl.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("tune", "test", "test13")
CANDIDATES_GOLD = HERE.parent / "candidates_gold_pages.jsonl"
ITEM = re.compile(r"^(\^?)([TKSCPJBD])(\d+)\|(.*)$")
FURNITURE = re.compile(r"^(\^?)X\|(.*)$")
META = re.compile(r"^@(\d+)\s+(\{.*\})\s*$")
SENTENCE_END = re.compile(r"[。！？!?](?:[”’」』）)])?")
ABOUT = (
    "Articles of the unseen pages as a human reader cuts them, written from the page specs in this folder "
    "(see ../README.md). 'paragraphs' lists source lines (1-based) in the order the article's text reads them; "
    "'a+b' is one paragraph cut by a column break or continued further down the page, rejoined with nothing "
    "inserted. Headline lines (title, kicker, subtitle, section) and furniture are not in the text. "
    "'first'/'last' are the first and last sentence of the text. Same shape as tests/data/seed_articles_gold.json."
)


class SpecError(ValueError):
    pass


@dataclass
class Paragraph:
    lines: list[int]
    texts: list[str]
    entities: list[tuple[str, str, int]] = field(default_factory=list)
    box: bool = False

    @property
    def text(self) -> str:
        return "".join(self.texts)


@dataclass
class Headline:
    role: str
    line: int
    text: str
    entities: list[tuple[str, str, int]] = field(default_factory=list)


@dataclass
class Article:
    number: int
    meta: dict = field(default_factory=dict)
    headlines: list[Headline] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    duplicate_lines: list[int] = field(default_factory=list)
    continues: list[dict] = field(default_factory=list)
    last_line: int = 0


def strip_heading(text: str) -> str:
    return re.sub(r"^#+\s*", "", text.strip()).strip()


def parse_entities(spec: str, where: str) -> list[tuple[str, str, int]]:
    out = []
    for chunk in spec.split(";"):
        chunk = chunk.strip()
        if not chunk:
            continue
        parts = chunk.rsplit("/", 2) if chunk.count("/") >= 2 and chunk.rsplit("/", 1)[1].isdigit() else chunk.rsplit("/", 1)
        if len(parts) == 3:
            surface, label, nth = parts[0], parts[1], int(parts[2])
        elif len(parts) == 2:
            surface, label, nth = parts[0], parts[1], 1
        else:
            raise SpecError(f"{where}: entity {chunk!r} is not surface/LABEL")
        if label not in {"PER", "ORG", "LOC", "TITLE", "DATE", "MONEY", "WORK"}:
            raise SpecError(f"{where}: unknown label {label!r}")
        out.append((surface, label, nth))
    return out


def locate(text: str, entities: list[tuple[str, str, int]], where: str) -> list[dict]:
    spans, cursor = [], 0
    for surface, label, nth in entities:
        start = cursor - 1
        for _ in range(nth):
            start = text.find(surface, start + 1)
            if start < 0:
                raise SpecError(f"{where}: entity {surface!r} not found after offset {cursor} in {text[:40]!r}")
        end = start + len(surface)
        if spans and start < spans[-1]["end"]:
            raise SpecError(f"{where}: entity {surface!r} overlaps {spans[-1]['text']!r}")
        spans.append({"start": start, "end": end, "label": label, "text": surface})
        cursor = end
    return spans


def first_sentence(text: str) -> str:
    first = text.split("\n", 1)[0]
    m = SENTENCE_END.search(first)
    return first[: m.end()] if m else first


def last_sentence(text: str) -> str:
    last = text.rsplit("\n", 1)[-1]
    ends = [m.end() for m in SENTENCE_END.finditer(last) if m.end() < len(last)]
    return last[ends[-1]:] if ends else last


def build_page(spec_path: Path) -> tuple[str, list[Article]]:
    lines: list[str] = []
    articles: dict[int, Article] = {}
    last_item: Headline | Paragraph | None = None
    last_content_line = 0
    printed_any = False

    def article(n: int) -> Article:
        return articles.setdefault(n, Article(n))

    for number, raw in enumerate(spec_path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{spec_path.name}:{number}"
        if not raw.strip() or raw.startswith("%"):
            continue
        if raw.strip() == "BLANK":
            lines.append("")
            continue
        if raw.startswith("E|"):
            if last_item is None:
                raise SpecError(f"{where}: entities without a line to attach them to")
            last_item.entities.extend(parse_entities(raw[2:], where))
            continue
        if m := META.match(raw):
            article(int(m.group(1))).meta.update(json.loads(m.group(2)))
            continue
        if m := FURNITURE.match(raw):
            tight, text = m.group(1), m.group(2)
            if printed_any and not tight:
                lines.append("")
            lines.append(text)
            printed_any, last_item = True, None
            last_content_line = len(lines)
            continue
        m = ITEM.match(raw)
        if not m:
            raise SpecError(f"{where}: not a spec line: {raw[:40]!r}")
        tight, role, n, text = m.group(1), m.group(2), int(m.group(3)), m.group(4)
        if text != text.strip() or not text:
            raise SpecError(f"{where}: line text is empty or has spaces at an end")
        if printed_any and not tight:
            lines.append("")
        lines.append(text)
        printed_any = True
        line_no = len(lines)
        a = article(n)
        if role in "TKSC":
            last_item = Headline(role, line_no, text)
            a.headlines.append(last_item)
        elif role in "PB":
            last_item = Paragraph([line_no], [strip_heading(text)], box=role == "B")
            a.paragraphs.append(last_item)
        elif role == "J":
            if not a.paragraphs:
                raise SpecError(f"{where}: J{n} has no paragraph to continue")
            last_item = a.paragraphs[-1]
            previous = last_item.lines[-1]
            if previous != last_content_line:
                a.continues.append({"line": line_no, "after_line": previous})
            last_item.lines.append(line_no)
            last_item.texts.append(strip_heading(text))
        elif role == "D":
            a.duplicate_lines.append(line_no)
            last_item = None
        last_content_line = line_no
    return "\n".join(lines) + "\n", [articles[k] for k in sorted(articles)]


def gold_entry(a: Article, where: str) -> dict:
    meta = dict(a.meta)
    if "kind" not in meta:
        raise SpecError(f"{where}: article {a.number} has no kind")
    by_role: dict[str, list[str]] = {}
    for h in a.headlines:
        by_role.setdefault(h.role, []).append(strip_heading(h.text))
    untitled = meta.get("title") == ""  # a photo caption printed with no headline of its own: said so, explicitly
    title = meta.pop("title", None) or " ".join(by_role.get("T", []))
    if not title and not untitled:
        raise SpecError(f"{where}: article {a.number} has no title")
    entry: dict = {"title": title, "kind": meta.pop("kind")}
    for role, key in (("K", "kicker"), ("S", "subtitle"), ("C", "section")):
        value = meta.pop(key, None) or "\n".join(by_role.get(role, []))
        if value:
            entry[key] = value
    ordered = [p for p in a.paragraphs if p.box] + [p for p in a.paragraphs if not p.box]
    if not ordered:
        raise SpecError(f"{where}: article {a.number} has no text")
    entry["paragraphs"] = ["+".join(str(n) for n in p.lines) for p in ordered]
    text = "\n".join(p.text for p in ordered)
    entry["first"], entry["last"] = first_sentence(text), last_sentence(text)
    if a.continues:
        entry["continues"] = a.continues
    if a.duplicate_lines:
        first, last = a.duplicate_lines[0], a.duplicate_lines[-1]
        entry["dropped_duplicate_lines"] = [first, last]
    for key in ("byline", "note", "source"):
        if key in meta:
            entry[key] = meta.pop(key)
    if meta:
        raise SpecError(f"{where}: article {a.number} has unknown metadata {sorted(meta)}")
    return entry


def candidate_records(split: str, page: str, articles: list[Article]) -> list[dict]:
    records = []
    stem = Path(page).stem
    for a in articles:
        items: list[tuple[str, list]] = [(h.text.lstrip("#").strip(), h.entities) for h in a.headlines]
        ordered = [p for p in a.paragraphs if p.box] + [p for p in a.paragraphs if not p.box]
        items += [(p.text, p.entities) for p in ordered]
        for text, entities in items:
            where = f"{split}/{page} article {a.number}"
            records.append({
                "id": f"pg-{split}-{stem}-{len(records) + 1:03d}",
                "title": text[:30],
                "text": text,
                "meta": {"split": split, "source": f"tests/data/pages/{split}/{page}"},
                "entities": locate(text, entities, where),
            })
    return records


def build(root: Path = HERE) -> dict[str, dict]:
    golds: dict[str, dict] = {}
    candidates: list[dict] = []
    for split in SPLITS:
        pages: dict[str, list[dict]] = {}
        for spec in sorted((root / split).glob("*.spec")):
            text, articles = build_page(spec)
            page = spec.with_suffix(".txt").name
            (root / split / page).write_text(text, encoding="utf-8")
            pages[page] = [gold_entry(a, f"{split}/{spec.name}") for a in articles]
            candidates += candidate_records(split, page, articles)
        golds[split] = {"about": ABOUT, "pages": pages}
        (root / split / "gold.json").write_text(json.dumps(golds[split], ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    CANDIDATES_GOLD.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in candidates), encoding="utf-8")
    return golds


if __name__ == "__main__":
    try:
        build()
    except SpecError as exc:
        sys.exit(f"build.py: {exc}")
