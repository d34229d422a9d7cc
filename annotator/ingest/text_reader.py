"""The readers for plain text (.txt, .md, .text): newspaper pages cut into articles, or one file one document.

``text`` is the default for these extensions: a page of articles becomes
one document per article, and a file without page structure (no bylines,
boxes, credits, column labels, one headline at most) becomes one document of
kind "text". ``whole-text`` (``annotator import --format whole-text``)
skips page segmentation for files it gets wrong.
"""

from __future__ import annotations

from pathlib import Path

from annotator.formats.files import read_input
from annotator.formats.registry import Reader, ReadOptions, register_reader
from annotator.ingest.decoding import decode_bytes
from annotator.ingest.pages import segment_text
from annotator.model import SourceFile

FORMAT = "text"
WHOLE_FORMAT = "whole-text"
EXTENSIONS = (".txt", ".md", ".text")


def read_text_file(path: Path, *, normalise: bool, whole: bool, format_name: str) -> SourceFile:
    data, sha256 = read_input(path)
    decoded = decode_bytes(data, path)
    source = SourceFile(
        path=str(path), name=path.name, sha256=sha256, size=len(data), format=format_name, encoding=decoded.encoding
    )
    segmented = segment_text(
        decoded.text,
        file_name=path.name,
        sha256=sha256,
        encoding=decoded.encoding,
        normalise=normalise,
        whole=whole,
        stem=path.stem,
    )
    source.documents = segmented.documents
    source.notes = [f"{path.name}: {note}" for note in segmented.notes]
    if decoded.encoding not in ("utf-8", "utf-8-sig"):
        source.notes.insert(0, f"{path.name}: decoded as {decoded.encoding}")
    return source


def read_text(path: Path, options: ReadOptions) -> SourceFile:
    return read_text_file(path, normalise=options.normalise_width, whole=False, format_name=FORMAT)


def read_whole_text(path: Path, options: ReadOptions) -> SourceFile:
    return read_text_file(path, normalise=options.normalise_width, whole=True, format_name=WHOLE_FORMAT)


register_reader(
    Reader(
        name=FORMAT,
        description="plain text or Markdown; newspaper pages are cut into articles",
        extensions=EXTENSIONS,
        read=read_text,
    )
)

register_reader(
    Reader(
        name=WHOLE_FORMAT,
        description="plain text or Markdown, each file one document (no page segmentation)",
        extensions=EXTENSIONS,
        read=read_whole_text,
        # never chosen by extension over "text"; only with --format whole-text
        priority=1000,
        sniff=lambda head: False,
    )
)
