"""Agreement over a set of multiply-annotated documents: per pair of annotators, per label, overall, per document.

``compute(documents)`` takes, for each document, its length, title and every
annotator's ``DocumentLayer``, and returns an ``AgreementReport``; nothing
here reads a database (``annotator.agreement.load`` does). Only documents with
two or more versions count.

- Span F1 per pair (exact and overlapping), per label and over all labels,
  summed over the documents both annotated (micro-averaged).
- Relation F1 per pair, the entities matched exactly first.
- Cohen's kappa per pair, on the label of every character of the documents
  both annotated; Fleiss' kappa and Krippendorff's alpha over all raters and
  documents, on the same character labels; Krippendorff's unitizing alpha
  (uα) on the spans, summed over documents as one continuum.
- Per document: the mean pairwise exact and overlap F1, relation F1 and the
  character kappa (Cohen for two raters, Fleiss for more), worst first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations

from annotator.agreement import characters, coefficients
from annotator.agreement.spans import Tally, f1_of, match_into, relation_match, total
from annotator.model import DocumentLayer


@dataclass
class DocumentVersions:
    """What agreement needs of one document: its length, title and each annotator's layer."""

    doc_id: str
    length: int
    title: str = ""
    layers: dict[str, DocumentLayer] = field(default_factory=dict)


@dataclass
class PairAgreement:
    first: str
    second: str
    documents: int = 0
    exact: dict[str, Tally] = field(default_factory=dict)
    overlap: dict[str, Tally] = field(default_factory=dict)
    relations: Tally = field(default_factory=Tally)
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def exact_f1(self) -> float:
        return total(self.exact).f1

    @property
    def overlap_f1(self) -> float:
        return total(self.overlap).f1

    @property
    def cohen_kappa(self) -> float | None:
        return coefficients.cohen_kappa(self.confusion)

    def as_dict(self) -> dict:
        return {
            "annotators": [self.first, self.second],
            "documents": self.documents,
            "exact": {"overall": total(self.exact).as_dict(), "by_label": _labels(self.exact)},
            "overlap": {"overall": total(self.overlap).as_dict(), "by_label": _labels(self.overlap)},
            "relations": self.relations.as_dict(),
            "cohen_kappa": _round(self.cohen_kappa),
        }


@dataclass
class DocumentAgreement:
    doc_id: str
    title: str
    annotators: list[str]
    exact_f1: float
    overlap_f1: float
    relation_f1: float
    kappa: float | None
    entities: dict[str, int]

    def as_dict(self) -> dict:
        return {
            "id": self.doc_id, "title": self.title, "annotators": self.annotators,
            "exact_f1": round(self.exact_f1, 4), "overlap_f1": round(self.overlap_f1, 4),
            "relation_f1": round(self.relation_f1, 4), "kappa": _round(self.kappa), "entities": self.entities,
        }


@dataclass
class AgreementReport:
    annotators: list[str] = field(default_factory=list)
    documents_compared: int = 0
    characters: int = 0
    pairs: list[PairAgreement] = field(default_factory=list)
    exact: dict[str, Tally] = field(default_factory=dict)  # over all pairs
    overlap: dict[str, Tally] = field(default_factory=dict)
    relations: Tally = field(default_factory=Tally)
    fleiss_kappa: float | None = None
    krippendorff_alpha: float | None = None
    unitizing_alpha: float | None = None
    documents: list[DocumentAgreement] = field(default_factory=list)  # worst first

    def as_dict(self) -> dict:
        return {
            "annotators": self.annotators,
            "documents_compared": self.documents_compared,
            "characters": self.characters,
            "overall": {
                "exact": {"overall": total(self.exact).as_dict(), "by_label": _labels(self.exact)},
                "overlap": {"overall": total(self.overlap).as_dict(), "by_label": _labels(self.overlap)},
                "relations": self.relations.as_dict(),
                "fleiss_kappa": _round(self.fleiss_kappa),
                "krippendorff_alpha": _round(self.krippendorff_alpha),
                "unitizing_alpha": _round(self.unitizing_alpha),
            },
            "pairs": [pair.as_dict() for pair in self.pairs],
            "documents": [doc.as_dict() for doc in self.documents],
        }


