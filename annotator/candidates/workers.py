"""What a worker process of a large refresh runs: no database, only text in and suggestions out.

Kept apart from ``refresh`` (which reads and writes the store) so that a spawned
worker imports the segmenter, the rules and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.candidates.context import LabelledSpan, SuggestContext
from annotator.candidates.engine import suggest_measured
from annotator.candidates.sources import SourceFactory, register_source
from annotator.platform.parallel import exit_with_parent
from annotator.text.segmenter import get_segmenter


@dataclass(frozen=True)
class DocumentJob:
    doc_id: str
    text: str
    rejected: frozenset[tuple[str, str]]
    entities: tuple[LabelledSpan, ...]


SuggestionRow = tuple[int, int, str, str, str, float]
# One document's result: its id, its suggestions, and what the sources measured about it
# (``TextAnalysis.measures``: the learned model's uncertainty).
DocumentResult = tuple[str, list[SuggestionRow], dict[str, float]]


def compute(jobs: Sequence[DocumentJob], context: SuggestContext) -> list[DocumentResult]:
    results: list[DocumentResult] = []
    for job in jobs:
        if not job.text.strip():
            results.append((job.doc_id, [], {}))
            continue
        here = context.for_document(rejected=job.rejected, entities=job.entities)
        suggestions, measures = suggest_measured(job.text, context=here)
        rows = [(s.start, s.end, s.label, s.text, s.source, s.score) for s in suggestions]
        results.append((job.doc_id, rows, measures))
    return results


_context: SuggestContext | None = None


def start(context: SuggestContext, factories: dict[str, SourceFactory]) -> None:
    """Initialiser of a worker process: the sources, the segmenter and the context, once."""
    global _context
    exit_with_parent()
    for name, factory in factories.items():
        register_source(name, factory, replace=True)
    get_segmenter()
    _context = context


def work(jobs: Sequence[DocumentJob]) -> list[DocumentResult]:
    if _context is None:
        raise RuntimeError("candidate worker process was not started with a context")
    return compute(jobs, _context)
