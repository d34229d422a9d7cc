"""Dataset formats in and out. Importing this package registers every reader and writer.

Each module is one format; ``docs/formats.md`` describes them all. Writers
share ``dataset.write_dataset`` (layout, splits, verification, atomic output,
the schema beside the data); readers share ``fields`` and ``offset_units``.
"""

from annotator.formats import native_jsonl  # noqa: F401  (registers jsonl)
from annotator.formats import brat, conll, doccano, huggingface, label_studio, prodigy, spacy_docbin  # noqa: F401
from annotator.formats.registry import (
    READERS,
    WRITERS,
    detect_reader,
    importable_extensions,
    reader_named,
    writer_named,
)
from annotator.ingest import text_reader  # noqa: F401  (registers text)

__all__ = ["READERS", "WRITERS", "detect_reader", "importable_extensions", "reader_named", "writer_named"]
