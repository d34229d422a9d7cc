"""Article-splitting quality: how many articles of hand-cut pages come out exactly as a reader cuts them.

    python -m annotator.ingest.evaluate [--sets seeds,tune,test,test13] [--pages p71,p72] [--verbose] [--show-test-diffs] [--json]

Scores four sets of pages against gold lists written by reading them (never by running the
splitter): the five seed pages (tests/data/seed_articles_gold.json, seeds/), the tuning pages
(tests/data/pages/tune/) and two frozen test sets (tests/data/pages/test/ and tests/data/pages/test13/,
the later one built from outlets and regions the others do not use). An article is exact when
some document of its page has the same text, paragraph for paragraph (half-width punctuation the gold
prints as the page does counts as its full-width form). Titles, kinds, kickers, subtitles, sections
and bylines are checked on the exact articles and reported apart.

A wrong cut costs the reviewer little if the import says where to look, so each set also reports how
many of its missed articles are **flagged**: some document holding part of the article carries a warning
flag (`meta["flags"]` of a kind in ``WARNINGS``: an uncertain boundary, a join to check, a text that stops or
starts mid-sentence), and how many exact articles carry one anyway (false alarms, which teach reviewers to
ignore flags). `continuation` and `no_headline` flags only inform, so they count for neither.

``--verbose`` lists, for the tuning pages only, which articles differ and how. ``--show-test-diffs``
does the same for the test pages (the frozen sets): that is for the final report, not for tuning. Rules
written while looking at the test pages make the test figure worthless. ``--sets seeds,tune`` scores only
the sets named, so the test figures are not even seen while tuning.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.errors import InputError
from annotator.formats.registry import ReadOptions
from annotator.ingest.text_reader import read_text
from annotator.ingest.train_line_roles import FoldResult, cross_validate
from annotator.model import Document
from annotator.readme_figures import measured_once, of, ratio, write_block

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
# name, gold file, folder of pages, whether its differences may be shown while tuning
SETS = (
    ("seeds", DATA / "seed_articles_gold.json", REPO / "seeds", True),
    ("tune", DATA / "pages" / "tune" / "gold.json", DATA / "pages" / "tune", True),
    ("test", DATA / "pages" / "test" / "gold.json", DATA / "pages" / "test", False),
    # the thirteenth frozen test set: committed before anything was measured on it, measured once by the lead
    ("test13", DATA / "pages" / "test13" / "gold.json", DATA / "pages" / "test13", False),
)
# how the README's table names each set; a set not listed is a fresh frozen set
SET_TITLES = {
    "seeds": "the five seed pages",
    "tune": "the tune pages (tuning material)",
    "test": "the first test pages (frozen, seen often)",
}
README_BLOCK = "splitting quality"
README_COMMAND = "python -m annotator.ingest.evaluate --readme"
# Half-width punctuation the gold may print as the page does; the documents carry it full width.
_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"})
FURNITURE_KEYS = ("kicker", "subtitle", "section")
# the flag kinds that tell a reviewer a cut or a join may be wrong (docs/ingest.md lists every kind)
WARNINGS = frozenset({"uncertain_boundary", "low_confidence_join", "unterminated_paragraph", "unfinished", "fragment"})


def canon(text: str) -> str:
    return text.translate(_FULL)


def expected_text(lines: Sequence[str], paragraphs: Iterable[str]) -> str:
    """The article text the gold describes: its source lines in order, "a+b" rejoined with nothing between."""

    def line(number: str) -> str:
        return re.sub(r"^#+\s*", "", lines[int(number) - 1].strip()).strip()

    return "\n".join("".join(line(n) for n in spec.split("+")) for spec in paragraphs)


def read_page(path: Path) -> tuple[str, list[Document]]:
    """The decoded page (BOM removed) and the documents the text reader cuts it into."""
    source = read_text(path, ReadOptions())
    return path.read_bytes().decode("utf-8-sig"), [d.document for d in source.documents]


@dataclass
class Miss:
    page: str
    title: str
    expected: list[str]
    closest: list[str]
    closest_title: str

    def describe(self, width: int = 36) -> list[str]:
        """How the closest document differs from the gold article, paragraph by paragraph."""

        def short(p: str) -> str:
            return p if len(p) <= width else f"{p[: width // 2]}…{p[-width // 2 :]}"

        if not self.closest:
            return ["no document shares a paragraph with it"]
        out = [f"closest document: {self.closest_title or '(no title)'}"]
        gold, got = set(self.expected), set(self.closest)
        out += [f"  - missing: {short(p)}" for p in self.expected if p not in got]
        out += [f"  + extra:   {short(p)}" for p in self.closest if p not in gold]
        if gold == got:
            out.append("  same paragraphs in another order")
        return out


@dataclass
class SetScore:
    name: str
    exact: int = 0
    total: int = 0
    documents: int = 0
    misses: list[Miss] = field(default_factory=list)
    matched: list[tuple[dict, Document]] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    # missed articles some document holding part of them is flagged on; exact articles flagged anyway
    flagged_misses: int = 0
    flagged_exact: int = 0

    @property
    def unmatched_documents(self) -> int:
        return self.documents - self.exact

    def as_dict(self) -> dict:
        return {"exact": self.exact, "total": self.total, "ratio": round(self.exact / self.total, 4) if self.total else 0.0,
                "documents": self.documents, "furniture_mismatches": len(self.furniture),
                "misses_flagged": self.flagged_misses, "exact_flagged": self.flagged_exact}


def load_gold(path: Path) -> dict[str, list[dict]]:
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
        pages = gold["pages"]
    except FileNotFoundError:
        raise InputError(f"{path}: gold file not found (the evaluation runs from a checkout of the repository)") from None
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a gold file with a 'pages' table ({exc})") from None
    for page, articles in pages.items():
        for number, article in enumerate(articles, start=1):
            for key in ("title", "kind", "paragraphs"):
                if key not in article:
                    raise InputError(f"{path}: {page}, article {number}: no '{key}'")
    return pages


def warned(doc: Document) -> bool:
    """Whether the document carries a flag telling the reviewer a cut or a join may be wrong."""
    return any(flag.get("kind") in WARNINGS for flag in doc.meta.get("flags", ()))


def furniture_mismatches(article: dict, doc: Document) -> list[str]:
    """What a reader records besides the text that this document has otherwise: title, kind, headline lines, byline."""
    found = []
    if canon(doc.title) != canon(article["title"]):
        found.append(f"title {doc.title!r}, expected {article['title']!r}")
    if doc.kind != article["kind"]:
        found.append(f"kind {doc.kind}, expected {article['kind']}")
    for key in FURNITURE_KEYS:
        # a subtitle's leading dash is typography (the documents drop it); some gold records keep it
        if key in article and canon(article[key]).lstrip("—-").strip() not in canon(doc.meta.get(key, "")):
            found.append(f"{key} {doc.meta.get(key, '')!r}, expected {article[key]!r}")
    byline = doc.meta.get("byline", {})
    for key, value in article.get("byline", {}).items():
        if byline.get(key) != value:
            found.append(f"byline {key} {byline.get(key)!r}, expected {value!r}")
    return found


def score_pages(name: str, gold_path: Path, folder: Path, pages: Sequence[str] = ()) -> SetScore:
    """Score one set; with ``pages``, only its pages whose file name starts with one of them."""
    result = SetScore(name)
    for page, articles in load_gold(gold_path).items():
        if pages and not page.startswith(tuple(pages)):
            continue
        path = Path(folder) / page
        if not path.is_file():
            raise InputError(f"{gold_path}: page {page} not found in {folder}")
        decoded, docs = read_page(path)
        lines = decoded.split("\n")
        result.documents += len(docs)
        by_text = {canon(d.text): d for d in docs}
        doc_paragraphs = [(d, canon(d.text).split("\n")) for d in docs]
        for article in articles:
            result.total += 1
            text = canon(expected_text(lines, article["paragraphs"]))
            doc = by_text.get(text)
            if doc is not None:
                result.exact += 1
                result.flagged_exact += warned(doc)
                result.matched.append((article, doc))
                result.furniture += [f"{page}: {article['title']}: {m}" for m in furniture_mismatches(article, doc)]
                continue
            expected = text.split("\n")
            best, best_shared = None, 0
            for candidate, paragraphs in doc_paragraphs:
                shared = len(set(expected) & set(paragraphs))
                if shared > best_shared:
                    best, best_shared = (candidate, paragraphs), shared
            closest, closest_title = (best[1], best[0].title) if best else ([], "")
            result.flagged_misses += any(warned(candidate) for candidate, paragraphs in doc_paragraphs
                                         if set(expected) & set(paragraphs))
            result.misses.append(Miss(page, article["title"], expected, closest, closest_title))
    return result


def evaluate(sets: Sequence[tuple[str, Path, Path, bool]] = SETS, pages: Sequence[str] = ()) -> dict[str, SetScore]:
    return {name: score_pages(name, gold, folder, pages) for name, gold, folder, _ in sets}


def report(scores: dict[str, SetScore], *, verbose: bool, show_test_diffs: bool,
           sets: Sequence[tuple[str, Path, Path, bool]] = SETS) -> str:
    tunable = {name: may_show for name, _, _, may_show in sets}
    out = [f"{'set':<8}{'exact':>7}{'total':>7}{'ratio':>8}{'documents':>11}{'furniture':>11}"
           f"{'misses flagged':>16}{'exact flagged':>15}"]
    for name, s in scores.items():
        ratio = s.exact / s.total if s.total else 0.0
        missed = s.total - s.exact
        out.append(f"{name:<8}{s.exact:>7}{s.total:>7}{ratio:>8.2f}{s.documents:>11}{len(s.furniture):>11}"
                   f"{f'{s.flagged_misses}/{missed}':>16}{f'{s.flagged_exact}/{s.exact}':>15}")
    out.append("(documents: what the splitter made of those pages; furniture: title, kind, headline lines or "
               "byline differing on an exact article; misses flagged: wrong articles a warning flag on one of their "
               "documents points the reviewer to; exact flagged: right articles warned about anyway)")
    for name, s in scores.items():
        show = verbose and (tunable.get(name, False) or show_test_diffs)
        if not show:
            continue
        if not tunable.get(name, False):
            out.append(f"\n== {name}: differences shown for the final report, not for tuning ==")
        else:
            out.append(f"\n== {name}: articles that differ ==")
        for miss in s.misses:
            out.append(f"{miss.page}: {miss.title}")
            out += [f"    {line}" for line in miss.describe()]
        for line in s.furniture:
            out.append(f"furniture  {line}")
    if verbose and not show_test_diffs and any(not tunable.get(n, False) for n in scores):
        out.append("\n(test pages: differences hidden; --show-test-diffs prints them for the final report, "
                   "never while writing rules)")
    return "\n".join(out)


def readme_row(name: str, score: SetScore) -> str:
    """One set's row of the README's table, as measured now."""
    title = SET_TITLES.get(name, f"**{name} (frozen, measured once)**")
    return (f"| {title} | {score.total} | {score.exact} | {ratio(score.exact, score.total)} "
            f"| {of(score.flagged_misses, score.total - score.exact)} | {of(score.flagged_exact, score.exact)} |")


def readme_table(scores: dict[str, SetScore], left_out: Sequence[FoldResult] = ()) -> str:
    """The README's splitting table: every set now, the leave-one-style-out figure (``left_out``: the folds of
    ``train_line_roles.cross_validate``), then each fresh set as it was measured once."""
    rows = ["| pages | articles | exact | share | wrong ones a flag points to | right ones flagged anyway |",
            "|---|---:|---:|---:|---:|---:|"]
    rows += [readme_row(name, score) for name, score in scores.items()]
    if left_out:
        exact, total = sum(f.exact for f in left_out), sum(f.articles for f in left_out)
        rows.append(f"| the seed and tune pages, each paper's style cut by a model trained without it "
                    f"| {total} | {exact} | {ratio(exact, total)} "
                    f"| {of(sum(f.flagged_misses for f in left_out), total - exact)} "
                    f"| {of(sum(f.flagged_exact for f in left_out), exact)} |")
    for entry in measured_once():
        m = entry.splitter
        rows.append(f"| {entry.set} ({entry.pages}, {entry.built}): measured once at {m['commit']}, now tuning "
                    f"| {m['total']} | {m['exact']} | {ratio(m['exact'], m['total'])} "
                    f"| {of(m['misses_flagged'], m['total'] - m['exact'])} | {of(m['exact_flagged'], m['exact'])} |")
    return "\n".join(rows)


def write_readme() -> str:
    """Score every set and cross-validate (about two minutes), then rewrite the README's table; returns it."""
    table = readme_table(evaluate(), cross_validate())
    write_block(README_BLOCK, README_COMMAND, table)
    return table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotator.ingest.evaluate", description=__doc__.split("\n\n")[1])
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list the articles that differ (tuning pages and seeds)")
    parser.add_argument("--show-test-diffs", action="store_true",
                        help="with --verbose, also list the test pages' differences: "
                             "for the final report, not for tuning")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--readme", action="store_true",
                        help="score every set and cross-validate, then rewrite README.md's splitting table "
                             "(what the README claims comes from here)")
    parser.add_argument("--sets", default=",".join(name for name, *_ in SETS),
                        help="comma-separated sets to score (default: all; 'seeds,tune' while tuning)")
    parser.add_argument("--pages", default="",
                        help="comma-separated page name prefixes (p71,p72): score only those pages of the sets, "
                             "e.g. a test set measured once and then made tuning material")
    args = parser.parse_args(argv)
    known = {entry[0]: entry for entry in SETS}
    wanted = [name.strip() for name in args.sets.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in known]
    if unknown or not wanted:
        parser.error(f"--sets: unknown set {', '.join(unknown) or '(none given)'}; choose from {', '.join(known)}")
    chosen = [known[name] for name in wanted]
    if args.readme:
        print(write_readme())
        return 0
    try:
        scores = evaluate(chosen, tuple(p.strip() for p in args.pages.split(",") if p.strip()))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return InputError.exit_code
    if args.json:
        print(json.dumps({name: s.as_dict() for name, s in scores.items()}, indent=2))
    else:
        print(report(scores, verbose=args.verbose, show_test_diffs=args.show_test_diffs, sets=chosen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
