"""Units become documents: the text a reader sees, its provenance, title, kind, byline and flags.

The text is the unit's paragraphs joined by one "\\n" each, with the
阅读提示 box first. Headline lines are not in the text; they go to
``Document.title`` and ``meta`` (kicker, subtitle, section). Every stretch of
text keeps the exact source range it came from (``Provenance.pieces``); the
"\\n" between paragraphs are the only characters the importer inserts.
"""

from __future__ import annotations

from typing import Any

from annotator.ingest import bylines
from annotator.ingest.bylines import Byline
from annotator.ingest.furniture import is_briefs_label, is_section_label
from annotator.ingest.line_features import opens_like_a_report
from annotator.ingest.page_model import Para, Role, Unit
from annotator.ingest.widths import normalise_widths
from annotator.model import AnnotatedDocument, Document, Piece, Provenance

PARAGRAPH_SEPARATOR = "\n"


class DocumentBuilder:
    """Builds the documents of one source file."""

    def __init__(self, *, file_name: str, sha256: str, encoding: str, normalise: bool) -> None:
        self.file_name = file_name
        self.sha256 = sha256
        self.encoding = encoding
        self.normalise = normalise

    def normalise_text(self, text: str) -> str:
        return normalise_widths(text) if self.normalise else text

    def document_id(self, first_src_start: int) -> str:
        return f"{self.sha256[:10]}-{first_src_start:05d}"

    def build(self, unit: Unit, *, kind: str | None = None, title: str | None = None) -> AnnotatedDocument | None:
        """The unit's document; ``kind`` and ``title`` override what the page says (plain articles)."""
        paras = ordered_paras(unit)
        if not paras:
            return None
        raw, pieces, flags = self._compose(paras)
        flags[:0] = [_flag(f.kind, f.offset, f.confidence, f.message) for f in unit.boundary_flags]
        if unit.headline is None and kind != "text":
            flags.insert(0, _flag("no_headline", 0, 0.5, "no headline was found for this text; "
                                  "it may belong to another article"))
        meta = self._meta(unit)
        if flags:
            meta["flags"] = sorted(flags, key=lambda f: f["offset"])
        document = Document(
            id=self.document_id(pieces[0].src_start),
            text=self.normalise_text(raw),
            title=title if title is not None else self.normalise_text(_title(unit)),
            kind=kind or unit_kind(unit),
            raw_text=raw,
            meta=meta,
            provenance=Provenance(file=self.file_name, sha256=self.sha256, encoding=self.encoding, pieces=pieces),
        )
        document.content_hash  # noqa: B018 - hashed here, in the reading worker, not by the importing thread
        return AnnotatedDocument(document)

    def _compose(self, paras: list[Para]) -> tuple[str, list[Piece], list[dict[str, Any]]]:
        """The raw text (paragraphs joined by one separator), its pieces and the paragraphs' flags."""
        parts: list[str] = []
        pieces: list[Piece] = []
        flags: list[dict[str, Any]] = []
        offset = 0
        separator = len(PARAGRAPH_SEPARATOR)
        for para in paras:
            if parts:
                offset += separator
            parts.append(para.text)
            _add_pieces(pieces, para.spans, offset, self.file_name)
            if para.flags:
                flags.extend(_flag(f.kind, offset + f.offset, f.confidence, f.message) for f in para.flags)
            offset += len(para.text)
        return PARAGRAPH_SEPARATOR.join(parts), pieces, flags

    def _meta(self, unit: Unit) -> dict[str, Any]:
        meta: dict[str, Any] = {}
        headline = unit.headline
        if headline is not None:
            furniture = (("kicker", headline.kicker), ("subtitle", headline.subtitle), ("section", headline.section))
            for key, values in furniture:
                if values:
                    meta[key] = self.normalise_text("\n".join(values))
            if headline.title_span:
                meta["title_src"] = list(headline.title_span)
        byline = unit_byline(unit)
        if byline is not None:
            meta["byline"] = {
                key: self.normalise_text(value) if isinstance(value, str) else value
                for key, value in byline.to_meta().items()
            }
        if unit.dropped:
            meta["dropped_duplicates"] = [
                {
                    "src_start": d.src_start,
                    "src_end": d.src_end,
                    "kept_src_start": d.kept_src_start,
                    "kept_src_end": d.kept_src_end,
                    "lines": [d.lines[0], d.lines[-1]],
                }
                for d in unit.dropped
            ]
        return meta


