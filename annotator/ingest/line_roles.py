"""The role a reader gives each line of a page, read by a small CRF over the lines' features.

Roles: page furniture (page headers, series banners), advertisement, the word
阅读提示, column label, kicker, title, subtitle, byline, photo credit, the
text of a 阅读提示 box, intertitle (subhead) and body text. The model is a
linear-chain CRF (python-crfsuite) trained on hand-cut pages by
``python -m annotator.ingest.train_line_roles``; its features are today's
typographic rules (``line_features``), so what it learns is how much each rule
counts and which roles follow which. The trained model is a small data file
in ``resources/ingest/``, loaded once per process.

Every line comes back with its role, the model's confidence in it (the
marginal probability), the runner-up role, and the features that spoke most
for the role against the runner-up, so a close decision can be explained in
the import notes and flagged for the reviewer.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import pycrfsuite

from annotator.ingest import bylines
from annotator.ingest.cues import KICKER_DASHES
from annotator.ingest.furniture import LineKind, PageLine
from annotator.ingest.joins import SHORT_LINE_JOIN, join_evidence
from annotator.ingest.line_features import is_markdown_page, page_features
from annotator.platform.app_paths import resource

MODEL_NAME = "line_roles.crfsuite"


class LineRole(str, Enum):
    FURNITURE = "furniture"  # page header, series banner: belongs to no article
    AD = "ad"  # 广告 and the advertisement under it
    PROMPT = "prompt"  # the words 阅读提示
    SECTION = "section"  # column label
    KICKER = "kicker"
    TITLE = "title"
    SUBTITLE = "subtitle"
    BYLINE = "byline"  # a line that only names who wrote or sent the piece
    CREDIT = "credit"  # a photo credit on a line of its own
    BOX = "box"  # the text of a 阅读提示 box
    SUBHEAD = "subhead"  # an intertitle inside an article
    BODY = "body"


HEADLINE_ROLES = frozenset({LineRole.SECTION, LineRole.KICKER, LineRole.TITLE, LineRole.SUBTITLE})
# An intertitle or furniture line at least this likely to be a headline has its decision explained.
SUBHEAD_DOUBT_FOR_EXPLAINING = 0.2


@dataclass
class RoleReading:
    role: LineRole
    # the model's marginal probability of every role for this line
    probabilities: dict[LineRole, float] = field(default_factory=dict)
    # the features that counted most for ``role`` against the runner-up (filled in for close calls)
    reasons: list[str] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        return self.probabilities.get(self.role, 1.0)

    def probability(self, role: LineRole) -> float:
        if not self.probabilities:
            return 1.0 if role is self.role else 0.0
        return self.probabilities.get(role, 0.0)

    @property
    def headline_probability(self) -> float:
        """How likely the line is part of a headline block (any of section, kicker, title, subtitle)."""
        return sum(self.probability(role) for role in HEADLINE_ROLES)

    @property
    def runner_up(self) -> LineRole | None:
        others = [(p, r) for r, p in self.probabilities.items() if r is not self.role]
        return max(others)[1] if others else None


# A decision closer than this is explained (its strongest features are listed).
EXPLAIN_BELOW = 0.9


class RoleModel:
    """A trained line-role CRF; one tagger per thread (crfsuite taggers are not thread-safe)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"line-role model {self.path} is missing")
        self._local = threading.local()
        self._weights: dict[tuple[str, str], float] | None = None

    @property
    def tagger(self) -> pycrfsuite.Tagger:
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            tagger = pycrfsuite.Tagger()
            tagger.open(str(self.path))
            self._local.tagger = tagger
        return tagger

    def weights(self) -> dict[tuple[str, str], float]:
        """(feature, role) → weight, read from the model only when a decision needs explaining."""
        if self._weights is None:
            self._weights = dict(self.tagger.info().state_features)
        return self._weights

    def read(self, lines: Sequence[PageLine], features: list[list[str]] | None = None) -> list[RoleReading]:
        if not lines:
            return []
        features = page_features(lines) if features is None else features
        tagger = self.tagger
        labels = tagger.tag(features)
        known = [(label, LineRole(label)) for label in tagger.labels()]
        readings = []
        for index, label in enumerate(labels):
            probabilities = {role: tagger.marginal(name, index) for name, role in known}
            reading = RoleReading(LineRole(label), probabilities)
            if reading.confidence < EXPLAIN_BELOW or SUBHEAD_DOUBT_FOR_EXPLAINING <= reading.headline_probability < 1:
                reading.reasons = self.explain(features[index], reading.role, reading.runner_up)
            readings.append(reading)
        _apply_certainties(lines, readings)
        return readings

    def explain(self, features: list[str], role: LineRole, against: LineRole | None, top: int = 3) -> list[str]:
        """The features of a line that weigh most for ``role`` and against ``against``."""
        weights = self.weights()
        scored = []
        for feature in features:
            if feature == "bias":
                continue
            margin = weights.get((feature, role.value), 0.0)
            if against is not None:
                margin -= weights.get((feature, against.value), 0.0)
            if margin > 0:
                scored.append((margin, feature))
        scored.sort(reverse=True)
        return [feature for _, feature in scored[:top]]


