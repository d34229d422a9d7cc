"""The parser's per-page answers are forgotten as each page begins, and callers never share a cached object."""

from __future__ import annotations

from annotator.ingest import bylines, page_cache
from annotator.ingest.pages import segment_text

SIGNED_OFF = "村里建起了一处苦瓜加工车间。 本报记者王凯旋"


def test_new_page_forgets_every_answer_including_the_glued_sign_off():
    assert bylines.glued_sign_off(SIGNED_OFF) is not None
    cached = bylines._cached_glued
    assert cached in page_cache._caches
    assert cached.cache_info().currsize >= 1

    page_cache.new_page()

    assert all(cache.cache_info().currsize == 0 for cache in page_cache._caches)  # type: ignore[attr-defined]


def test_each_page_starts_with_no_answers_from_the_last():
    segment_text(f"标题一\n{SIGNED_OFF}\n", file_name="a.txt", sha256="0" * 64)
    cached = bylines._cached_glued
    hits = cached.cache_info().hits
    cached(SIGNED_OFF)
    assert cached.cache_info().hits == hits + 1  # the first page's paragraph was asked about, and kept while it lasted

    segment_text("另一篇文章的标题\n这是另一篇文章的正文，说的是别的事情。\n", file_name="b.txt", sha256="1" * 64)

    # the second page's parse began by forgetting it: asked again, it is worked out afresh, not served from the first
    hits = cached.cache_info().hits
    cached(SIGNED_OFF)
    assert cached.cache_info().hits == hits


def test_a_glued_sign_off_is_handed_out_as_a_copy():
    first = bylines.glued_sign_off(SIGNED_OFF)
    assert first is not None and first.reporters == ["王凯旋"]
    first.reporters.append("某某")
    first.raw.clear()

    again = bylines.glued_sign_off(SIGNED_OFF)

    assert again is not None
    assert again.reporters == ["王凯旋"]
    assert again.raw == ["本报记者王凯旋"]

