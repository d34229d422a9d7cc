"""Rules for this kind of text: organisations, places, titles, people, bylines, dates,
money and works, each family driven by its data file in resources/candidates/."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from annotator.candidates.analysis import TextAnalysis
from annotator.candidates.rules.common import SOURCE
from annotator.candidates.spans import Suggestion

if TYPE_CHECKING:
    from annotator.candidates.context import SuggestContext


class RuleSource:
    """The rule families as one candidate source."""

    name = SOURCE

    def suggest(self, analysis: TextAnalysis, context: SuggestContext) -> Iterable[Suggestion]:
        rules = context.rules
        text = analysis.text
        analysis = rules.cuts.cut(analysis)  # 检修 + 室主任 → 室 + 主任 (rules/cuts.py)
        places = rules.places.find(analysis)
        titles = rules.titles.find(analysis)
        organisations = rules.organisations.find(analysis, places)
        committees, titles = rules.organisations.split_place_committees(analysis, places, titles)
        organisations += committees
        found = [*rules.places.settle_venues(analysis, [*places, *organisations]), *titles]
        found += rules.people.find(analysis, titles)
        found += rules.bylines.find(text)
        found += rules.dates.find(text)
        found += rules.money.find(text)
        found += rules.works.find(analysis)
        return found
