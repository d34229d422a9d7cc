"""Train the line-role model from hand-cut pages, and cross-validate it honestly.

    python -m annotator.ingest.train_line_roles                 # writes resources/ingest/line_roles.crfsuite
    python -m annotator.ingest.train_line_roles --cross-validate  # leave one style out, seeds + tuning pages

The training pages are the five seed pages and the tuning pages of
``tests/data/pages/tune/``; never the frozen test pages. Each line's role is
derived from the page's gold (the same gold the evaluator scores against):
lines of an article's text are body (or, by their shape, a byline, photo
credit or intertitle), lines equal to its title, kicker, subtitle or column
label take that role, 阅读提示 and the line under it are the prompt and the box,
广告 and what follows it up to the next article are the advertisement, and
every other line is page furniture. Training is deterministic (L-BFGS from
zero weights on the same data), so running this again gives the same model.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pycrfsuite

from annotator.ingest import bylines
from annotator.ingest.cues import AD_LINES, READING_PROMPTS, SENTENCE_END
from annotator.ingest.furniture import PageLine, classify
from annotator.ingest.line_features import furniture_shape, page_features, page_positions
from annotator.ingest.line_roles import MODEL_NAME, LineRole
from annotator.ingest.page_variants import gather, variants
from annotator.ingest.source_lines import split_lines

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
# (name, gold, folder): the pages the model may learn from. The frozen test pages are not among them.
TRAINING_SETS = (
    ("seeds", DATA / "seed_articles_gold.json", REPO / "seeds"),
    ("tune", DATA / "pages" / "tune" / "gold.json", DATA / "pages" / "tune"),
)
MODEL_PATH = REPO / "resources" / "ingest" / MODEL_NAME
# L1 keeps only the features that matter (a small, readable model); L2 spreads weight over the rest. Chosen by
# the leave-one-style-out figure (articles exact, 134 articles): c1 0.05 → 105, 0.2 → 111, 0.5 → 107, 1.0 → 108
# (c2 0.05); c2 0.01 → 109, 0.2 → 107 (c1 0.2). Stronger L1 than before keeps fewer cues of one page's layout.
TRAINER_PARAMS = {"c1": 0.2, "c2": 0.05, "max_iterations": 300, "feature.possible_transitions": True}
# How many re-typeset variants of the training pages' articles are learnt from besides the pages themselves.
VARIANTS = 60
# Intertitles are short and do not end a sentence.
_SUBHEAD_MAX_LEN = 40


@dataclass
class LabelledPage:
    name: str
    lines: list[PageLine]
    roles: list[LineRole]
    # the gold article (index into ``articles``) each line belongs to, None for furniture and ads
    owners: list[int | None] = field(default_factory=list)
    articles: list[dict] = field(default_factory=list)


def _plain(text: str) -> str:
    return re.sub(r"^#+\s*", "", text.strip()).strip()


def _headline_text(text: str) -> str:
    """A headline line as the gold records it: without #, and a subtitle without its leading dash."""
    return _plain(text).lstrip("—-").strip()


def _body_role(line: PageLine, single: bool, last: bool = False) -> LineRole:
    """The role of a line of an article's text, by its shape (the gold lists it as text).

    A short line without a sentence end is an intertitle only when more of the article follows it
    (an intertitle introduces text); as the article's last paragraph it is a sign-off (增公宣 某某,
    据新华社) unless it has a comma or a colon, which make it a sentence cut short or a salutation.
    """
    text = line.text
    credit = bylines.photo_credit(text)
    if credit is not None and credit[0] == 0:
        return LineRole.CREDIT
    if bylines.standalone_byline(text) is not None:
        return LineRole.BYLINE
    if (
        single
        and len(text) <= _SUBHEAD_MAX_LEN
        and text[-1] not in SENTENCE_END
        and not any(ch in text for ch in "。！？!?")
        and not bylines.has_leading_byline(text)
    ):
        if text[-1] in "：:":
            return LineRole.BODY  # a salutation (某某编辑部：) or a lead-in to what follows
        if last:
            return LineRole.BODY if any(ch in text for ch in "，,、；;") else LineRole.BYLINE
        return LineRole.SUBHEAD
    return LineRole.BODY