def _apply_certainties(lines: Sequence[PageLine], readings: list[RoleReading]) -> None:
    """Lines whose role is not a matter of weighing.

    The word 阅读提示 and the line right under it; a Markdown heading of level 3
    or deeper (an intertitle, as in any Markdown article); and a short line
    whose sentence plainly runs on into the next line (a word across the cut,
    and a comma or function word before it: 为使…独立上岗条 / 件，…), which is
    body text cut by a column break, not a headline.
    """
    markdown = is_markdown_page(lines)
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if markdown and readings[index].role in HEADLINE_ROLES and not _introduces(lines, index):
            # on a page that marks its headlines with #, a run of plain lines over plain text is intertitles
            run = _plain_run(lines, index)
            if run is not None:
                for k in run:
                    readings[k] = RoleReading(LineRole.SUBHEAD, readings[k].probabilities,
                                              ["a plain line on a page whose headlines are marked with #"])
        if line.kind is LineKind.HEADING and line.level >= 3 and line.kind is not LineKind.PROMPT:
            readings[index] = RoleReading(LineRole.SUBHEAD)
        elif (
            line.kind is LineKind.SHORT
            and following is not None
            and following.kind is LineKind.BODY
            and not line.text.endswith(KICKER_DASHES)
            and readings[index].role is not LineRole.BODY
        ):
            evidence = join_evidence(line.text, following.text, adjacent=True)
            if evidence.binds and evidence.confidence >= SHORT_LINE_JOIN:
                readings[index] = RoleReading(LineRole.BODY, reasons=["the sentence runs on into the next line"])
        if line.kind is LineKind.PROMPT:
            readings[index] = RoleReading(LineRole.PROMPT)
            if index + 1 < len(lines) and lines[index + 1].kind in (LineKind.BODY, LineKind.SHORT):
                readings[index + 1] = RoleReading(LineRole.BOX)


def _plain_run(lines: Sequence[PageLine], index: int) -> range | None:
    """The run of short plain lines around ``index``, if no line of it is a heading or a column label."""
    start = index
    while start > 0 and lines[start - 1].kind in (LineKind.SHORT, LineKind.HEADING, LineKind.SECTION):
        start -= 1
    end = index + 1
    while end < len(lines) and lines[end].kind in (LineKind.SHORT, LineKind.HEADING, LineKind.SECTION):
        end += 1
    run = range(start, end)
    if any(lines[k].kind is not LineKind.SHORT for k in run):
        return None
    return run


def _introduces(lines: Sequence[PageLine], index: int) -> bool:
    """Is the run around ``index`` followed by a byline, a dateline, a 阅读提示 box or a photo caption?"""
    end = index + 1
    while end < len(lines) and lines[end].kind in (LineKind.SHORT, LineKind.HEADING, LineKind.SECTION):
        end += 1
    for offset, line in enumerate(lines[end : end + 4]):
        if line.kind in (LineKind.BYLINE, LineKind.PROMPT, LineKind.CREDIT):
            return True
        if line.kind is not LineKind.BODY:
            return False
        if offset == 0 and bylines.leading_byline(line.text) is not None:
            return True
        if bylines.photo_credit(line.text) is not None:
            return True
    return False


_default: RoleModel | None = None
_lock = threading.Lock()


def default_model() -> RoleModel:
    """The bundled model, loaded on first use."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = RoleModel(resource("ingest", MODEL_NAME))
    return _default


@contextmanager
def use_model(path: Path) -> Iterator[RoleModel]:
    """Read roles with another model for a while (cross-validation, trying a retrained model)."""
    global _default
    previous = _default
    _default = RoleModel(path)
    try:
        yield _default
    finally:
        _default = previous
