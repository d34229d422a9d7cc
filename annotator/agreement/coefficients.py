"""Chance-corrected agreement coefficients, computed from counts.

Each takes the sufficient statistics of its formula, not the raw ratings: a
confusion table for Cohen's kappa, and for Fleiss' kappa and Krippendorff's
alpha a list of (weight, {category: raters}) items, where ``weight`` is how
many identical items there are. Character-level agreement over thousands of
documents is millions of characters but only thousands of distinct stretches;
counted this way, it costs what the stretches cost.

Why not a library: the maintained implementations (``krippendorff``,
``statsmodels``, ``scikit-learn``) need numpy, which the installed app does
not carry (it would take 20-30 MB of the installer's budget for three
formulas), and ``nltk.metrics.agreement`` wants every rating as a triple,
which at this size is minutes of work. The formulas are the textbook ones
(Cohen 1960; Fleiss 1971 with the number of raters allowed to vary per item;
Krippendorff 2011, nominal metric); the tests check them against hand-worked
examples and against those libraries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

# An item: how many of it there are, and how many raters put it in each category.
Item = tuple[float, Mapping[str, int]]


def cohen_kappa(confusion: Mapping[tuple[str, str], float]) -> float | None:
    """Cohen's kappa of two raters from their confusion table {(category of A, category of B): count}.

    None when chance agreement is 1 (both raters used one and the same category throughout)."""
    total = sum(confusion.values())
    if total <= 0:
        return None
    rows: Counter[str] = Counter()
    columns: Counter[str] = Counter()
    observed = 0.0
    for (a, b), count in confusion.items():
        rows[a] += count
        columns[b] += count
        if a == b:
            observed += count
    observed /= total
    expected = sum(rows[c] * columns[c] for c in rows) / (total * total)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def fleiss_kappa(items: Iterable[Item]) -> float | None:
    """Fleiss' kappa over items each rated by two or more raters (their number may vary per item).

    P_i = (sum_j n_ij^2 - n_i) / (n_i (n_i - 1)), averaged over items; p_j is the share of all ratings in
    category j; kappa = (P - P_e) / (1 - P_e) with P_e = sum_j p_j^2. None without items or when P_e is 1."""
    weight_sum = 0.0
    agreement = 0.0
    ratings: Counter[str] = Counter()
    all_ratings = 0.0
    for weight, counts in items:
        raters = sum(counts.values())
        if raters < 2 or weight <= 0:
            continue
        weight_sum += weight
        agreement += weight * (sum(n * n for n in counts.values()) - raters) / (raters * (raters - 1))
        for category, n in counts.items():
            ratings[category] += weight * n
        all_ratings += weight * raters
    if weight_sum == 0:
        return None
    mean_agreement = agreement / weight_sum
    expected = sum((n / all_ratings) ** 2 for n in ratings.values())
    if expected >= 1.0:
        return None
    return (mean_agreement - expected) / (1.0 - expected)


def coincidences(items: Iterable[Item]) -> dict[tuple[str, str], float]:
    """Krippendorff's coincidence matrix o_ck = sum_u n_uc (n_uk - [c = k]) / (m_u - 1), over pairable items."""
    matrix: dict[tuple[str, str], float] = {}
    for weight, counts in items:
        raters = sum(counts.values())
        if raters < 2 or weight <= 0:
            continue
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                value = n_c * (n_k - (1 if c == k else 0))
                if value:
                    matrix[(c, k)] = matrix.get((c, k), 0.0) + weight * value / (raters - 1)
    return matrix


def krippendorff_alpha(items: Iterable[Item]) -> float | None:
    """Krippendorff's alpha, nominal metric: 1 - (n - 1) sum_{c!=k} o_ck / sum_{c!=k} n_c n_k.

    None when there is nothing to pair or a single category was used throughout (expected disagreement 0)."""
    return alpha_from_coincidences(coincidences(items))


def alpha_from_coincidences(matrix: Mapping[tuple[str, str], float]) -> float | None:
    margins: Counter[str] = Counter()
    for (c, _k), value in matrix.items():
        margins[c] += value
    n = sum(margins.values())
    if n <= 1:
        return None
    observed = sum(value for (c, k), value in matrix.items() if c != k)
    expected = (n * n - sum(m * m for m in margins.values()))
    if expected <= 0:
        return None
    return 1.0 - (n - 1) * observed / expected


def unitizing_alpha(
    continuum: int,
    annotations: Mapping[str, Iterable[tuple[int, int, str]]],
) -> float | None:
    """Krippendorff's unitizing alpha (the coincidence-based uα of Krippendorff, Mathet, Bouvry and Milgram,
    2016, nominal) of several coders' segments on one continuum of ``continuum`` positions.

    Each coder's spans (start, end, label) must not overlap one another; the stretches between them are
    gaps, and every gap position counts as a unit of its own. Observed coincidences are the overlaps of
    the coders' segments (summed over ordered pairs of coders, divided by m - 1); expected coincidences
    leave out the pairings of a segment's positions with themselves:
    e_ck = l (l_c l_k - [c = k] sum_segments-of-c len^2) / (l^2 - sum_all-segments len^2),
    a gap contributing its length instead of its square. Compare with every span of length one, where it
    equals the plain alpha of the positions' labels.
    """
    coders = sorted(annotations)
    if len(coders) < 2 or continuum <= 0:
        return None
    gap = "\0gap"
    segments: dict[str, list[tuple[int, int, str]]] = {}
    for coder in coders:
        spans = sorted(annotations[coder])
        filled: list[tuple[int, int, str]] = []
        position = 0
        for start, end, label in spans:
            if start < position:
                raise ValueError(f"{coder}: spans overlap at {start}; unitizing alpha needs one label per position")
            if start > position:
                filled.append((position, start, gap))
            filled.append((start, end, label))
            position = end
        if position < continuum:
            filled.append((position, continuum, gap))
        segments[coder] = filled
    m = len(coders)
    observed: dict[tuple[str, str], float] = {}
    for a in coders:
        for b in coders:
            if a == b:
                continue
            for c, k, length in _overlaps(segments[a], segments[b]):
                observed[(c, k)] = observed.get((c, k), 0.0) + length / (m - 1)
    margins: Counter[str] = Counter()
    for (c, _k), value in observed.items():
        margins[c] += value
    total = sum(margins.values())
    self_pairs: Counter[str] = Counter()
    all_self = 0.0
    for coder in coders:
        for start, end, label in segments[coder]:
            length = end - start
            weight = length if label == gap else length * length
            self_pairs[label] += weight
            all_self += weight
    denominator = total * total - all_self
    if denominator <= 0:
        return None
    expected_disagreement = 0.0
    for c in margins:
        for k in margins:
            if c != k:
                expected_disagreement += total * (margins[c] * margins[k]) / denominator
    if expected_disagreement <= 0:
        return None
    observed_disagreement = sum(value for (c, k), value in observed.items() if c != k)
    return 1.0 - observed_disagreement / expected_disagreement


def _overlaps(first: list[tuple[int, int, str]], second: list[tuple[int, int, str]]):
    """(label in first, label in second, overlap) for every overlapping pair of two partitions of a continuum."""
    i = j = 0
    while i < len(first) and j < len(second):
        a_start, a_end, a_label = first[i]
        b_start, b_end, b_label = second[j]
        overlap = min(a_end, b_end) - max(a_start, b_start)
        if overlap > 0:
            yield a_label, b_label, overlap
        if a_end <= b_end:
            i += 1
        else:
            j += 1
