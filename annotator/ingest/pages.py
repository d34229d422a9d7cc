"""The whole pipeline for one decoded file: read the page, cut it into articles, build documents.

``segment_text`` takes a decoded string and returns documents; it does no
I/O and never touches the database, so tests and benchmarks call it directly.
Reading and decoding the file is ``text_reader``'s part.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.ingest.assemble import DocumentBuilder
from annotator.ingest.continuations import attach_continuations
from annotator.ingest.duplicates import drop_duplicates
from annotator.ingest.furniture import LineKind, PageLine, classify
from annotator.ingest.layout import (
    build_units,
    flag_doubtful_placements,
    para_from_line,
    photo_stories,
    rejoin_column_break,
)
from annotator.ingest.page_cache import new_page
from annotator.ingest.page_model import Headline, Role, Unit
from annotator.ingest.source_lines import split_lines
from annotator.model import AnnotatedDocument


@dataclass
class Segmented:
    documents: list[AnnotatedDocument] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def segment_text(
    text: str,
    *,
    file_name: str,
    sha256: str,
    encoding: str = "utf-8",
    normalise: bool = True,
    whole: bool = False,
    stem: str = "",
) -> Segmented:
    """Cut decoded file text into documents (one per article, or one for the file when ``whole``)."""
    result = Segmented()
    new_page()  # what the rules learnt of the last page's text is not carried into this one
    lines = [classify(line) for line in split_lines(text)]
    if not lines:
        result.notes.append("the file is empty" if not text else "the file holds only white space")
        return result
    builder = DocumentBuilder(file_name=file_name, sha256=sha256, encoding=encoding, normalise=normalise)
    if whole:
        unit = _whole_unit(lines)
        title = unit.headline.title if unit.headline else stem
        document = builder.build(unit, kind="text", title=builder.normalise_text(title))
        result.documents.append(document)  # type: ignore[arg-type]
        return result
    units = build_units(lines, result.notes)
    units = drop_duplicates(units, result.notes)
    units = attach_continuations(units, result.notes)
    units = photo_stories(units, result.notes)
    if not _has_page_structure(units):
        unit = _as_one_article(units)
        title = unit.headline.title if unit.headline and unit.headline.title else stem
        document = builder.build(unit, kind="text", title=builder.normalise_text(title))
        if document is not None:
            result.documents.append(document)
        return result
    flag_doubtful_placements(units)  # a page's pieces only: a plain article has neither headline nor photo by right
    for unit in units:
        document = builder.build(unit)
        if document is None:
            title = unit.headline.title if unit.headline else ""
            result.notes.append(f"headline '{title}' has no text under it; skipped")
            continue
        result.documents.append(document)
    return result


def _has_page_structure(units: list[Unit]) -> bool:
    """Is this a newspaper page (several articles, or bylines, boxes, credits, column labels)?"""
    if len(units) > 1:
        return True
    for unit in units:
        if unit.photo or unit.has_byline or (unit.headline and unit.headline.section):
            return True
        if any(p.role in (Role.BOX, Role.CREDIT) for p in unit.paras):
            return True
    return False


def _as_one_article(units: list[Unit]) -> Unit:
    """A plain article: one unit, its first line the title when it reads as one."""
    unit = units[0] if units else Unit()
    if unit.headline is None and len(unit.paras) > 1 and unit.paras[0].role is Role.INTERTITLE:
        first = unit.paras.pop(0)
        unit.headline = Headline(title=first.text, title_span=(first.spans[0][0], first.spans[-1][1]))
    return unit


def _whole_unit(lines: list[PageLine]) -> Unit:
    """Every line of the file in one document; a leading heading becomes the title, cut paragraphs are rejoined."""
    unit = Unit()
    body = list(lines)
    if body and body[0].kind in (LineKind.HEADING, LineKind.SHORT) and len(body) > 1:
        first = body.pop(0)
        unit.headline = Headline(title=first.text, title_span=(first.source.src_start, first.source.src_end))
    for line in body:
        role = Role.BODY if line.kind in (LineKind.BODY, LineKind.CREDIT, LineKind.BYLINE) else Role.INTERTITLE
        para = para_from_line(line, role)
        previous = unit.paras[-1] if unit.paras else None
        if previous is not None and previous.is_open and role is Role.BODY:
            if rejoin_column_break(previous, para, line.number):
                continue
        unit.paras.append(para)
    return unit
