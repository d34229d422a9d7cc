"""Everything data-driven about candidates, loaded once from resources/candidates/*.toml."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from annotator.candidates.gazetteer import GazetteerSettings
from annotator.candidates.model_settings import ModelSourceSettings
from annotator.candidates.pos_source import PosMapping
from annotator.candidates.resolve import ResolutionSettings
from annotator.candidates.ruledata import load_table
from annotator.candidates.rules.bylines import BylineRule
from annotator.candidates.rules.cuts import GlueCutter
from annotator.candidates.rules.lexicon import Lexicon
from annotator.candidates.rules.numbers import PatternRule
from annotator.candidates.rules.organisations import OrganisationRule
from annotator.candidates.rules.people import PersonRule
from annotator.candidates.rules.places import PlaceRule
from annotator.candidates.rules.surnames import Surnames
from annotator.candidates.rules.titles import TitleRule
from annotator.candidates.rules.words import WordClasses
from annotator.candidates.rules.works import WorkRule


@dataclass(frozen=True)
class RuleSet:
    pos: PosMapping
    places: PlaceRule
    titles: TitleRule
    organisations: OrganisationRule
    people: PersonRule
    bylines: BylineRule
    dates: PatternRule
    money: PatternRule
    works: WorkRule
    gazetteer: GazetteerSettings
    resolution: ResolutionSettings
    cuts: GlueCutter
    model: ModelSourceSettings = field(default_factory=ModelSourceSettings)

    @classmethod
    def load(cls) -> RuleSet:
        surnames = Surnames(load_table("surnames"))
        lexicon = Lexicon()
        titles = TitleRule(load_table("titles"), lexicon)
        words = WordClasses(load_table("words"))
        places = PlaceRule(load_table("places"), load_table("place_names"), words, lexicon, surnames)
        organisations = OrganisationRule(load_table("organisations"), titles, words, lexicon, places.is_place_name)
        return cls(
            pos=PosMapping.from_table(load_table("pos"), lexicon),
            places=places,
            titles=titles,
            organisations=organisations,
            people=PersonRule(load_table("people"), surnames, places.is_place_name, lexicon),
            bylines=BylineRule(load_table("bylines"), surnames, words.function_chars),
            dates=PatternRule("DATE", load_table("dates")),
            money=PatternRule("MONEY", load_table("money")),
            works=WorkRule(load_table("works")),
            gazetteer=GazetteerSettings.from_table(load_table("gazetteer")),
            resolution=ResolutionSettings.from_table(load_table("resolution")),
            cuts=GlueCutter(organisations.type_chars | places.level_chars, titles.heads, lexicon, organisations.type_words),
            model=ModelSourceSettings.from_table(load_table("model")),
        )


_lock = threading.Lock()
_loaded: RuleSet | None = None


def load_rules() -> RuleSet:
    """The rule set, read on first use and kept for the life of the process."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = RuleSet.load()
    return _loaded


def reload_rules() -> RuleSet:
    """Read the rule files again (after the user edited them)."""
    global _loaded
    with _lock:
        _loaded = RuleSet.load()
    return _loaded
