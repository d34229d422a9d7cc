"""Fuzzing the importers: Hypothesis strategies for files in every format Annotator reads, and the
check every generated file must pass.

The check (``Harness.check``) imports one generated file into a copy of a small project, through
the real pipeline (``annotator.project.importing.run_import``: read, sanitise, store, candidates,
search), and holds it to two rules:

- **no internal errors**: nothing but an ``AnnotatorError`` may come out of reading a file, and a
  file that is refused is reported with a message that names it;
- **no partial imports**: a refused file leaves the project byte for byte as it was (every row of
  every table, the search index's own tables included); a file that is stored leaves a project
  that ``Store.check`` finds sound and that exports (verified) without error.

Used by ``test_fuzz_imports.py`` (a few examples per importer, in the normal test run) and by
``run.py`` (the full run, 10,000 per importer, with counts). The files are built from records of
the right shape whose values are sometimes of the wrong type, out of range or hostile (NUL and
other control characters, lone surrogates, line and paragraph separators, astral characters,
megabyte strings, deep nesting), then sometimes damaged as bytes (cut short, invalid UTF-8, a BOM,
CRLF line ends).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from annotator.errors import AnnotatorError
from annotator.project.exporting import export
from annotator.project.importing import ImportSettings, run_import
from annotator.store import Store

# --- choosing ---------------------------------------------------------------------------------------
#
# Hypothesis favours the smallest and largest values of a range, and the first branch of a
# ``one_of``, so ``integers(0, 9) == 0`` is true far more often than one time in ten. Choices
# between the ordinary and the hostile are made here instead, with the weights they say.


def weighted(draw: st.DrawFn, options: list[tuple[Any, int]]) -> Any:
    """One of the options, with the given weights (the first takes the range's ends, which Hypothesis favours)."""
    total = sum(weight for _, weight in options)
    # a fixed permutation of 0..9999 spreads Hypothesis's favourite values over the range
    point = (draw(st.integers(0, 9999)) * 7919) % 10000 * total // 10000
    for option, weight in options:
        if point < weight:
            return option
        point -= weight
    return options[-1][0]


def rarely(draw: st.DrawFn, percent: float) -> bool:
    return weighted(draw, [(False, int(1000 - 10 * percent)), (True, int(10 * percent))])


# --- values ---------------------------------------------------------------------------------------

_PLAIN = list("张三李四王五北京上海广州工会总工会报讯记者的了在说。，！？“”《》（）：；、")
_ASCII = list("abcXYZ019 -_.:/\\\"'{}[]")
_HOSTILE_CHARS = list("\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x85\u2028\u2029\ufeff\u200b\ufffd\t\r\n") + [
    "😀", "𠀀", "\U0010ffff", "é", "\u0301",
]
_SURROGATES = ["\ud800", "\udfff", "\udc00"]
_clean_chars = st.sampled_from(_PLAIN * 4 + _ASCII)
_hostile_chars = st.sampled_from(_PLAIN * 4 + _ASCII + _HOSTILE_CHARS)


@st.composite
def _strings(draw: st.DrawFn, min_size: int, max_size: int) -> str:
    """Clean text most of the time; some strings hold control and other odd characters, a few a lone surrogate."""
    clean = st.text(alphabet=_clean_chars, min_size=min_size, max_size=max_size)
    kind = weighted(draw, [("clean", 88), ("odd", 9), ("broken", 3)])
    if kind == "odd":
        return draw(st.text(alphabet=_hostile_chars, min_size=min_size, max_size=max_size))
    if kind == "broken":
        return draw(clean) + draw(st.sampled_from(_SURROGATES)) + draw(clean)
    return draw(clean)


chars = _hostile_chars
short_text = _strings(0, 24)


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Mostly short article-like text; sometimes empty, white space only, or a megabyte long."""
    kind = weighted(draw, [("short", 945), ("blank", 50), ("long", 5)])
    if kind == "blank":
        return draw(st.sampled_from(["", " ", "\n\n", "\u3000", "\x00"]))
    if kind == "long":  # a long document, up to a megabyte (the candidate generator must stay bounded on it)
        unit = draw(_strings(1, 12))
        return unit * draw(st.integers(1_000, 60_000))
    return draw(_strings(1, 60))


ENTITY_LABELS = ["PER", "ORG", "LOC", "TITLE", "DATE", "MONEY", "WORK"]
@st.composite
def _label(draw: st.DrawFn, known: list[str]) -> str:
    kind = weighted(draw, [("known", 94), ("wrong", 3), ("any", 3)])
    if kind == "wrong":
        return draw(st.sampled_from(["NOPE", "", "per", "PER\x00", "B-PER", " PER"]))
    return draw(short_text) if kind == "any" else draw(st.sampled_from(known))


labels = _label(ENTITY_LABELS)
relation_labels = _label(["works_at", "has_title", "located_in", "part_of"])
offsets = st.one_of(st.integers(-3, 80), st.sampled_from([2**31, 2**63, -(2**63), 10**30]), st.floats(allow_nan=True),
                    st.booleans(), st.none(), short_text)


def any_json(depth: int = 3) -> st.SearchStrategy[Any]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(), short_text)
    if depth <= 0:
        return scalars
    return st.one_of(scalars, st.lists(any_json(depth - 1), max_size=3),
                     st.dictionaries(short_text, any_json(depth - 1), max_size=3))


@st.composite
def sometimes(draw: st.DrawFn, value: st.SearchStrategy[Any], hostile: st.SearchStrategy[Any] | None = None) -> Any:
    """The right kind of value 97 times in 100, anything JSON holds otherwise."""
    if rarely(draw, 3):
        return draw(hostile if hostile is not None else any_json(2))
    return draw(value)


@st.composite
def span_in(draw: st.DrawFn, text: str) -> tuple[Any, Any]:
    """Offsets that mostly fit ``text`` (so records get past the first checks), sometimes not."""
    if text and not rarely(draw, 4):
        start = draw(st.integers(0, max(0, len(text) - 1)))
        end = draw(st.integers(start, min(len(text), start + 12)))
        return start, end
    return draw(offsets), draw(offsets)


def optional(record: dict[str, Any], key: str, value: Any, present: bool) -> None:
    if present:
        record[key] = value


# --- formats --------------------------------------------------------------------------------------


@st.composite
def native_record(draw: st.DrawFn) -> dict[str, Any]:
    text = draw(texts())
    record: dict[str, Any] = {"text": draw(sometimes(st.just(text)))}
    optional(record, "id", draw(sometimes(short_text)), draw(st.booleans()))
    optional(record, "title", draw(sometimes(short_text)), draw(st.booleans()))
    optional(record, "status", draw(sometimes(st.sampled_from(["todo", "in_progress", "done", "skipped", "nope"]))),
             draw(st.booleans()))
    optional(record, "meta", draw(sometimes(st.dictionaries(st.sampled_from(["kicker", "byline", "x"]), short_text, max_size=2),
                                            any_json(3))), draw(st.booleans()))
    entities = []
    for n in range(draw(st.integers(0, 4))):
        start, end = draw(span_in(text))
        covered = text[start:end] if isinstance(start, int) and isinstance(end, int) else ""
        entities.append({"id": draw(sometimes(st.just(f"T{n + 1}"))), "start": start, "end": end,
                         "label": draw(labels), "text": draw(sometimes(st.just(covered)))})
    optional(record, "entities", draw(sometimes(st.just(entities))), not rarely(draw, 25))
    relations = [{"id": f"R{n + 1}", "label": draw(relation_labels), "head": draw(sometimes(st.sampled_from(["T1", "T2"]))),
                  "tail": draw(sometimes(st.sampled_from(["T1", "T2", "T3"])))}
                 for n in range(draw(st.sampled_from([0, 0, 0, 1, 2])))]
    optional(record, "relations", relations, bool(relations))
    optional(record, "doc_labels", draw(sometimes(st.dictionaries(st.sampled_from(["topic", "x"]),
                                                                  st.sampled_from(["其他", "工会建设", "?"]), max_size=1))),
             rarely(draw, 20))
    optional(record, "time_spent", draw(sometimes(st.dictionaries(short_text, st.floats(-5, 1e6), max_size=2))),
             rarely(draw, 20))
    optional(record, "candidates", [{"start": s, "end": e, "label": draw(labels), "source": "model",
                                     "score": draw(sometimes(st.floats(0, 1)))}
                                    for s, e in (draw(span_in(text)) for _ in range(draw(st.integers(0, 2))))],
             rarely(draw, 20))
    return record


@st.composite
def doccano_record(draw: st.DrawFn) -> dict[str, Any]:
    text = draw(texts())
    record: dict[str, Any] = {"text": draw(sometimes(st.just(text)))}
    optional(record, "id", draw(sometimes(st.integers(0, 99))), draw(st.booleans()))
    spans = [draw(span_in(text)) for _ in range(draw(st.integers(0, 4)))]
    if draw(st.booleans()):
        record["label"] = [[s, e, draw(labels)] for s, e in spans]
    else:
        record["entities"] = [{"id": n, "label": draw(labels), "start_offset": s, "end_offset": e}
                              for n, (s, e) in enumerate(spans)]
        record["relations"] = [{"id": n, "from_id": draw(sometimes(st.integers(0, 4))),
                                "to_id": draw(sometimes(st.integers(0, 4))), "type": draw(relation_labels)}
                               for n in range(draw(st.integers(0, 2)))]
    return record


@st.composite
def prodigy_record(draw: st.DrawFn) -> dict[str, Any]:
    text = draw(texts())
    record: dict[str, Any] = {"text": draw(sometimes(st.just(text)))}
    if draw(st.booleans()):
        record["tokens"] = [{"text": c, "start": i, "end": i + 1, "id": i, "ws": False} for i, c in enumerate(text[:200])]
    spans = []
    for _ in range(draw(st.integers(0, 3))):
        start, end = draw(span_in(text))
        spans.append({"start": start, "end": end, "label": draw(labels),
                      "token_start": start, "token_end": draw(sometimes(st.just(end - 1 if isinstance(end, int) else 0)))})
    record["spans"] = draw(sometimes(st.just(spans)))
    if spans and draw(st.booleans()):
        record["relations"] = [{"head": 0, "child": 1, "label": draw(relation_labels),
                                "head_span": draw(sometimes(st.sampled_from(spans))),
                                "child_span": draw(sometimes(st.sampled_from(spans)))}]
    optional(record, "answer", draw(sometimes(st.sampled_from(["accept", "reject", "ignore", "maybe"]))), draw(st.booleans()))
    optional(record, "meta", draw(any_json(2)), draw(st.booleans()))
    return record


@st.composite
def hf_record(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        return draw(native_record())
    tokens = draw(st.lists(sometimes(_strings(1, 3)), max_size=30))
    tags = draw(st.one_of(
        st.lists(st.sampled_from(["O", "B-PER", "I-PER", "E-PER", "S-LOC", "M-ORG", "B-NOPE", "I-", "X"]),
                 min_size=len(tokens), max_size=len(tokens)),
        st.lists(sometimes(st.integers(-1, 20)), min_size=len(tokens), max_size=len(tokens)),
        st.lists(any_json(1), max_size=5),
    ))
    return {"id": draw(sometimes(short_text)), "tokens": tokens, "ner_tags": tags}


@st.composite
def label_studio_file(draw: st.DrawFn) -> Any:
    tasks = []
    for n in range(draw(st.integers(0, 4))):
        text = draw(texts())
        results = []
        for m in range(draw(st.integers(0, 3))):
            start, end = draw(span_in(text))
            results.append({"id": f"r{m}", "from_name": "label", "to_name": "text", "type": draw(sometimes(st.just("labels"))),
                            "value": draw(sometimes(st.just({"start": start, "end": end,
                                                             "text": text[start:end] if isinstance(start, int) and isinstance(end, int) else "",
                                                             "labels": [draw(labels)]})))})
        if len(results) > 1 and draw(st.booleans()):
            results.append({"type": "relation", "from_id": "r0", "to_id": draw(sometimes(st.just("r1"))),
                            "labels": [draw(relation_labels)]})
        task: dict[str, Any] = {"id": draw(sometimes(st.just(n))), "data": draw(sometimes(st.just({"text": text})))}
        task[draw(st.sampled_from(["annotations", "predictions", "completions"]))] = [{"result": results}]
        tasks.append(draw(sometimes(st.just(task))))
    if rarely(draw, 15):  # JSON-MIN
        return [{"text": draw(texts()), "label": [{"start": 0, "end": 1, "text": "x", "labels": [draw(labels)]}]}]
    return (tasks[0] if tasks else {}) if rarely(draw, 10) else tasks


@st.composite
def conll_file(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 40))):
        kind = weighted(draw, [("token", 80), ("blank", 12), ("docstart", 4), ("junk", 4)])
        if kind == "blank":
            lines.append("")
        elif kind == "docstart":
            lines.append(f"-DOCSTART- -X- {draw(short_text)} O")
        elif kind == "junk":
            lines.append(draw(short_text))
        else:
            token = draw(_strings(1, 2))
            separator = weighted(draw, [(" ", 70), ("\t", 20), ("  ", 5), (" X ", 5)])
            tag = weighted(draw, [("O", 50), ("B-PER", 10), ("I-PER", 10), ("B-LOC", 8), ("E-LOC", 5), ("S-ORG", 5),
                                  ("M-ORG", 5), ("B-NOPE", 2), ("I-", 2), ("X", 3)])
            lines.append(f"{token}{separator}{tag}")
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


@st.composite
def brat_files(draw: st.DrawFn) -> tuple[str, str]:
    text = draw(texts())
    lines = []
    for n in range(draw(st.integers(0, 5))):
        kind = weighted(draw, [("span", 70), ("fragments", 6), ("relation", 14), ("other", 5), ("junk", 5)])
        start, end = draw(span_in(text))
        covered = text[start:end] if isinstance(start, int) and isinstance(end, int) else draw(short_text)
        if kind == "span":
            lines.append(f"T{n + 1}\t{draw(labels)} {start} {end}\t{covered}")
        elif kind == "fragments":
            lines.append(f"T{n + 1}\t{draw(labels)} {start} {end};{draw(offsets)} {draw(offsets)}\t{covered}")
        elif kind == "relation":
            lines.append(f"R{n + 1}\t{draw(relation_labels)} Arg1:T{draw(st.integers(0, 3))} Arg2:T{draw(st.integers(0, 3))}")
        elif kind == "other":
            lines.append(draw(st.sampled_from(["E1\tEvent:T1", "A1\tNeg T1", "#1\tNote T1\tx", "*\tEquiv T1 T2"])))
        else:
            lines.append(draw(short_text))
    return "\n".join(lines) + "\n", text


def _packable(value: Any) -> Any:
    """``value`` without lone surrogates, which msgpack (like UTF-8) cannot hold."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {_packable(k): _packable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_packable(v) for v in value]
    if isinstance(value, int) and not -(2**63) <= value < 2**64:
        return str(value)
    return value


def _spacy_bytes(docs: list[dict[str, Any]]) -> bytes:
    # spaCy is optional and slow to import: only the spaCy cases load it.
    import spacy
    from spacy.tokens import DocBin, Span

    nlp = spacy.blank("zh")
    bin_ = DocBin(store_user_data=True)
    for item in docs:
        doc = nlp.make_doc(item["text"])
        spans = []
        for start, end, label in item["spans"]:
            span = doc.char_span(start, end, label=label or "X", alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["sc"] = spans
        if item["ents"]:
            try:
                doc.ents = [Span(doc, s.start, s.end, label=s.label_) for s in spans[:1]]
            except ValueError:
                pass
        doc.user_data["annotator"] = _packable(item["user_data"])
        bin_.add(doc)
    return bin_.to_bytes()


@st.composite
def spacy_file(draw: st.DrawFn) -> bytes:
    docs = []
    for _ in range(draw(st.integers(0, 3))):
        text = draw(st.text(alphabet=st.sampled_from(_PLAIN + _ASCII + ["\x00", "\x01", "😀", "\u2028"]), max_size=40))
        spans = []
        for _ in range(draw(st.integers(0, 3))):
            if text:
                start = draw(st.integers(0, len(text) - 1))
                spans.append((start, draw(st.integers(start + 1, len(text))), draw(st.sampled_from(ENTITY_LABELS + ["NOPE"]))))
        # msgpack, like UTF-8, cannot hold a lone surrogate: none in what a DocBin can carry
        packable = st.text(alphabet=st.sampled_from(_PLAIN + _ASCII + ["\x00", "\x1f", "😀", "\u2028"]), max_size=12)
        user_data = draw(st.fixed_dictionaries({}, optional={
            "id": sometimes(packable, st.integers()), "status": sometimes(st.sampled_from(["done", "todo", "bad"])),
            "title": sometimes(packable, st.none()),
            "relations": sometimes(st.lists(st.tuples(st.integers(-1, 3), st.integers(-1, 3), packable), max_size=2),
                                   st.lists(st.integers(), max_size=2)),
        }))
        docs.append({"text": text, "spans": spans, "ents": draw(st.booleans()), "user_data": user_data})
    data = _spacy_bytes(docs)
    return draw(damaged_bytes(data))


@st.composite
def page_text(draw: st.DrawFn) -> str:
    """Something like an OCR'd newspaper page: headlines, bylines, paragraphs cut by blank lines, furniture."""
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        kind = weighted(draw, [("paragraph", 55), ("headline", 12), ("byline", 12), ("furniture", 8), ("blank", 13)])
        if kind == "headline":
            parts.append("# " + draw(short_text))
        elif kind == "byline":
            parts.append(f"本报讯（记者{draw(short_text)}）{draw(texts())}")
        elif kind == "furniture":
            parts.append(draw(st.sampled_from(["广告", "阅读提示", "本报记者 张三 本报通讯员 李四", "图为工人在车间。 张三 摄",
                                               "G新闻特写", "本报广州6月23日电"])))
        elif kind == "blank":
            parts.append("")
        else:
            parts.append(draw(texts()))
    return "\n".join(parts)


# --- files on disk ----------------------------------------------------------------------------------


@st.composite
def damaged_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` as is most of the time; otherwise cut short, with bytes changed or added."""
    kind = weighted(draw, [("whole", 94), ("cut", 2), ("changed", 2), ("added", 2)])
    if kind == "cut" and data:
        return data[: draw(st.integers(0, len(data) - 1))]
    if kind == "changed" and data:
        at = draw(st.integers(0, len(data) - 1))
        return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    if kind == "added":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(max_size=8)) + data[at:]
    return data


@st.composite
def damaged_text(draw: st.DrawFn, text: str) -> bytes:
    """Text to bytes as a careless tool writes it: BOMs, CRLF, CESU-8 surrogates, legacy encodings, damage."""
    kind = weighted(draw, [("utf-8", 84), ("crlf", 5), ("bom", 5), ("gb18030", 2), ("utf-16", 2), ("cesu-8", 2)])
    if kind == "crlf":
        text = text.replace("\n", "\r\n")
    elif kind == "bom":
        text = "\ufeff" + text
    # a lone surrogate written as the bytes UTF-8 does not allow (CESU-8), or else replaced
    encoded = text.encode("utf-8", "surrogatepass" if kind == "cesu-8" else "replace")
    if kind == "gb18030":
        encoded = text.encode("gb18030", "replace")
    elif kind == "utf-16":
        encoded = text.encode("utf-16", "surrogatepass")
    return draw(damaged_bytes(encoded))


@st.composite
def raw_json(draw: st.DrawFn, value: Any) -> str:
    """``value`` as JSON, sometimes with what a careful writer never produces: lone surrogate escapes,
    deep nesting, escaped NULs, non-finite numbers, a stray line."""
    text = json.dumps(value, ensure_ascii=draw(st.booleans()), allow_nan=True)
    kind = weighted(draw, [("as written", 92), ("surrogate", 2), ("deep", 2), ("nul", 2), ("infinite", 2)])
    if kind == "surrogate":
        text = text.replace('"', '"\\ud800', 1)
    elif kind == "deep":
        depth = draw(st.sampled_from([50, 99, 100, 101, 1_000, 10_000, 100_000]))
        text = text.replace("{", '{"deep": ' + "[" * depth + "]" * depth + ", ", 1) if "{" in text else "[" * depth + "]" * depth
    elif kind == "nul":
        text = text.replace('"', '"\\u0000', 2)
    elif kind == "infinite":
        text = text.replace("0", "1e999", 1)
    return text


def jsonl_file(records: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[bytes]:
    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        lines = [draw(raw_json(draw(records))) for _ in range(weighted(draw, [(1, 50), (2, 30), (3, 15), (0, 5)]))]
        if rarely(draw, 5):
            lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(["", "  ", "not json", "{", "[]", "null", "1"])))
        return draw(damaged_text("\n".join(lines) + draw(st.sampled_from(["", "\n"]))))

    return build()


@st.composite
def json_file(draw: st.DrawFn, value: st.SearchStrategy[Any]) -> bytes:
    return draw(damaged_text(draw(raw_json(draw(value)))))


@dataclass(frozen=True)
class Case:
    """Files to write (name -> bytes), the one to import, and the format to force (None: detect)."""

    files: tuple[tuple[str, bytes], ...]
    target: str
    format: str | None


def _case(name: str, fmt: str, files: st.SearchStrategy[dict[str, bytes]]) -> st.SearchStrategy[Case]:
    @st.composite
    def build(draw: st.DrawFn) -> Case:
        written = draw(files)
        forced = None if rarely(draw, 20) else fmt
        return Case(tuple(sorted(written.items())), name, forced)

    return build()


def _one(name: str, content: st.SearchStrategy[bytes]) -> st.SearchStrategy[dict[str, bytes]]:
    return content.map(lambda data: {name: data})


@st.composite
def _brat(draw: st.DrawFn) -> dict[str, bytes]:
    ann, text = draw(brat_files())
    return {"doc.ann": draw(damaged_text(ann)), "doc.txt": draw(damaged_text(text))}


# Every importer, with the file name its extension is detected by.
IMPORTERS: dict[str, Callable[[], st.SearchStrategy[Case]]] = {
    "jsonl": lambda: _case("data.jsonl", "jsonl", _one("data.jsonl", jsonl_file(native_record()))),
    "doccano": lambda: _case("data.jsonl", "doccano", _one("data.jsonl", jsonl_file(doccano_record()))),
    "prodigy": lambda: _case("data.jsonl", "prodigy", _one("data.jsonl", jsonl_file(prodigy_record()))),
    "hf": lambda: _case("train.jsonl", "hf", _one("train.jsonl", jsonl_file(hf_record()))),
    "label-studio": lambda: _case("tasks.json", "label-studio", _one("tasks.json", json_file(label_studio_file()))),
    "conll": lambda: _case("data.conll", "conll", _one("data.conll", conll_file().flatmap(damaged_text))),
    "brat": lambda: _case("doc.ann", "brat", _brat()),
    "spacy": lambda: _case("data.spacy", "spacy", _one("data.spacy", spacy_file())),
    "text": lambda: _case("page.txt", "text", _one("page.txt", page_text().flatmap(damaged_text))),
    "whole-text": lambda: _case("plain.txt", "whole-text", _one("plain.txt", texts().flatmap(damaged_text))),
}


# --- the check ------------------------------------------------------------------------------------------


@dataclass
class Verdict:
    importer: str
    outcome: str = ""  # imported, refused, unchanged, empty, or the kind of failure
    problem: str = ""  # empty when the case passed

    @property
    def ok(self) -> bool:
        return not self.problem


@dataclass
class Tally:
    cases: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    internal_errors: int = 0
    partial_imports: int = 0
    unnamed_errors: int = 0
    unsound_projects: int = 0

    def add(self, verdict: Verdict) -> None:
        self.cases += 1
        self.outcomes[verdict.outcome] = self.outcomes.get(verdict.outcome, 0) + 1


def fingerprint(db: Path) -> str:
    """A hash of every row of every table (the search index's shadow tables too)."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(db)
    try:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")]
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode("utf-8", "surrogatepass"))
    finally:
        conn.close()
    return digest.hexdigest()


class Harness:
    """A small project to import into, copied afresh for every case."""

    def __init__(self, workdir: Path, seeds_dir: Path) -> None:
        self.workdir = workdir
        self.template = workdir / "template.db"
        with Store(self.template, annotator="fuzz") as store:
            page = min(seeds_dir.glob("*.txt"))
            gold = workdir / "gold.jsonl"
            gold.write_text(json.dumps({"id": "gold-1", "text": "本报讯（记者张建华）洛阳市总工会召开会议。", "status": "done",
                                        "entities": [{"id": "T1", "start": 6, "end": 9, "label": "PER", "text": "张建华"},
                                                     {"id": "T2", "start": 10, "end": 16, "label": "ORG", "text": "洛阳市总工会"}],
                                        "relations": [{"label": "works_at", "head": "T1", "tail": "T2"}]},
                                       ensure_ascii=False) + "\n", encoding="utf-8")
            result = run_import(store, [page, gold], ImportSettings(workers=1))
            assert not result.failed and result.unfinished is None, result
            store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.baseline = fingerprint(self.template)

    def check(self, importer: str, case: Case) -> Verdict:
        verdict = Verdict(importer)
        folder = self.workdir / "case"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        for name, data in case.files:
            (folder / name).write_bytes(data)
        db = self.workdir / "case.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copy(self.template, db)
        target = folder / case.target
        try:
            with Store(db, annotator="fuzz") as store:
                result = run_import(store, [target], ImportSettings(format=case.format, workers=1))
                if result.unfinished is not None:
                    verdict.outcome, verdict.problem = "unfinished", f"import did not finish: {result.unfinished}"
                    return verdict
                (report,) = result.reports
                verdict.outcome = "refused" if report.outcome == "failed" else report.outcome
                if report.outcome == "imported":
                    problems = store.check()
                    if problems:
                        verdict.outcome, verdict.problem = "unsound", f"check after import: {problems[:3]}"
                        return verdict
                    export(store, "jsonl", str(self.workdir / "out.jsonl"), statuses=None, doc_ids=report.doc_ids)
        except AnnotatorError as exc:
            verdict.outcome, verdict.problem = "escaped", f"{type(exc).__name__} escaped the import: {exc}"
            return verdict
        except Exception:  # noqa: BLE001 - what the fuzzer is looking for
            verdict.outcome, verdict.problem = "internal", traceback.format_exc(limit=-6)
            return verdict
        if report.outcome == "failed":
            if not report.notes or not any(str(folder / name) in report.notes[0] for name, _ in case.files):
                verdict.outcome, verdict.problem = "unnamed", f"the message does not name the file: {report.notes[:1]}"
            elif fingerprint(db) != self.baseline:
                verdict.outcome, verdict.problem = "partial", f"refused, but the project changed: {report.notes[0]}"
        elif report.outcome in ("unchanged", "empty") and fingerprint(db) != self.baseline:
            verdict.outcome, verdict.problem = "partial", f"{report.outcome}, but the project changed"
        return verdict
