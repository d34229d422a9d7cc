"""The importer's flags in the interface language.

The importer stores each flag's sentence in English (``meta.flags``: kind,
offset, confidence, message), and projects keep them that way. Each
sentence the importer writes is known here as a template; a stored message
that matches one is worded again in the interface language with the same
values (line numbers, the characters quoted, the reasons given). A message
that matches none, from an older or newer importer, is shown as stored.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from annotator.review.steps import fill


def _sentences() -> list[tuple[str, str, tuple[int, ...]]]:
    """(the importer's English, the same in the interface language, which values are lists of reasons) per flag.

    A value that lists reasons ("reason; reason") has each reason worded again (``_reasons``); the
    features quoted for a doubtful cut (``kind:short, echo-after:high``) are the model's own names and stay.
    Where a sentence comes with and without its reasons, the longer form is listed first.
    """
    return [
        ("no headline was found for this text; it may belong to another article",
         QCoreApplication.translate("ImportFlags", "no headline was found for this text; it may belong to another article"), ()),
        (("the text stops mid-sentence at line %1 and no continuation was found on the page; "
          "it may go on in another file or be lost"),
         QCoreApplication.translate("ImportFlags", "the text stops mid-sentence at line %1 and no continuation was found on the page; "
                           "it may go on in another file or be lost"), ()),
        ("continues at line %1, further down the page (%2)",
         QCoreApplication.translate("ImportFlags", "continues at line %1, further down the page (%2)"), (2,)),
        ("line %1 was attached here as the continuation of this sentence; please check (%2)",
         QCoreApplication.translate("ImportFlags", "line %1 was attached here as the continuation of this sentence; please check (%2)"), (2,)),
        ("line %1 starts mid-sentence but the paragraph before it is complete; its beginning may be missing",
         QCoreApplication.translate("ImportFlags", "line %1 starts mid-sentence but the paragraph before it is complete; "
                           "its beginning may be missing"), ()),
        ("the paragraph ends mid-sentence but line %1 does not read as its continuation (%2)",
         QCoreApplication.translate("ImportFlags", "the paragraph ends mid-sentence but line %1 does not read as its continuation (%2)"), (2,)),
        ("the paragraph ends mid-sentence but line %1 does not read as its continuation",
         QCoreApplication.translate("ImportFlags", "the paragraph ends mid-sentence but line %1 does not read as its continuation"), ()),
        ("line %1 was joined to the line above as one paragraph cut by a column break (%2)",
         QCoreApplication.translate("ImportFlags", "line %1 was joined to the line above as one paragraph cut by a column break (%2)"), (2,)),
        ("line %1 was joined to the line above as one paragraph cut by a column break",
         QCoreApplication.translate("ImportFlags", "line %1 was joined to the line above as one paragraph cut by a column break"), ()),
        (("a new article was started at line %1 ('%2'), read as a headline with confidence %3 (%4); "
          "if it is an intertitle, merge this article with the one before"),
         QCoreApplication.translate("ImportFlags", "a new article was started at line %1 ('%2'), read as a headline with confidence %3 (%4); "
                           "if it is an intertitle, merge this article with the one before"), ()),
        (("a new article was started at line %1 ('%2'), read as a headline with confidence %3; "
          "if it is an intertitle, merge this article with the one before"),
         QCoreApplication.translate("ImportFlags", "a new article was started at line %1 ('%2'), read as a headline with confidence %3; "
                           "if it is an intertitle, merge this article with the one before"), ()),
        (("line %1 ('%2'), read as this headline's kicker, stops inside a word: it may be the last line of an "
          "article's text, cut off and continued elsewhere"),
         QCoreApplication.translate("ImportFlags", "line %1 ('%2'), read as this headline's kicker, stops inside a word: it may be "
                           "the last line of an article's text, cut off and continued elsewhere"), ()),
        (("line %1 has no headline over it and is no photo's caption: it may belong to the article before or after "
          "it; if so, merge it there"),
         QCoreApplication.translate("ImportFlags", "line %1 has no headline over it and is no photo's caption: it may belong to the "
                           "article before or after it; if so, merge it there"), ()),
        (("the 阅读提示 box at line %1 was printed after this article's text: it may introduce the next article; "
          "if so, move it there"),
         QCoreApplication.translate("ImportFlags", "the 阅读提示 box at line %1 was printed after this article's text: it may "
                           "introduce the next article; if so, move it there"), ()),
        (("the last paragraph, at line %1, is one short sentence right over a photo's caption: it may be the "
          "caption's first part; if so, move it to the photo"),
         QCoreApplication.translate("ImportFlags", "the last paragraph, at line %1, is one short sentence right over a photo's "
                           "caption: it may be the caption's first part; if so, move it to the photo"), ()),
        (("line %1 opens with a dateline or byline, as a news report does: it may be another article whose headline "
          "was lost; if so, split the article here"),
         QCoreApplication.translate("ImportFlags", "line %1 opens with a dateline or byline, as a news report does: it may be "
                           "another article whose headline was lost; if so, split the article here"), ()),
        (("line %1 is printed again at line %2, further down this article; the copy here, over the article's other "
          "text, was kept: if the one further down is in its place, move this paragraph there"),
         QCoreApplication.translate("ImportFlags", "line %1 is printed again at line %2, further down this article; the copy "
                           "here, over the article's other text, was kept: if the one further down is in its place, "
                           "move this paragraph there"), ()),
        (("line %1 was read as an intertitle of this article, but the paragraph under it opens the way a news report "
          "does: it may be the headline of another; if so, split the article here"),
         QCoreApplication.translate("ImportFlags", "line %1 was read as an intertitle of this article, but the paragraph under "
                           "it opens the way a news report does: it may be the headline of another; if so, split the "
                           "article here"), ()),
        (("line %1 was read as an intertitle of this article, but it opens with the mark of this article's headline "
          "(%2): it may be the headline of another; if so, split the article here"),
         QCoreApplication.translate("ImportFlags", "line %1 was read as an intertitle of this article, but it opens with the mark "
                           "of this article's headline (%2): it may be the headline of another; if so, split the "
                           "article here"), ()),
        (("lines %1 and %2 were read as two intertitles in a row, but an intertitle is followed by text: they may be "
          "another article's headline lines; if so, split the article here"),
         QCoreApplication.translate("ImportFlags", "lines %1 and %2 were read as two intertitles in a row, but an intertitle is "
                           "followed by text: they may be another article's headline lines; if so, split the article "
                           "here"), ()),
        # the same doubts where a rule of the role pass decided against the model (its reason in brackets)
        (("a new article was started at line %1 ('%2'), taken for a headline by a rule (%3), though the model gave "
          "that only %4; if it is an intertitle, merge this article with the one before"),
         QCoreApplication.translate("ImportFlags", "a new article was started at line %1 ('%2'), taken for a headline by a rule "
                           "(%3), though the model gave that only %4; if it is an intertitle, merge this article with "
                           "the one before"), (3,)),
        (("line %1 was taken for an intertitle of this article by a rule (%2), though the model read it as the "
          "headline of another (%3); if the model is right, split the article here"),
         QCoreApplication.translate("ImportFlags", "line %1 was taken for an intertitle of this article by a rule (%2), though the "
                           "model read it as the headline of another (%3); if the model is right, split the article "
                           "here"), (2,)),
        (("line %1 was taken for %2 by a rule (%3), though the model read it as %4 (%5); if the model is right, "
          "the article is cut wrongly here"),
         QCoreApplication.translate("ImportFlags", "line %1 was taken for %2 by a rule (%3), though the model read it as %4 (%5); "
                           "if the model is right, the article is cut wrongly here"), (2, 3, 4)),
        (("line %1 was read as an intertitle of this article, but it may be the headline of another (%2): %3; "
          "if so, split the article here"),
         QCoreApplication.translate("ImportFlags", "line %1 was read as an intertitle of this article, but it may be the headline of "
                           "another (%2): %3; if so, split the article here"), ()),
        (("line %1 was read as an intertitle of this article, but it may be the headline of another (%2); "
          "if so, split the article here"),
         QCoreApplication.translate("ImportFlags", "line %1 was read as an intertitle of this article, but it may be the headline of "
                           "another (%2); if so, split the article here"), ()),
        (("line %1 was read as %2 (%3), but it may be %4 (%5): %6; if so, the article is cut wrongly here"),
         QCoreApplication.translate("ImportFlags", "line %1 was read as %2 (%3), but it may be %4 (%5): %6; "
                           "if so, the article is cut wrongly here"), (2, 4)),
        (("line %1 was read as %2 (%3), but it may be %4 (%5); if so, the article is cut wrongly here"),
         QCoreApplication.translate("ImportFlags", "line %1 was read as %2 (%3), but it may be %4 (%5); "
                           "if so, the article is cut wrongly here"), (2, 4)),
    ]


def _reasons() -> list[tuple[str, str]]:
    """(English, interface language) for each reason the importer gives in brackets, and where a continuation was found."""
    return [
        ("the line ends on '%1'", QCoreApplication.translate("ImportFlags", "the line ends on '%1'")),
        ("the line ends on a preposition, conjunction or particle",
         QCoreApplication.translate("ImportFlags", "the line ends on a preposition, conjunction or particle")),
        ("'%1' is a dictionary word across the cut", QCoreApplication.translate("ImportFlags", "'%1' is a dictionary word across the cut")),
        ("'%1' reads as one word across the cut", QCoreApplication.translate("ImportFlags", "'%1' reads as one word across the cut")),
        ("a noun follows the preposition before the cut", QCoreApplication.translate("ImportFlags", "a noun follows the preposition before the cut")),
        ("no noun follows the preposition before the cut",
         QCoreApplication.translate("ImportFlags", "no noun follows the preposition before the cut")),
        ("the next part starts mid-sentence", QCoreApplication.translate("ImportFlags", "the next part starts mid-sentence")),
        ("the next part opens on a stray '%1'", QCoreApplication.translate("ImportFlags", "the next part opens on a stray '%1'")),
        ("a quote opened before the cut closes after it", QCoreApplication.translate("ImportFlags", "a quote opened before the cut closes after it")),
        ("a quote closes after the cut that was never opened: text may be missing",
         QCoreApplication.translate("ImportFlags", "a quote closes after the cut that was never opened: text may be missing")),
        ("the next part opens a quote, as new paragraphs do",
         QCoreApplication.translate("ImportFlags", "the next part opens a quote, as new paragraphs do")),
        ("the next part opens with a byline", QCoreApplication.translate("ImportFlags", "the next part opens with a byline")),
        ("paragraphs with no headline of their own", QCoreApplication.translate("ImportFlags", "paragraphs with no headline of their own")),
        ("a headline without byline over a paragraph that starts mid-sentence",
         QCoreApplication.translate("ImportFlags", "a headline without byline over a paragraph that starts mid-sentence")),
        ("a 阅读提示 box inside another article, and what follows it",
         QCoreApplication.translate("ImportFlags", "a 阅读提示 box inside another article, and what follows it")),
        ("the end of another article", QCoreApplication.translate("ImportFlags", "the end of another article")),
        ("the rest of a sentence with no headline of its own",
         QCoreApplication.translate("ImportFlags", "the rest of a sentence with no headline of its own")),
        ("'%1' across the cut is printed in this article too",
         QCoreApplication.translate("ImportFlags", "'%1' across the cut is printed in this article too")),
        ("a list goes on across the cut", QCoreApplication.translate("ImportFlags", "a list goes on across the cut")),
        ("the rest of a word cut elsewhere",
         QCoreApplication.translate("ImportFlags", "the rest of a word cut elsewhere")),
        ("topic closer to this article than to its neighbours by %1",
         QCoreApplication.translate("ImportFlags", "topic closer to this article than to its neighbours by %1")),
        # why a rule of the role pass gave a line its role against the model (annotator/ingest/line_roles.py)
        ("a caption closed by its credit", QCoreApplication.translate("ImportFlags", "a caption closed by its credit")),
        ("a long line ending on a full stop", QCoreApplication.translate("ImportFlags", "a long line ending on a full stop")),
        ("over a headline, and more likely text than a headline line",
         QCoreApplication.translate("ImportFlags", "over a headline, and more likely text than a headline line")),
        ("too long for an intertitle, and it runs on into the next line",
         QCoreApplication.translate("ImportFlags", "too long for an intertitle, and it runs on into the next line")),
        ("not under 阅读提示", QCoreApplication.translate("ImportFlags", "not under 阅读提示")),
        ("shaped like a byline, not an intertitle",
         QCoreApplication.translate("ImportFlags", "shaped like a byline, not an intertitle")),
        ("an author's bare name under a headline", QCoreApplication.translate("ImportFlags", "an author's bare name under a headline")),
        ("an author's bare name under it, over the text",
         QCoreApplication.translate("ImportFlags", "an author's bare name under it, over the text")),
        ("a short line that does not run on into the next",
         QCoreApplication.translate("ImportFlags", "a short line that does not run on into the next")),
        ("opens with the mark of the page's other headlines (%1)",
         QCoreApplication.translate("ImportFlags", "opens with the mark of the page's other headlines (%1)")),
        ("a news report's opening under it, the text above finished",
         QCoreApplication.translate("ImportFlags", "a news report's opening under it, the text above finished")),
        ("the page's first line over text: no article has begun for an intertitle",
         QCoreApplication.translate("ImportFlags",
                                    "the page's first line over text: no article has begun for an intertitle")),
        ("a paragraph opening a sentence under it, as no page header has",
         QCoreApplication.translate("ImportFlags", "a paragraph opening a sentence under it, as no page header has")),
        ("a byline or a report's opening under it, as no page header has",
         QCoreApplication.translate("ImportFlags", "a byline or a report's opening under it, as no page header has")),
        ("人名：短语 over a paragraph that opens on that name: a profile's part",
         QCoreApplication.translate("ImportFlags", "人名：短语 over a paragraph that opens on that name: a profile's part")),
        ("a doubted headline inside a story that goes on under it",
         QCoreApplication.translate("ImportFlags", "a doubted headline inside a story that goes on under it")),
        ("a doubted short line between finished text and a title",
         QCoreApplication.translate("ImportFlags", "a doubted short line between finished text and a title")),
        ("over a headline: an intertitle is followed by text",
         QCoreApplication.translate("ImportFlags", "over a headline: an intertitle is followed by text")),
        ("a plain line among headlines marked with #",
         QCoreApplication.translate("ImportFlags", "a plain line among headlines marked with #")),
        ("under a sentence cut short that it does not go on with",
         QCoreApplication.translate("ImportFlags", "under a sentence cut short that it does not go on with")),
        ("under a sentence cut short: only '%1' reads across, and the model gives the line more chance of a headline "
         "than of the sentence's rest",
         QCoreApplication.translate("ImportFlags", "under a sentence cut short: only '%1' reads across, and the model gives the "
                           "line more chance of a headline than of the sentence's rest")),
        ("under a sentence cut short that a paragraph further down resumes with a name of its article",
         QCoreApplication.translate("ImportFlags", "under a sentence cut short that a paragraph further down resumes with a "
                           "name of its article")),
        ("a line leading into a headline with a dash",
         QCoreApplication.translate("ImportFlags", "a line leading into a headline with a dash")),
        ("shaped like an intertitle (a pull-quote, or a theme and a colon), between paragraphs of a story",
         QCoreApplication.translate("ImportFlags", "shaped like an intertitle (a pull-quote, or a theme and a colon), "
                           "between paragraphs of a story")),
        ("a short line that names no writer", QCoreApplication.translate("ImportFlags", "a short line that names no writer")),
        ("a short line between a finished paragraph and a sure title",
         QCoreApplication.translate("ImportFlags", "a short line between a finished paragraph and a sure title")),
        ("a column label over a short line and text",
         QCoreApplication.translate("ImportFlags", "a column label over a short line and text")),
        ("under a column label",
         QCoreApplication.translate("ImportFlags", "under a column label")),
        ("in a briefs column, whose briefs have no intertitles",
         QCoreApplication.translate("ImportFlags", "in a briefs column, whose briefs have no intertitles")),
        ("under a 阅读提示 box printed after a signed-off text",
         QCoreApplication.translate("ImportFlags", "under a 阅读提示 box printed after a signed-off text")),
        ("an unfinished line going on right under it",
         QCoreApplication.translate("ImportFlags", "an unfinished line going on right under it")),
        ("a ### heading",
         QCoreApplication.translate("ImportFlags", "a ### heading")),
        ("a long line opening on a dateline",
         QCoreApplication.translate("ImportFlags", "a long line opening on a dateline")),
        ("a sentence cut mid-way, as likely text as a headline's line",
         QCoreApplication.translate("ImportFlags", "a sentence cut mid-way, as likely text as a headline's line")),
        ("a lone ## heading over plain text",
         QCoreApplication.translate("ImportFlags", "a lone ## heading over plain text")),
        ("between a headline and the byline under it",
         QCoreApplication.translate("ImportFlags", "between a headline and the byline under it")),
        ("a line opening on a dash under a headline",
         QCoreApplication.translate("ImportFlags", "a line opening on a dash under a headline")),
        ("printed right under an unfinished line it goes on",
         QCoreApplication.translate("ImportFlags", "printed right under an unfinished line it goes on")),
        ("an unfinished line the page sends on elsewhere",
         QCoreApplication.translate("ImportFlags", "an unfinished line the page sends on elsewhere")),
        ("the sentence runs on into the next line",
         QCoreApplication.translate("ImportFlags", "the sentence runs on into the next line")),
        ("a short line the model gives more chance of a title than of text",
         QCoreApplication.translate("ImportFlags", "a short line the model gives more chance of a title than of text")),
        ("a column's label before a vertical bar: a headline's, not an intertitle's",
         QCoreApplication.translate("ImportFlags", "a column's label before a vertical bar: a headline's, not an intertitle's")),
        ("a producer's name printed over a production credit",
         QCoreApplication.translate("ImportFlags", "a producer's name printed over a production credit")),
        ("a production credit closing the piece",
         QCoreApplication.translate("ImportFlags", "a production credit closing the piece")),
        # the roles a doubtful line was read as, or nearly
        ("text", QCoreApplication.translate("ImportFlags", "text")),
        ("an intertitle", QCoreApplication.translate("ImportFlags", "an intertitle")),
        ("a reading tip", QCoreApplication.translate("ImportFlags", "a reading tip")),
        ("a headline line", QCoreApplication.translate("ImportFlags", "a headline line")),
        ("a byline closing the article", QCoreApplication.translate("ImportFlags", "a byline closing the article")),
        ("a photo credit closing a caption", QCoreApplication.translate("ImportFlags", "a photo credit closing a caption")),
        ("an advertisement", QCoreApplication.translate("ImportFlags", "an advertisement")),
        ("page furniture", QCoreApplication.translate("ImportFlags", "page furniture")),
    ]


@lru_cache(maxsize=64)
def _pattern(english: str) -> re.Pattern[str]:
    """The English template as a regular expression: %1, %2 become the values to keep."""
    parts = re.split(r"(%\d)", english)
    body = "".join(f"(?P<v{part[1]}>.+?)" if re.fullmatch(r"%\d", part) else re.escape(part) for part in parts)
    return re.compile(body, re.DOTALL)


def _reword(text: str, table: list[tuple[str, str]]) -> str | None:
    for english, translated in table:
        match = _pattern(english).fullmatch(text)
        if match is not None:
            values = [match.group(f"v{n}") for n in range(1, 10) if f"v{n}" in match.groupdict()]
            return fill(translated, *values)
    return None


def _reword_reasons(text: str) -> str:
    """"reason; reason; ..." worded again, each one on its own (unknown ones as they are)."""
    reasons = re.split(r"; (?=\S)", text)
    return QCoreApplication.translate("ImportFlags", "; ").join(_reword(r, _reasons()) or r for r in reasons)


def _match(message: str) -> tuple[str, list[str], tuple[int, ...]] | None:
    """The translated template a stored message was written from, its values, and which of them list reasons."""
    for english, translated, reason_slots in _sentences():
        match = _pattern(english).fullmatch(message)
        if match is not None:
            values = [match.group(f"v{n}") for n in range(1, 10) if f"v{n}" in match.groupdict()]
            return translated, values, reason_slots
    return None


def flag_text(message: str) -> str:
    """A stored flag's sentence in the interface language (as stored when it is not one the importer writes)."""
    found = _match(message)
    if found is None:
        return message
    translated, values, reason_slots = found
    values = [_reword_reasons(v) if n in reason_slots else v for n, v in enumerate(values, start=1)]
    return fill(translated, *values)


def unknown_parts(message: str) -> list[str]:
    """What of a stored flag message no template words: the whole message, or reasons it gives; [] when all is known.

    The tests import every seed and tuning page and require this to be empty for every flag, so a new
    message (or a new reason) the importer writes cannot reach the reviewer untranslated.
    """
    found = _match(message)
    if found is None:
        return [message]
    _, values, reason_slots = found
    return [reason for n in reason_slots for reason in re.split(r"; (?=\S)", values[n - 1])
            if _reword(reason, _reasons()) is None]
