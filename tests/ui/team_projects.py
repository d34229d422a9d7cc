"""A lead's project after a round of team work: two annotators' packages merged, two documents to adjudicate.

    S1 "张三在北京开会了。"  alice PER 0-2            bob PER 0-2, LOC 3-5
    S2 "上海市今天下雨。"    alice LOC 0-2            bob LOC 0-3
    A1 alice's alone (gold at once), B1 bob's alone
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from annotator.model import AnnotatedDocument, Document, SourceFile, Status
from annotator.store import Store
from annotator.team import packages
from annotator.team.merging import merge

TEXTS = {"S1": "张三在北京开会了。", "S2": "上海市今天下雨。", "A1": "李四到杭州出差。", "B1": "王五在广州工作。"}
WORK = {
    "alice": {"S1": [(0, 2, "PER")], "S2": [(0, 2, "LOC")], "A1": [(3, 5, "LOC")]},
    "bob": {"S1": [(0, 2, "PER"), (3, 5, "LOC")], "S2": [(0, 3, "LOC")], "B1": [(0, 2, "PER")]},
}


def packed_project(folder: Path) -> Path:
    """The lead's project with the four documents assigned; alice's and bob's packages annotated, not merged."""
    lead = folder / "lead.db"
    with Store(lead, annotator="lead") as store:
        docs = [AnnotatedDocument(Document(doc_id, text, title=doc_id)) for doc_id, text in TEXTS.items()]
        store.documents.import_source(
            SourceFile("p.txt", "p.txt", hashlib.sha256(b"p").hexdigest(), 1, "test", documents=docs)
        )
        store.assignments.assign({"S1": ["alice", "bob"], "S2": ["alice", "bob"], "A1": ["alice"], "B1": ["bob"]})
        for who in WORK:
            packages.pack(store, who, folder / f"{who}.annotator")
    for who, spans in WORK.items():
        with Store(folder / f"{who}.annotator", annotator=who) as package:
            for doc_id, items in spans.items():
                for start, end, label in items:
                    package.annotations.add_entity(doc_id, start, end, label)
                package.documents.set_status(doc_id, Status.DONE)
    return lead


def merged_project(folder: Path) -> Path:
    lead = packed_project(folder)
    merge(lead, [folder / "alice.annotator", folder / "bob.annotator"], annotator="lead")
    return lead
