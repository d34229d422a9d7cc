"""Export throughput of every dataset format, against the native JSONL export measured in the same run.

A synthetic project of N documents (default 2,000) of about 800 characters,
each with 20 entities (some nested, some after non-BMP characters) and 5
relations, is exported in every format with train/dev/test splits. Each
format runs ``--rounds`` times in turns; the figure is the median.

Printed per format: seconds, documents per second, and the ratio to the
native JSONL export (the floor: reading the store and writing JSON). The
one-off cost of loading jieba (word tokens) and spaCy is not counted: both
are loaded before timing starts, as they are in the app after the first use.

Run: python benchmarks/bench_export_formats.py [--documents N] [--rounds R]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HAN = "中华人民共和国工会职工浙江嘉善姚庄镇总工会专家团主席记者劳动权益服务技能创新企业安全生产法律援助"
PUNCT = "，。、；："


def make_text(rng: random.Random, length: int) -> str:
    chars = []
    while len(chars) < length:
        chars.extend(rng.choice(HAN) for _ in range(rng.randint(6, 20)))
        chars.append(rng.choice(PUNCT))
        if rng.random() < 0.05:
            chars.append(rng.choice("𠮷😀"))
        if rng.random() < 0.1:
            chars.append("\n\n")
    return "".join(chars)[:length]


def build_project(path: Path, documents: int) -> None:
    from annotator.model import AnnotatedDocument, Document, Entity, Relation, SourceFile, Status
    from annotator.store import Store

    rng = random.Random(7)
    labels = ["PER", "ORG", "LOC", "TITLE", "DATE"]
    source = SourceFile(path="bench", name="bench", sha256="bench", size=1, format="text")
    for n in range(documents):
        text = make_text(rng, 800)
        doc_id = f"bench-{n:06d}"
        bundle = AnnotatedDocument(Document(id=doc_id, text=text, title=f"第{n}篇", status=Status.DONE))
        starts = sorted(rng.sample(range(0, 780), 20))
        for i, start in enumerate(starts, start=1):
            end = start + rng.randint(2, 6)
            while not text[start:end].strip():
                start += 1
                end += 1
            bundle.entities.append(Entity(doc_id, start, end, rng.choice(labels), text[start:end], id=i))
        for i in range(5):
            head, tail = rng.sample(range(1, 21), 2)
            bundle.relations.append(Relation(doc_id, "part_of", head, tail))
        for entity in bundle.entities:
            entity.label = "ORG"  # part_of holds between ORGs; keeps the schema's rules satisfied
        source.documents.append(bundle)
    with Store(path, annotator="bench") as store:
        store.import_source(source)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="annotator-bench-export-"))
    os.environ["ANNOTATOR_HOME"] = str(work / "home")
    try:
        from annotator.exporting import export
        from annotator.formats import WRITERS
        from annotator.formats.registry import ExportOptions
        from annotator.store import Store
        from annotator.text.segmenter import get_segmenter

        get_segmenter()
        try:
            import spacy  # noqa: F401
        except ImportError:
            print("spaCy is not installed; the spacy format is left out", file=sys.stderr)
        started = time.perf_counter()
        build_project(work / "bench.db", args.documents)
        print(f"project: {args.documents} documents, 20 entities and 5 relations each, "
              f"built in {time.perf_counter() - started:.1f} s")
        runs = [(name, "char") for name in sorted(WRITERS) if name != "spacy" or "spacy" in sys.modules]
        runs += [(name, "word") for name in ("conll", "hf")]
        times: dict[tuple[str, str], list[float]] = {run: [] for run in runs}
        options = {"splits": {"train": 0.8, "dev": 0.1, "test": 0.1}}
        with Store(work / "bench.db") as store:
            for _ in range(args.rounds):
                for name, tokens in runs:
                    out = work / "out"
                    started = time.perf_counter()
                    export(store, name, str(out), options=ExportOptions(tokens=tokens, **options))
                    times[(name, tokens)].append(time.perf_counter() - started)
                    shutil.rmtree(out)
        baseline = statistics.median(times[("jsonl", "char")])
        print(f"{'format':<14}{'tokens':<8}{'seconds':>9}{'docs/s':>10}{'x jsonl':>9}")
        for (name, tokens), values in times.items():
            median = statistics.median(values)
            print(f"{name:<14}{tokens:<8}{median:>9.2f}{args.documents / median:>10.0f}{median / baseline:>9.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