def _flag(kind: str, offset: int, confidence: float, message: str) -> dict[str, Any]:
    return {"kind": kind, "offset": offset, "confidence": round(confidence, 2), "message": message}


def ordered_paras(unit: Unit) -> list[Para]:
    """The box first (it introduces the article wherever the page put it), then the rest in reading order."""
    boxes = [p for p in unit.paras if p.role is Role.BOX]
    return boxes + [p for p in unit.paras if p.role is not Role.BOX]


def _add_pieces(pieces: list[Piece], spans: tuple[tuple[int, int], ...], offset: int, file_name: str) -> None:
    """The pieces of a paragraph at ``offset``: its source spans, those that run on in the source made one."""
    if len(spans) == 1:  # most paragraphs are one stretch of one line
        src_start, src_end = spans[0]
        pieces.append(Piece(offset, offset + src_end - src_start, file_name, src_start, src_end))
        return
    merged: list[list[int]] = []  # [start, src_start, src_end]
    for src_start, src_end in spans:
        if merged and merged[-1][2] == src_start:
            merged[-1][2] = src_end  # the text goes on where the source does: one piece
        else:
            merged.append([offset, src_start, src_end])
        offset += src_end - src_start
    pieces.extend(Piece(start, start + src_end - src_start, file_name, src_start, src_end)
                  for start, src_start, src_end in merged)


def _title(unit: Unit) -> str:
    headline = unit.headline
    if headline is None:
        return ""
    if headline.title:
        return headline.title
    # a series banner with no headline of its own: the banner is the best name there is
    return " ".join(headline.section or headline.kicker or headline.subtitle)


def unit_kind(unit: Unit) -> str:
    """photo, feature (通讯/特写: a byline under the headline, a 阅读提示 box, a feature column, or intertitles in
    text that does not open like a report) or news (消息).

    A byline printed after the text signs the piece off and says nothing of its genre;
    a column label counts when it names a feature column (特写, 故事, 巡礼…), not a news
    one printed beside the title (部门动态).
    """
    if unit.photo:
        return "photo"
    headline = unit.headline
    if headline is not None and any(is_section_label(s) and not is_briefs_label(s) for s in headline.section):
        return "feature"
    if any(p.role is Role.BOX for p in unit.paras):
        return "feature"
    for para in unit.paras:
        if para.role is Role.BYLINE:
            return "feature"
        if para.role is Role.BODY:
            break
    lead = next((p for p in unit.paras if p.role is Role.BODY), None)
    if lead is not None and any(p.role is Role.INTERTITLE for p in unit.paras) and not opens_like_a_report(lead.text):
        # told in parts and opening on a scene or a thought rather than a report's date, dateline or formula: a
        # feature (of the seed and tuning articles with intertitles and such an opening, 54 are features, 15 news)
        return "feature"
    return "news"


def unit_byline(unit: Unit) -> Byline | None:
    """Every byline, dateline, credit and signature the unit prints, gathered into one."""
    found = Byline()
    seen = False
    for para in unit.paras:
        parsed: Byline | None = None
        if para.role is Role.BYLINE:
            parsed = bylines.standalone_byline(para.text)
        elif para.role is Role.CREDIT or (unit.photo and para.role is Role.BODY):
            credit = bylines.photo_credit(para.text)
            parsed = credit[1] if credit else None
            if parsed is None and unit.photo and (glued := bylines.glued_sign_off(para.text)) is not None:
                # a caption signed off by a byline without 摄 (…车间。 本报记者王凯旋): in a photo credit every name
                # is a photographer
                parsed = Byline(raw=glued.raw, photographers=glued.reporters + glued.correspondents
                                + glued.photographers, agency=glued.agency)
        if parsed is not None:
            found.update(parsed)
            seen = True
    body = [p for p in unit.paras if p.role is Role.BODY]
    if body:
        lead = bylines.leading_byline(body[0].text)
        if lead is not None:
            found.update(lead[1])
            seen = True
        signature = bylines.trailing_signature(body[-1].text)
        if signature is None and not unit.photo:
            signature = bylines.glued_sign_off(body[-1].text)
        if signature is not None:
            found.update(signature)
            seen = True
    return found if seen else None
