"""Reading the versions to compare: from a merged project, from packages, or both.

A project holds its annotators' versions (merged from their packages); a
package holds one annotator's work as its project layer. Either may be named
on ``annotator agree``, so agreement can be measured before merging too.
Files are read from a private copy and never changed.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from annotator.agreement.report import DocumentVersions
from annotator.store import Store
from annotator.store.database import chunked
from annotator.team import packages
from annotator.team.merging import opened_copy

Progress = Callable[[int, int], None]


def from_store(store: Store, doc_ids: Sequence[str] | None = None, *, progress: Progress | None = None) -> dict[str, DocumentVersions]:
    """The versions of every document of ``store`` that two or more annotators did (or of ``doc_ids``).

    A package contributes its own annotations, as its annotator's version."""
    found: dict[str, DocumentVersions] = {}
    owner = packages.package_annotator(store)
    if owner:
        ids = list(doc_ids) if doc_ids is not None else store.documents.ids()
    else:
        ids = list(doc_ids) if doc_ids is not None else store.versions.documents(at_least=2)
    done = 0
    for chunk in chunked(ids):
        info = {
            doc_id: (length, title)
            for doc_id, length, title in store.db.conn.execute(
                f"SELECT id, length(text), title FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk
            )
        }
        if owner:
            layers = {doc_id: {owner: replace(layer, owner=owner)} for doc_id, layer in store.layers.of_documents(chunk).items()}
        else:
            layers = store.versions.layers(chunk)
        for doc_id in chunk:
            if doc_id in info:
                length, title = info[doc_id]
                found[doc_id] = DocumentVersions(doc_id, length, title, dict(layers.get(doc_id, {})))
        done += len(chunk)
        if progress:
            progress(done, len(ids))
    return found


def from_files(paths: Sequence[str | Path]) -> dict[str, DocumentVersions]:
    """Every version in the projects and packages at ``paths``, by document.

    The same annotator's version of a document found in two files (a merged
    project and their package) counts once: the file named later wins."""
    combined: dict[str, DocumentVersions] = {}
    with contextlib.ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="annotator-agree-")))
        for index, path in enumerate(paths):
            store = stack.enter_context(opened_copy(Path(path), scratch / f"{index}.db"))
            ids = store.documents.ids() if packages.package_annotator(store) else store.versions.documents(at_least=1)
            for doc_id, doc in from_store(store, ids).items():
                into = combined.setdefault(doc_id, DocumentVersions(doc_id, doc.length, doc.title))
                if into.length != doc.length:
                    continue  # another text under the same id: not comparable
                into.layers.update(doc.layers)
    return combined
