"""The gazetteer: the reviewers' own labels, found again wherever their text occurs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.candidates.analysis import TextAnalysis
from annotator.candidates.ruledata import RuleTable
from annotator.candidates.spans import Suggestion

if TYPE_CHECKING:
    from annotator.candidates.context import SuggestContext

SOURCE = "gazetteer"


@dataclass(frozen=True)
class GazetteerSettings:
    min_length: int = 2
    score_document: float = 0.9
    score_corpus: float = 0.8
    split_word_factor: float = 0.6
    # A labelled text found more often than this in one document is proposed at its first
    # occurrences only: that many suggestions of one text are not reviewed one by one
    # ("label all occurrences" is the tool for them), and a short text that common is more
    # likely a word than a name.
    max_matches_per_text: int = 100

    @classmethod
    def from_table(cls, table: RuleTable) -> GazetteerSettings:
        table.check_keys(("min_length", "score_document", "score_corpus", "split_word_factor", "max_matches_per_text"))
        return cls(
            table.integer("min_length", 2, minimum=1),
            table.score("score_document", 0.9),
            table.score("score_corpus", 0.8),
            table.score("split_word_factor", 0.6),
            table.integer("max_matches_per_text", 100, minimum=1),
        )


class Gazetteer:
    """Labelled texts and how often each label was given to them."""

    def __init__(self, labelled: Mapping[tuple[str, str], int] | Iterable[tuple[str, str]] = (), min_length: int = 2) -> None:
        counts: dict[str, dict[str, int]] = {}
        items = labelled.items() if isinstance(labelled, Mapping) else ((key, 1) for key in labelled)
        for (text, label), n in items:
            text = text.strip()
            if len(text) < min_length or n <= 0 or "\n" in text:
                continue
            by_label = counts.setdefault(text, {})
            by_label[label] = by_label.get(label, 0) + n
        self.counts = counts
        lengths: dict[str, set[int]] = {}
        for text in counts:
            lengths.setdefault(text[0], set()).add(len(text))
        self._lengths = {first: tuple(sorted(ls, reverse=True)) for first, ls in lengths.items()}

    def __len__(self) -> int:
        return len(self.counts)

    def __bool__(self) -> bool:
        return bool(self.counts)

    def labelled(self, text: str, label: str) -> int:
        return self.counts.get(text, {}).get(label, 0)

    def matches(self, text: str, *, limit: int | None = None) -> Iterator[tuple[int, int, str]]:
        """Every occurrence of every entry: (start, end, entry), in reading order.

        Different entries may overlap (北京 inside 北京市); one entry's occurrences
        do not overlap each other (中中 is found twice in 中中中中, not three times).
        With ``limit``, each entry is found at most that many times.
        """
        lengths = self._lengths
        counts = self.counts
        size = len(text)
        # per entry: where its last occurrence ended, and how many were found
        last_end: dict[str, int] = {}
        found: dict[str, int] = {}
        for start, char in enumerate(text):
            for length in lengths.get(char, ()):
                if start + length > size:  # a shorter entry would match the cut-off slice
                    continue
                entry = text[start : start + length]
                if entry not in counts or last_end.get(entry, 0) > start:
                    continue
                n = found.get(entry, 0)
                if limit is not None and n >= limit:
                    continue
                found[entry] = n + 1
                last_end[entry] = start + length
                yield start, start + length, entry


EMPTY = Gazetteer()


class GazetteerSource:
    name = SOURCE

    def suggest(self, analysis: TextAnalysis, context: SuggestContext) -> Iterable[Suggestion]:
        settings = context.rules.gazetteer
        found: list[Suggestion] = []
        local = Gazetteer(((e.text, e.label) for e in context.entities_here), settings.min_length)
        for gazetteer, base in ((local, settings.score_document), (context.gazetteer, settings.score_corpus)):
            if not gazetteer:
                continue
            for start, end, entry in gazetteer.matches(analysis.text, limit=settings.max_matches_per_text):
                labels = gazetteer.counts[entry]
                total = sum(labels.values())
                cut = not (analysis.is_boundary(start) and analysis.is_boundary(end))
                for label, n in labels.items():
                    score = base * n / total * (settings.split_word_factor if cut else 1.0)
                    found.append(Suggestion(start, end, label, entry, SOURCE, score))
        return found
