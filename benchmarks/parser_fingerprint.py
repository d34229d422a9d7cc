"""Does a change to the page parser or the import change what it produces? Compare two checkouts.

    python benchmarks/parser_fingerprint.py --code /tmp/before [--pages 1000] [--every 3] [--cache DIR]

(``git archive <commit> | tar -x -C /tmp/before`` makes the other checkout.) Each checkout's
code, in a process of its own, cuts the same files into documents: the seed pages, the tuning
pages, the ingest test pages and every ``--every``-th (third by default; 1: all) of the first
``--pages`` synthetic pages the benchmarks import. For each file it hashes the documents as the
store would take them (id, title, kind, text, raw text, status, meta with the byline, flags and
notes, provenance), the file's notes, and the role the line-role model gives each line with its
probabilities and reasons; the two lists of hashes must be the same. The frozen test pages are
never read. Work meant to make the import faster, not different, is checked with it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
# the pages the splitter's quality is measured on at the end: never read here
FROZEN = REPO / "tests" / "data" / "pages" / "test"


def inputs(cache: Path, pages: int, every: int = 3) -> list[Path]:
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    from harness.corpus import page_paths

    files = sorted((REPO / "seeds").glob("*.txt"))
    files += sorted((REPO / "tests" / "data" / "pages" / "tune").glob("*.txt"))
    files += sorted((REPO / "tests" / "data" / "ingest").glob("*.txt"))
    files += page_paths(cache, pages)[::every]
    assert not any(FROZEN in path.parents for path in files)
    return files


def fingerprints(files: list[Path]) -> list[str]:
    """One hash per file of what this process's ``annotator`` makes of it."""
    from annotator.formats.registry import ReadOptions
    from annotator.ingest.decoding import decode_bytes
    from annotator.ingest.furniture import classify
    from annotator.ingest.line_roles import default_model
    from annotator.ingest.source_lines import split_lines
    from annotator.ingest.text_reader import read_text

    out = []
    for path in files:
        source = read_text(path, ReadOptions())
        lines = [classify(line) for line in split_lines(decode_bytes(path.read_bytes(), path).text)]
        roles = [
            [reading.role.value, sorted((r.value, round(p, 9)) for r, p in reading.probabilities.items()),
             reading.reasons]
            for reading in default_model().read(lines)
        ]
        documents = [
            {
                "id": bundle.document.id,
                "title": bundle.document.title,
                "kind": bundle.document.kind,
                "text": bundle.document.text,
                "raw_text": bundle.document.raw_text,
                "status": str(bundle.document.status),
                "meta": bundle.document.meta,
                "provenance": bundle.document.provenance.to_dict() if bundle.document.provenance else None,
            }
            for bundle in source.documents
        ]
        canonical = json.dumps(
            {"documents": documents, "notes": source.notes, "roles": roles}, ensure_ascii=False, sort_keys=True
        )
        out.append(hashlib.sha256(canonical.encode("utf-8")).hexdigest())
    return out


def run(code: Path, files: list[Path]) -> list[str]:
    """The fingerprints made by the checkout at ``code``, in a fresh process."""
    listing = json.dumps([str(path) for path in files])
    done = subprocess.run(
        [sys.executable, __file__, "--fingerprint", str(code)],
        input=listing, capture_output=True, text=True, check=True,
    )
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, help="the other checkout (the code before the change)")
    parser.add_argument("--pages", type=int, default=1000, help="synthetic pages to draw every third from")
    parser.add_argument("--every", type=int, default=3, help="take every n-th of those pages (1: all of them)")
    parser.add_argument("--cache", type=Path, default=REPO / ".benchmarks-cache", help="where the synthetic pages are")
    parser.add_argument("--fingerprint", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.fingerprint is not None:
        # the child: the listed files through the code at that checkout
        sys.path.insert(0, str(args.fingerprint))
        print(json.dumps(fingerprints([Path(p) for p in json.loads(sys.stdin.read())])))
        return 0
    if args.code is None:
        parser.error("--code is needed: the checkout to compare this one with")
    files = inputs(args.cache, args.pages, args.every)
    here, there = run(REPO, files), run(args.code.resolve(), files)
    differing = [path for path, a, b in zip(files, here, there, strict=True) if a != b]
    print(f"{len(files)} files: {len(files) - len(differing)} the same, {len(differing)} different")
    for path in differing:
        print(f"  differs: {path}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
