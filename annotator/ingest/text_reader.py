"""Plain text files: one file, one document (placeholder until page segmentation lands)."""

from __future__ import annotations

from pathlib import Path

from annotator.errors import InputError
from annotator.formats.files import read_input
from annotator.formats.registry import Reader, ReadOptions, register_reader
from annotator.model import AnnotatedDocument, Document, Piece, Provenance, SourceFile

FORMAT = "text"


def read_text(path: Path, options: ReadOptions) -> SourceFile:
    data, sha = read_input(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    source = SourceFile(path=str(path), name=path.name, sha256=sha, size=len(data), format=FORMAT, encoding="utf-8")
    body = text.strip()
    if not body:
        return source
    start = text.index(body)
    doc = Document(
        id=f"{sha[:10]}-{start:05d}",
        text=body,
        title=body.splitlines()[0][:60],
        kind="text",
        provenance=Provenance(
            file=path.name,
            sha256=sha,
            encoding="utf-8",
            pieces=[Piece(0, len(body), path.name, start, start + len(body))],
        ),
    )
    source.documents.append(AnnotatedDocument(doc))
    return source


register_reader(
    Reader(
        name=FORMAT,
        description="plain text, one document per file",
        extensions=(".txt", ".md", ".text"),
        read=read_text,
    )
)