def _lines_spelling(lines: list[PageLine], text: str, free: set[int]) -> list[PageLine]:
    """Consecutive free lines whose headline texts, joined by a space, are ``text`` (a title on two lines)."""
    for start, line in enumerate(lines):
        if line.number not in free:
            continue
        run: list[PageLine] = []
        spelled = ""
        for following in lines[start:]:
            if following.number not in free:
                break
            spelled = f"{spelled} {_headline_text(following.text)}".strip()
            run.append(following)
            if spelled == text:
                return run if len(run) > 1 else []
            if not text.startswith(spelled):
                break
    return []


def label_page(path: Path, articles: list[dict]) -> LabelledPage:
    """The page's lines and the role of each, from its gold."""
    text = path.read_bytes().decode("utf-8-sig")
    lines = [classify(line) for line in split_lines(text)]
    by_number = {line.number: index for index, line in enumerate(lines)}
    roles: dict[int, LineRole] = {}
    owners: dict[int, int] = {}
    for owner, article in enumerate(articles):
        specs = article["paragraphs"]
        for k, spec in enumerate(specs):
            numbers = [int(n) for n in spec.split("+")]
            for position, number in enumerate(numbers):
                line = lines[by_number[number]]
                roles[number] = (_body_role(line, single=len(numbers) == 1, last=k == len(specs) - 1)
                                 if position == 0 else LineRole.BODY)
                owners[number] = owner
        duplicate = article.get("dropped_duplicate_lines")
        if duplicate:
            for number in range(duplicate[0], duplicate[1] + 1):
                if number in by_number:
                    roles[number] = _body_role(lines[by_number[number]], single=True)
    for owner, article in enumerate(articles):
        first = int(article["paragraphs"][0].split("+")[0])
        for key, role in (("section", LineRole.SECTION), ("kicker", LineRole.KICKER),
                          ("title", LineRole.TITLE), ("subtitle", LineRole.SUBTITLE)):
            for part in filter(None, article.get(key, "").split("\n")):
                free = [ln for ln in lines if ln.number not in roles]
                hits = [ln for ln in free if _headline_text(ln.text) == _headline_text(part)]
                if not hits and role is LineRole.TITLE:
                    # a headline line that also carries the kicker, subtitle or column label
                    hits = [ln for ln in free if part in _plain(ln.text)]
                if not hits and role is LineRole.TITLE:
                    # a title printed on two lines or more, which the gold joins with a space
                    run = _lines_spelling(lines, part, {ln.number for ln in free})
                    for ln in run:
                        roles[ln.number] = role
                        owners[ln.number] = owner
                    continue
                if hits:
                    nearest = min(hits, key=lambda ln: abs(ln.number - first))
                    roles[nearest.number] = role
                    owners[nearest.number] = owner
    # lines no article lists: 广告 and what follows it up to the next article's line are the
    # advertisement; a banner beside an article's headline or over its first lines (奋斗百年路
    # 启航新征程 / 工会工作巡礼) heads a series, like a column label; above the first article they
    # are the page header
    in_ad = False
    for line in lines:
        if line.number in roles:
            in_ad = False
        elif line.text in AD_LINES or in_ad:
            roles[line.number] = LineRole.AD
            in_ad = True
    first_article_line = min((n for n, r in roles.items() if r is not LineRole.AD), default=0)
    headline_roles = (LineRole.SECTION, LineRole.KICKER, LineRole.TITLE, LineRole.SUBTITLE)
    changed = True
    while changed:
        changed = False
        for index, line in enumerate(lines):
            if (line.number in roles or line.number < first_article_line or line.text in READING_PROMPTS
                    or furniture_shape(lines, index) is not None):
                continue
            for k in (index - 1, index + 1):
                if 0 <= k < len(lines) and (roles.get(lines[k].number) in headline_roles
                                            or lines[k].text in READING_PROMPTS):
                    roles[line.number] = LineRole.SECTION
                    changed = True
                    break
    previous_prompt = False
    for line in lines:
        if line.number not in roles:
            roles[line.number] = LineRole.PROMPT if line.text in READING_PROMPTS else LineRole.FURNITURE
        if previous_prompt and roles[line.number] in (LineRole.BODY, LineRole.SUBHEAD):
            roles[line.number] = LineRole.BOX
        previous_prompt = roles[line.number] is LineRole.PROMPT
    return LabelledPage(path.name, lines, [roles[line.number] for line in lines],
                        [owners.get(line.number) for line in lines], articles)


