"""Dataset formats in and out. Importing this package registers every reader and writer."""

from annotator.formats import native_jsonl  # noqa: F401  (registers jsonl)
from annotator.formats.registry import READERS, WRITERS, detect_reader, reader_named, writer_named
from annotator.ingest import text_reader  # noqa: F401  (registers text)

__all__ = ["READERS", "WRITERS", "detect_reader", "reader_named", "writer_named"]