def compute(documents: Mapping[str, DocumentVersions] | list[DocumentVersions]) -> AgreementReport:
    """Agreement over ``documents`` (see the module's docstring)."""
    docs = list(documents.values()) if isinstance(documents, Mapping) else list(documents)
    report = AgreementReport()
    pairs: dict[tuple[str, str], PairAgreement] = {}
    people: set[str] = set()
    # identical stretches (the same labels from the same number of raters) are one item, weighed by length
    all_items: dict[tuple[tuple[str, int], ...], int] = {}
    unit_parts: list[tuple[int, dict[str, list[tuple[int, int, str]]]]] = []
    for doc in docs:
        layers = doc.layers
        if len(layers) < 2:
            continue
        names = sorted(layers)
        people.update(names)
        report.documents_compared += 1
        report.characters += doc.length
        units = [characters.label_runs(layers[name].entities, doc.length, join=False) for name in names]
        cut = characters.stretches(units, doc.length)
        exact_sum = overlap_sum = relation_sum = 0.0
        pair_count = 0
        kappa: float | None = None
        for i, j in combinations(range(len(names)), 2):
            a, b = names[i], names[j]
            pair = pairs.setdefault((a, b), PairAgreement(a, b))
            pair.documents += 1
            exact, overlap = match_into(layers[a].entities, layers[b].entities, pair.exact, pair.overlap)
            relations = relation_match(layers[a], layers[b])
            pair.relations.add(relations)
            table: dict[tuple[str, str], int] = {}
            for size, labels in cut:
                key = (labels[i], labels[j])
                table[key] = table.get(key, 0) + size
            for key, count in table.items():
                pair.confusion[key] = pair.confusion.get(key, 0) + count
            if len(names) == 2:
                kappa = coefficients.cohen_kappa(table)
            exact_sum += f1_of(*exact)
            overlap_sum += f1_of(*overlap)
            relation_sum += relations.f1
            pair_count += 1
        doc_items = [(size, characters.label_counts(labels)) for size, labels in cut]
        for size, counts in doc_items:
            key = tuple(sorted(counts.items()))
            all_items[key] = all_items.get(key, 0) + size
        unit_parts.append((doc.length, dict(zip(names, units))))
        if len(names) > 2:
            kappa = coefficients.fleiss_kappa(doc_items)
        report.documents.append(
            DocumentAgreement(
                doc.doc_id, doc.title, names, exact_sum / pair_count, overlap_sum / pair_count,
                relation_sum / pair_count, kappa, {name: len(layers[name].entities) for name in names},
            )
        )
    report.annotators = sorted(people)
    report.pairs = [pairs[key] for key in sorted(pairs)]
    for pair in report.pairs:
        _merge(report.exact, pair.exact)
        _merge(report.overlap, pair.overlap)
        report.relations.add(pair.relations)
    pooled = [(size, dict(key)) for key, size in all_items.items()]
    report.fleiss_kappa = coefficients.fleiss_kappa(pooled)
    report.krippendorff_alpha = coefficients.krippendorff_alpha(pooled)
    report.unitizing_alpha = _unitizing(unit_parts)
    report.documents.sort(key=lambda d: (d.exact_f1, d.overlap_f1, d.doc_id))
    return report


def _unitizing(parts: list[tuple[int, dict[str, list[tuple[int, int, str]]]]]) -> float | None:
    """uα over all documents laid end to end as one continuum, per set of coders.

    Documents annotated by different sets of people are laid out separately and their
    coincidences pooled as in the single-continuum formula; with one set of coders (the
    usual case of pairs) it is exactly the published coefficient on the joined continuum."""
    if not parts:
        return None
    coders = sorted({name for _length, spans in parts for name in spans})
    offset = 0
    joined: dict[str, list[tuple[int, int, str]]] = {name: [] for name in coders}
    missing = False
    for length, spans in parts:
        if set(spans) != set(coders):
            missing = True
        for name, runs in spans.items():
            joined[name].extend((offset + s, offset + e, label) for s, e, label in runs)
        offset += length
    if missing:
        # uα as published needs every coder on the whole continuum
        return None
    return coefficients.unitizing_alpha(offset, joined)


def _merge(into: dict[str, Tally], tallies: dict[str, Tally]) -> None:
    for label, tally in tallies.items():
        into.setdefault(label, Tally()).add(tally)


def _labels(tallies: dict[str, Tally]) -> dict[str, dict]:
    return {label: tallies[label].as_dict() for label in sorted(tallies)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
