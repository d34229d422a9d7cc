"""The document on screen is held still while a new model's candidates are written elsewhere."""

from __future__ import annotations

from annotator.review.hold import ANY_MODEL, HeldDocuments


def test_a_refresh_with_another_model_leaves_the_open_document_alone_until_it_is_left():
    hold = HeldDocuments()
    assert hold.showing("a", None) == []  # a's candidates came without a model
    with hold.writing(["a", "b"], 1) as skip:
        assert skip == {"a"}
    assert hold.held() == {"a"}
    # a refresh with the model a shows passes (a label propagated within it)
    with hold.writing(["a"], None) as skip:
        assert skip == set()
    # still on a: nothing to release; on b: a is released, to be refreshed now
    assert hold.showing("a", None) == []
    assert hold.showing("b", 1) == ["a"]
    assert hold.held() == set()
    with hold.writing(["a", "b"], 1) as skip:
        assert skip == set()


def test_a_document_without_candidates_takes_whatever_comes_first():
    hold = HeldDocuments()
    hold.showing("a", ANY_MODEL)
    with hold.writing(["a"], 2) as skip:
        assert skip == set()
    # from then on it shows model 2's candidates
    with hold.writing(["a"], 3) as skip:
        assert skip == {"a"}
    hold.forget(["a"])
    assert hold.held() == set()
