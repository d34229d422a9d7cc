"""``suggest``: analyse a text once, ask every source, resolve what they propose."""

from __future__ import annotations

from annotator.candidates.analysis import TextAnalysis, analyse
from annotator.candidates.context import SuggestContext, default_context
from annotator.candidates.resolve import resolve
from annotator.candidates.ruleset import load_rules
from annotator.candidates.sources import get_source, registered_sources
from annotator.candidates.spans import Suggestion
from annotator.text.segmenter import get_segmenter


def suggest(text: str, *, context: SuggestContext | None = None) -> list[Suggestion]:
    """Candidate spans for ``text``, non-overlapping, in reading order.

    Offsets are code points into ``text`` as given. Without a context the
    bundled rules and the default schema are used, with an empty gazetteer.
    """
    if not text or not text.strip():
        return []
    return suggest_analysed(analyse(text), context or default_context())


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