def training_pages(sets: Sequence[tuple[str, Path, Path]] = TRAINING_SETS) -> list[LabelledPage]:
    pages = []
    for _, gold, folder in sets:
        for page, articles in json.loads(Path(gold).read_text(encoding="utf-8"))["pages"].items():
            pages.append(label_page(Path(folder) / page, articles))
    return pages


def with_variants(pages: Sequence[LabelledPage], count: int = VARIANTS, seed: int = 0) -> list[LabelledPage]:
    """The pages and ``count`` variants typeset from their articles (see ``page_variants``)."""
    out = list(pages)
    for number, (text, roles) in enumerate(variants(gather(pages), count, seed)):
        lines = [classify(line) for line in split_lines(text)]
        if len(lines) != len(roles):
            raise ValueError(f"variant {number}: {len(lines)} lines but {len(roles)} roles")
        out.append(LabelledPage(f"variant-{number}", lines, roles))
    return out


def train(pages: Sequence[LabelledPage], path: Path, *, variant_count: int | None = None) -> None:
    """Train on ``pages`` and variants typeset from their articles; write the model to ``path``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for page in with_variants(pages, VARIANTS if variant_count is None else variant_count):
        # furniture by its shape is settled before the model reads a page: it is left out of what it learns from
        kept = [index for index in range(len(page.lines)) if furniture_shape(page.lines, index) is None]
        lines = [page.lines[index] for index in kept]
        roles = [page.roles[index] for index in kept]
        if not lines:
            continue
        positions = page_positions(lines)
        # a run of paragraphs read as one position takes the role of its first line
        trainer.append(page_features(lines, positions), [roles[span.start].value for span in positions])
    trainer.set_params(TRAINER_PARAMS)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))


@dataclass
class FoldResult:
    page: str
    lines_right: int
    lines: int
    exact: int
    articles: int
    confusions: list[tuple[int, str, str, str]]  # line, gold role, read role, text
    misses: list[str]
    flagged_misses: int
    flagged_exact: int
    differences: list[list[str]] = field(default_factory=list)  # per missed article, how it differs


STYLES = DATA / "pages" / "tune" / "styles.json"


def style_groups(sets: Sequence[tuple[str, Path, Path]] = TRAINING_SETS, styles: Path = STYLES) -> dict[str, str]:
    """Page file name → its style group: the seed pages are one group (one paper, one layout), the tuning pages
    are grouped by ``tune/styles.json`` (pages of one paper and layout together), any other page is its own."""
    listed: dict[str, str] = {}
    if styles.is_file():
        for group, pages in json.loads(styles.read_text(encoding="utf-8"))["groups"].items():
            listed.update((page, group) for page in pages)
    groups = {}
    for name, gold, _ in sets:
        for page in json.loads(Path(gold).read_text(encoding="utf-8"))["pages"]:
            groups[page] = name if name == "seeds" else listed.get(page, page)
    return groups


def cross_validate(
    sets: Sequence[tuple[str, Path, Path]] = TRAINING_SETS, *, by_page: bool = False, variant_count: int | None = None
) -> list[FoldResult]:
    """Leave a style group out (or one page, ``by_page``): train on the rest, cut the pages left out, score them.

    Leaving out a whole style (a paper and its layout) is the honest figure for pages of a paper the model has
    not seen: a page left out alone still has its siblings of the same paper in the training fold.
    """
    # imported here: the evaluator reads files through the text reader, which the trainer does not otherwise need
    from annotator.ingest.evaluate import score_pages
    from annotator.ingest.line_roles import use_model

    entries = []
    for _, gold, folder in sets:
        for page, articles in json.loads(Path(gold).read_text(encoding="utf-8"))["pages"].items():
            entries.append((Path(folder) / page, articles))
    pages = [label_page(path, articles) for path, articles in entries]
    groups = style_groups(sets)
    group_of = [path.name if by_page else groups[path.name] for path, _ in entries]
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        for group in dict.fromkeys(group_of):
            model = Path(scratch) / "fold.crfsuite"
            train([p for p, g in zip(pages, group_of, strict=True) if g != group], model, variant_count=variant_count)
            with use_model(model) as role_model:
                for (path, articles), held_out, g in zip(entries, pages, group_of, strict=True):
                    if g != group:
                        continue
                    readings = role_model.read(held_out.lines)
                    gold = Path(scratch) / "gold.json"
                    gold.write_text(json.dumps({"pages": {path.name: articles}}, ensure_ascii=False), encoding="utf-8")
                    score = score_pages(path.name, gold, path.parent)
                    confusions = [
                        (line.number, want.value, got.role.value, line.text[:40])
                        for line, want, got in zip(held_out.lines, held_out.roles, readings, strict=True)
                        if want is not got.role
                    ]
                    results.append(FoldResult(
                        path.name, len(held_out.lines) - len(confusions), len(held_out.lines), score.exact,
                        score.total, confusions, [m.title for m in score.misses],
                        score.flagged_misses, score.flagged_exact,
                        [m.describe() for m in score.misses],
                    ))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotator.ingest.train_line_roles",
                                     description=__doc__.split("\n\n")[2])
    parser.add_argument("--cross-validate", action="store_true",
                        help="leave-one-style-out figures instead of training (a paper and its layout left out at once)")
    parser.add_argument("--by-page", action="store_true", help="with --cross-validate, leave one page out instead")
    parser.add_argument("--verbose", "-v", action="store_true", help="with --cross-validate, list every wrong line")
    parser.add_argument("--variants", type=int, default=None, metavar="N",
                        help=f"learn from N re-typeset variants of the training pages' articles (default {VARIANTS})")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help=f"where to write the model (default {MODEL_PATH})")
    args = parser.parse_args(argv)
    pages = training_pages()
    counts = Counter(role.value for page in pages for role in page.roles)
    summary = ", ".join(f"{role} {n}" for role, n in counts.most_common())
    print(f"{len(pages)} pages, {sum(counts.values())} lines: {summary}")
    if args.cross_validate:
        results = cross_validate(by_page=args.by_page, variant_count=args.variants)
        confusions: Counter = Counter()
        for fold in results:
            print(f"{fold.page}: lines {fold.lines_right}/{fold.lines}, articles {fold.exact}/{fold.articles}")
            if args.verbose:
                for number, want, got, text in fold.confusions:
                    print(f"    line {number}: {want} read as {got}: {text}")
                for title, difference in zip(fold.misses, fold.differences, strict=True):
                    print(f"    article not exact: {title}")
                    for row in difference:
                        print(f"      {row}")
            confusions.update((want, got) for _, want, got, _ in fold.confusions)
        lines_right = sum(f.lines_right for f in results)
        lines = sum(f.lines for f in results)
        exact = sum(f.exact for f in results)
        articles = sum(f.articles for f in results)
        print(f"leave one {'page' if args.by_page else 'style'} out: lines {lines_right}/{lines} ({lines_right / lines:.3f}), "
              f"articles exact {exact}/{articles} ({exact / articles:.3f})")
        # what the reviewer is told: with a model that never saw the page, are the wrong articles flagged?
        print(f"  wrong articles a warning flag points to: {sum(f.flagged_misses for f in results)}/{articles - exact}; "
              f"right articles warned about anyway: {sum(f.flagged_exact for f in results)}/{exact}")
        for (want, got), n in confusions.most_common():
            print(f"  {want} read as {got}: {n}")
        return 0
    train(pages, args.out, variant_count=args.variants)
    print(f"model written to {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
