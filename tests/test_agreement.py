"""Agreement figures against examples worked by hand, and against maintained implementations (test-only).

The hand-worked example: a text of 10 characters, annotated by A and B.

    position  0 1 2 3 4 5 6 7 8 9
    A         P P . . G G G G . .      PER 0-2, ORG 4-8
    B         P P P . . G G G . .      PER 0-3, ORG 5-8

Character confusion (A, B): (P,P) 2, (O,P) 1, (O,O) 3, (G,O) 1, (G,G) 3.
- Cohen's kappa: p_o = 8/10; p_e = (2*3 + 4*4 + 4*3)/100 = 0.34; kappa = 0.46/0.66 = 23/33.
- Coincidences: o_PP 4, o_OO 6, o_GG 6, o_OP = o_PO = o_GO = o_OG = 1; n_P 5, n_O 8, n_G 7, n 20.
  Krippendorff's alpha = 1 - 19 * 4 / (400 - 25 - 64 - 49) = 1 - 76/262 = 93/131.
- Fleiss' kappa (two raters: Scott's pi): P = 0.8; P_e = (25 + 64 + 49)/400 = 0.345; kappa = 0.455/0.655 = 91/131.
- Unitizing alpha: segments A = P2, gap2, G4, gap2; B = P3, gap2, G3, gap2. Observed disagreement 4 (as above);
  the segments' own pairings: A 4 + 2 + 16 + 2 = 24, B 9 + 2 + 9 + 2 = 22; expected disagreement
  20 * 262 / (400 - 46) = 5240/354; u-alpha = 1 - 4 * 354 / 5240 = 478/655.
- Span F1: exact 0 (no span is identical); overlapping 1 (PER with PER, ORG with ORG).
"""

from __future__ import annotations

import random

import pytest

from annotator.agreement import characters, coefficients, compute
from annotator.agreement.report import DocumentVersions
from annotator.agreement.spans import exact_match, overlap_match, relation_match, total
from annotator.model import DocumentLayer, LayerEntity, LayerRelation


def entity(key: int, start: int, end: int, label: str) -> LayerEntity:
    return LayerEntity(key, start, end, label, "x" * (end - start))


def layer(owner: str, *entities: LayerEntity, relations=(), doc_id: str = "d") -> DocumentLayer:
    return DocumentLayer(doc_id, owner, list(entities), list(relations))


A = layer("a", entity(1, 0, 2, "PER"), entity(2, 4, 8, "ORG"))
B = layer("b", entity(1, 0, 3, "PER"), entity(2, 5, 8, "ORG"))


def test_character_confusion_of_the_hand_worked_example():
    runs_a = characters.label_runs(A.entities, 10)
    runs_b = characters.label_runs(B.entities, 10)
    assert characters.confusion(runs_a, runs_b, 10) == {
        ("PER", "PER"): 2, ("O", "PER"): 1, ("O", "O"): 3, ("ORG", "O"): 1, ("ORG", "ORG"): 3,
    }


def test_coefficients_of_the_hand_worked_example():
    report = compute([DocumentVersions("d", 10, "t", {"a": A, "b": B})])
    (pair,) = report.pairs
    assert pair.cohen_kappa == pytest.approx(23 / 33)
    assert report.krippendorff_alpha == pytest.approx(93 / 131)
    assert report.fleiss_kappa == pytest.approx(91 / 131)
    assert report.unitizing_alpha == pytest.approx(478 / 655)
    assert pair.exact_f1 == 0.0 and pair.overlap_f1 == 1.0
    (doc,) = report.documents
    assert doc.kappa == pytest.approx(23 / 33) and doc.exact_f1 == 0.0


def test_cohen_kappa_of_a_textbook_table():
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15: p_o 0.7, p_e 0.5, kappa 0.4
    table = {("y", "y"): 20, ("y", "n"): 5, ("n", "y"): 10, ("n", "n"): 15}
    assert coefficients.cohen_kappa(table) == pytest.approx(0.4)
    assert coefficients.cohen_kappa({("O", "O"): 10}) is None  # nothing but one category: undefined


def test_fleiss_kappa_of_three_raters_by_hand():
    # items (raters per category): {x:3}, {x:2, y:1}, {y:3}, {x:1, y:2}
    # P_i: 1, 1/3, 1, 1/3 -> P = 2/3; p_x = p_y = 6/12 -> P_e = 1/2; kappa = (2/3 - 1/2)/(1/2) = 1/3
    items = [(1, {"x": 3}), (1, {"x": 2, "y": 1}), (1, {"y": 3}), (1, {"x": 1, "y": 2})]
    assert coefficients.fleiss_kappa(items) == pytest.approx(1 / 3)


def test_span_f1_exact_and_overlapping_per_label():
    exact = exact_match(A.entities, B.entities)
    overlap = overlap_match(A.entities, B.entities)
    assert total(exact).f1 == 0.0 and total(overlap).f1 == 1.0
    assert exact["PER"].as_dict()["first"] == 1 and overlap["ORG"].matched == 1
    # one span of B overlapping two of A matches only one of them
    two = [entity(1, 0, 2, "PER"), entity(2, 3, 5, "PER")]
    one = [entity(1, 1, 4, "PER")]
    assert total(overlap_match(two, one)).matched == 1
    assert total(overlap_match(two, one)).f1 == pytest.approx(2 / 3)
    # nothing on either side is perfect agreement
    assert total(exact_match([], [])).f1 == 1.0


