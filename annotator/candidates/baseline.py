"""The baseline the suggester is measured against: plain jieba.posseg tags, nr/ns/nt only."""

from __future__ import annotations

from annotator.text.segmenter import import_jieba

BASELINE_TAGS = {"nr": "PER", "ns": "LOC", "nt": "ORG"}


def posseg_spans(text: str) -> set[tuple[int, int, str]]:
    """(start, end, label) for every word jieba.posseg tags nr, ns or nt."""
    import_jieba()  # first: it loads jieba without pkg_resources, which posseg's import would pull in
    import jieba.posseg

    spans = set()
    position = 0
    for pair in jieba.posseg.cut(text):
        end = position + len(pair.word)
        label = BASELINE_TAGS.get(pair.flag)
        if label and pair.word.strip():
            spans.add((position, end, label))
        position = end
    return spans
