"""Does a change to the learned model's path change what it suggests? Compare two checkouts.

    python benchmarks/model_fingerprint.py --code /tmp/before [--peoples-daily 500]

(``git archive <commit> | tar -x -C /tmp/before`` makes the other checkout.) Each checkout's
code, in a process of its own, runs the candidate pass (``suggest_measured``) over the same texts:
the tune pages' records of tests/data/candidates_gold_pages.jsonl, the seed gold
(tests/data/candidates_gold.jsonl) and the first ``--peoples-daily`` sentences of People's Daily
dev (skipped when absent), three ways: the rules alone (no model, no starter), a fresh project's
pass (the bundled starter) and a project's own model (trained here on the seed gold, its labelled
texts as the gazetteer). For each text and way it hashes every suggestion (start, end, label,
source, score rounded to 1e-9) and the measures (the model's uncertainty), and it hashes the
trained model's bytes; the two lists of hashes must be the same. Work meant to make the model's
pass faster, not different, is checked with it. The frozen test records are never read (only
records whose split is ``tune`` are parsed past their split).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def texts(repo: Path, peoples_daily: int) -> dict[str, list[str]]:
    """The texts of each corpus, read from this checkout's data (both checkouts are given the same)."""
    pages = []
    for line in (repo / "tests" / "data" / "candidates_gold_pages.jsonl").read_text(encoding="utf-8").splitlines():
        # the split is checked on the raw line first: a frozen record is never parsed
        if '"split": "tune"' not in line:
            continue
        record = json.loads(line)
        if record.get("meta", {}).get("split") == "tune":
            pages.append(record["text"])
    seeds = [
        json.loads(line)["text"]
        for line in (repo / "tests" / "data" / "candidates_gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    out = {"tune pages": pages, "seed gold": seeds}
    from annotator.candidates.evaluate import DEFAULT_PEOPLES_DAILY, read_peoples_daily

    if peoples_daily and DEFAULT_PEOPLES_DAILY.is_file():
        out["people's daily"] = [text for text, _spans in read_peoples_daily(DEFAULT_PEOPLES_DAILY)[:peoples_daily]]
    return out


def fingerprints(corpora: dict[str, list[str]]) -> dict[str, str]:
    """One hash per corpus and way of suggesting, and one of the trained model, from this process's code."""
    from annotator.candidates import default_context, warm_up
    from annotator.candidates.engine import suggest_measured
    from annotator.learning.dataset import examples_from
    from annotator.learning.evaluate import DEFAULT_GOLD, SEED_LABELS, reviewed_project_contexts
    from annotator.learning.settings import TrainingSettings

    warm_up()
    records = [json.loads(line) for line in DEFAULT_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    examples = examples_from(
        [(r["id"], r["text"], [(e["start"], e["end"], e["label"]) for e in r["entities"]]) for r in records],
        SEED_LABELS,
    )
    _project, with_model = reviewed_project_contexts(examples, TrainingSettings(), in_process=True)
    assert with_model.model is not None
    base = default_context()
    ways = {
        "rules": replace(base, model=None, sources=("pos", "rules", "gazetteer")),
        "starter": replace(base, model=None, sources=None),
        "own model": with_model,
    }
    out = {"trained model bytes": hashlib.sha256(with_model.model.data).hexdigest()}
    for corpus, items in corpora.items():
        for way, context in ways.items():
            digest = hashlib.sha256()
            for text in items:
                found, measures = suggest_measured(text, context=context)
                canonical = json.dumps(
                    [
                        [[s.start, s.end, s.label, s.source, round(s.score, 9)] for s in found],
                        sorted((k, round(v, 9) if isinstance(v, float) else v) for k, v in measures.items()),
                    ],
                    ensure_ascii=False,
                )
                digest.update(canonical.encode("utf-8") + b"\n")
            out[f"{corpus} ({len(items)} texts), {way}"] = digest.hexdigest()
    return out


def run(code: Path, corpora: dict[str, list[str]]) -> dict[str, str]:
    """The fingerprints made by the checkout at ``code``, in a fresh process, over these texts."""
    done = subprocess.run(
        [sys.executable, __file__, "--fingerprint", str(code)],
        input=json.dumps(corpora), capture_output=True, text=True, check=True, cwd=code,
    )
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, help="the other checkout (the code before the change)")
    parser.add_argument("--peoples-daily", type=int, default=500, help="People's Daily dev sentences (0: none)")
    parser.add_argument("--fingerprint", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.fingerprint is not None:
        # the child: this checkout's texts through the code at that checkout
        sys.path.insert(0, str(args.fingerprint))
        print(json.dumps(fingerprints(json.loads(sys.stdin.read()))))
        return 0
    if args.code is None:
        parser.error("--code is needed: the checkout to compare this one with")
    sys.path.insert(0, str(REPO))
    corpora = texts(REPO, args.peoples_daily)
    here, there = run(REPO, corpora), run(args.code.resolve(), corpora)
    differing = [name for name in here if here[name] != there.get(name)]
    for name, digest in here.items():
        print(f"{'same     ' if name not in differing else 'DIFFERENT'}  {name}  {digest[:16]}")
    return 1 if differing or here.keys() != there.keys() else 0


if __name__ == "__main__":
    sys.exit(main())
