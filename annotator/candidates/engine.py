"""``suggest``: analyse a text once, ask every source, resolve what they propose."""

from __future__ import annotations

from dataclasses import replace

from annotator.candidates.analysis import (
    MODEL_EXPECTED_WRONG,
    MODEL_ID,
    MODEL_UNCERTAINTY,
    TextAnalysis,
    analyse,
)
from annotator.candidates.context import LabelledSpan, SuggestContext, default_context
from annotator.candidates.resolve import resolve
from annotator.candidates.ruleset import load_rules
from annotator.candidates.sources import get_source, registered_sources
from annotator.candidates.spans import Suggestion
from annotator.text.segmenter import get_segmenter

# A long text is analysed a stretch of about this many characters at a time, so the
# segmenter's and the sources' working memory stays bounded (an article is far shorter
# and is analysed whole; a 1.5-million-character text analysed whole once took 1.7 GB).
WINDOW_CHARS = 50_000
# Where to end a stretch, best first: a paragraph, then a sentence.
_PARAGRAPH_END = "\n"
_SENTENCE_ENDS = "。！？；!?;"


def suggest(text: str, *, context: SuggestContext | None = None) -> list[Suggestion]:
    """Candidate spans for ``text``, non-overlapping, in reading order.

    Offsets are code points into ``text`` as given. Without a context the
    bundled rules and the default schema are used, with an empty gazetteer.
    At most ``max_per_document`` (resources/candidates/resolution.toml) are
    returned, the first in reading order.
    """
    return suggest_measured(text, context=context)[0]


def suggest_measured(
    text: str, *, context: SuggestContext | None = None
) -> tuple[list[Suggestion], dict[str, float]]:
    """``suggest``, with what the sources measured about the text (``TextAnalysis.measures``).

    A text longer than ``WINDOW_CHARS`` is analysed a stretch at a time, and analysis stops
    once the cap is reached. Its measures are then the expected wrong sentences summed over
    the stretches analysed, and their uncertainty (a mean over sentences) weighted by the
    stretches' lengths, which stand in for their numbers of sentences.
    """
    if not text or not text.strip():
        return [], {}
    context = context or default_context()
    limit = context.rules.resolution.max_per_document
    if len(text) <= WINDOW_CHARS:
        analysis = analyse(text)
        return suggest_analysed(analysis, context), dict(analysis.measures)
    found: list[Suggestion] = []
    measures: dict[str, float] = {}
    weighed = 0
    for start, end in windows(text):
        part = text[start:end]
        if not part.strip():
            continue
        analysis = analyse(part)
        for s in suggest_analysed(analysis, _window_context(context, start, end)):
            found.append(Suggestion(s.start + start, s.end + start, s.label, s.text, s.source, s.score))
        if MODEL_UNCERTAINTY in analysis.measures:
            length = end - start
            measures[MODEL_ID] = analysis.measures[MODEL_ID]
            measures[MODEL_EXPECTED_WRONG] = (
                measures.get(MODEL_EXPECTED_WRONG, 0.0) + analysis.measures[MODEL_EXPECTED_WRONG]
            )
            measures[MODEL_UNCERTAINTY] = (
                measures.get(MODEL_UNCERTAINTY, 0.0) * weighed + analysis.measures[MODEL_UNCERTAINTY] * length
            ) / (weighed + length)
            weighed += length
        if len(found) >= limit:
            break
    return found[:limit], measures


def windows(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """``text`` cut into stretches of at most ``size`` characters (default ``WINDOW_CHARS``), at a
    paragraph or sentence end where one falls in the second half of the stretch."""
    size = size or WINDOW_CHARS
    cuts: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        end = text.rfind(_PARAGRAPH_END, start + size // 2, limit) + 1
        if end <= 0:
            end = max(text.rfind(mark, start + size // 2, limit) for mark in _SENTENCE_ENDS) + 1
        if end <= 0:
            end = limit
        cuts.append((start, end))
        start = end
    cuts.append((start, len(text)))
    return cuts


def _window_context(context: SuggestContext, start: int, end: int) -> SuggestContext:
    """The document's context as seen from ``text[start:end]``: its entities shifted and clipped to it.

    Entities outside the stretch stay (the gazetteer learns the document's own labels from
    all of them) but are placed past its end, where they cover nothing.
    """
    if not context.entities_here:
        return context
    outside = end - start
    shifted = tuple(
        LabelledSpan(max(e.start, start) - start, min(e.end, end) - start, e.label, e.text)
        if e.start < end and start < e.end
        else LabelledSpan(outside, outside + len(e.text), e.label, e.text)
        for e in context.entities_here
    )
    return replace(context, entities_here=shifted)


def suggest_analysed(analysis: TextAnalysis, context: SuggestContext) -> list[Suggestion]:
    names = context.sources if context.sources is not None else registered_sources()
    proposed: list[Suggestion] = []
    for name in names:
        proposed.extend(proposals_of(name, analysis, context))
    return resolve(proposed, context)


def proposals_of(name: str, analysis: TextAnalysis, context: SuggestContext) -> list[Suggestion]:
    """What source ``name`` proposes for the analysed text, computed once per analysis.

    An analysis belongs to one suggestion pass, with one context: analyse the
    text again to suggest with another.
    """
    found = analysis.proposals.get(name)
    if found is None:
        found = analysis.proposals[name] = list(get_source(name).suggest(analysis, context))
    return found


def warm_up() -> None:
    """Load the segmenter, its dictionary and the rules; the app calls this in a worker thread."""
    segmenter = get_segmenter()
    load_rules()
    default_context()
    segmenter.tag("预热")