def test_relation_f1_matches_entities_first():
    head, tail = entity(1, 0, 2, "PER"), entity(2, 4, 8, "ORG")
    first = layer("a", head, tail, relations=[LayerRelation(1, "works_at", 1, 2)])
    same = layer("b", entity(7, 0, 2, "PER"), entity(9, 4, 8, "ORG"), relations=[LayerRelation(3, "works_at", 7, 9)])
    moved = layer("b", entity(7, 0, 2, "PER"), entity(9, 5, 8, "ORG"), relations=[LayerRelation(3, "works_at", 7, 9)])
    assert relation_match(first, same).f1 == 1.0
    # the tail entity differs, so the relation cannot match
    assert relation_match(first, moved).f1 == 0.0


def test_nested_entities_give_characters_the_outermost_label():
    runs = characters.label_runs([entity(1, 0, 6, "ORG"), entity(2, 0, 3, "LOC")], 8)
    assert runs == [(0, 6, "ORG")]
    crossing = characters.label_runs([entity(1, 0, 4, "ORG"), entity(2, 2, 8, "LOC")], 10)
    assert crossing == [(0, 2, "ORG"), (2, 8, "LOC")]


def test_the_worst_documents_come_first():
    perfect = DocumentVersions("good", 10, "", {"a": A, "b": layer("b", *A.entities)})
    poor = DocumentVersions("bad", 10, "", {"a": A, "b": B})
    alone = DocumentVersions("single", 10, "", {"a": A})
    report = compute([perfect, poor, alone])
    assert [d.doc_id for d in report.documents] == ["bad", "good"]
    assert report.documents_compared == 2


# --- against maintained implementations (test-only dependencies) -------------------------------


def _random_layers(rng: random.Random, raters: list[str], length: int) -> dict[str, DocumentLayer]:
    labels = ["PER", "ORG", "LOC"]
    layers = {}
    base = []
    position = 0
    while position < length - 3:
        start = position + rng.randint(0, 4)
        end = min(length, start + rng.randint(1, 5))
        if start < end:
            base.append((start, end, rng.choice(labels)))
        position = end + 1
    for name in raters:
        spans = []
        for start, end, label in base:
            roll = rng.random()
            if roll < 0.15:
                continue
            if roll < 0.3:
                label = rng.choice(labels)
            elif roll < 0.4:
                end = max(start + 1, end - 1)
            spans.append(entity(len(spans) + 1, start, end, label))
        layers[name] = layer(name, *spans)
    return layers


def _triples(docs: list[DocumentVersions]) -> list[tuple[str, str, str]]:
    data = []
    for doc in docs:
        for name, version in doc.layers.items():
            labels = ["O"] * doc.length
            for start, end, label in characters.label_runs(version.entities, doc.length):
                labels[start:end] = [label] * (end - start)
            data += [(name, f"{doc.doc_id}:{i}", label) for i, label in enumerate(labels)]
    return data


@pytest.mark.parametrize("raters", [["a", "b"], ["a", "b", "c"]])
def test_kappas_and_alpha_agree_with_nltk(raters):
    agreement = pytest.importorskip("nltk.metrics.agreement")
    rng = random.Random(len(raters))
    docs = [DocumentVersions(f"d{i}", 60, "", _random_layers(rng, raters, 60)) for i in range(5)]
    ours = compute(docs)
    task = agreement.AnnotationTask(data=_triples(docs))
    assert ours.krippendorff_alpha == pytest.approx(task.alpha())
    # nltk's pi is multi-pi (Siegel and Castellan's K): Fleiss' kappa
    assert ours.fleiss_kappa == pytest.approx(task.pi())
    if len(raters) == 2:
        assert ours.pairs[0].cohen_kappa == pytest.approx(task.kappa())


def test_alpha_and_unitizing_alpha_agree_with_the_krippendorff_package():
    krippendorff = pytest.importorskip("krippendorff")
    rng = random.Random(7)
    codes = {"O": 0, "PER": 1, "ORG": 2, "LOC": 3}
    docs = [DocumentVersions(f"d{i}", 50, "", _random_layers(rng, ["a", "b", "c"], 50)) for i in range(4)]
    rows = []
    for name in ["a", "b", "c"]:
        row = []
        for doc in docs:
            labels = ["O"] * doc.length
            for start, end, label in characters.label_runs(doc.layers[name].entities, doc.length):
                labels[start:end] = [label] * (end - start)
            row += [codes[label] for label in labels]
        rows.append(row)
    expected = krippendorff.alpha(reliability_data=rows, level_of_measurement="nominal")
    assert compute(docs).krippendorff_alpha == pytest.approx(expected)
    # with every unit one character long, unitizing alpha is the plain alpha of the characters
    single = {
        name: [(i, i + 1, label) for i, code in enumerate(rows[n]) if (label := next(k for k, v in codes.items() if v == code)) != "O"]
        for n, name in enumerate(["a", "b", "c"])
    }
    assert coefficients.unitizing_alpha(len(rows[0]), single) == pytest.approx(expected)
