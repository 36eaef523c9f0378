"""What surrounds an amount: its donor, kind, multi-year term and date, read from its sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ramstein.domain.extraction import context_words as cw
from ramstein.domain.extraction.lexicon import Lexicon
from ramstein.domain.extraction.sentences import Sentence

_KIND_PATTERNS = {kind: re.compile(rf"(?<!\w)(?:{'|'.join(stems)})(?!\w)", re.I) for kind, stems in cw.KINDS.items()}
_YEAR = r"((?:19|20)\d\d)"
_YEAR_RANGE = re.compile(rf"(?<![\d-]){_YEAR}\s*(?:[–—-]|/)\s*((?:19|20)?\d\d)(?![\d])")
_YEAR_END = r"udgangen af|utgangen av|slutet av|ende|end of"
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
NUMBERS = {"en": "one two three four five six seven eight nine ten",
           "da": "et to tre fire fem seks syv otte ni ti", "nb": "ett to tre fire fem seks sju åtte ni ti",
           "sv": "ett två tre fyra fem sex sju åtta nio tio",
           "de": "ein zwei drei vier fünf sechs sieben acht neun zehn"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Mention:
    """A donor named in the text: where, which nation or organisation, and how it was named."""

    start: int
    end: int
    code: str
    how: str  # "name", "adjective" or "government"


def donor_mentions(sentence: Sentence, lexicon: Lexicon, masked: list[tuple[int, int]]) -> list[Mention]:
    """Donors named in the sentence, outside the `masked` spans (the amounts, whose currency names carry
    adjectives of their own: "danske kroner")."""
    found: list[Mention] = []
    for pattern, how in ((lexicon.donor, "name"), (lexicon.adjective, "adjective")):
        for match in pattern.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(s <= start < e for s, e in masked):
                continue
            code = lexicon.donor_of(match.group(0))
            kind = "government" if match.group(0).lower() in cw.GOVERNMENT[lexicon.language] else how
            if code not in cw.NOT_DONORS and not _a_place(sentence.text, match):
                found.append(Mention(start, end, code, kind))
    return sorted(found, key=lambda m: m.start)


def _a_place(text: str, match: re.Match[str]) -> bool:
    """A capital named as a place ("in Berlin") or an event ("the Washington summit"), not as a government."""
    if match.group(0).lower() not in cw.CAPITALS:
        return False
    before = text[: match.start()].split()[-1:]
    after = text[match.end() :].split()[:1]
    return bool(before and before[0].lower() in cw.PLACE_WORDS) or bool(
        after and after[0].lower().strip(".,;") in cw.EVENT_WORDS
    )


def pick_donor(mentions: list[Mention], position: int) -> Mention | None:
    """Names before adjectives; the nearest before the amount, else the first after it."""
    for how in (("name", "government"), ("adjective",)):
        ranked = [m for m in mentions if m.how in how]
        before = [m for m in ranked if m.end <= position]
        if before:
            return before[-1]
        if ranked:
            return ranked[0]
    return None


def kind_near(sentence: Sentence, position: int) -> str | None:
    """The kind whose word is nearest to the amount: fund, annual-floor, package or loan."""
    best: tuple[int, str] | None = None
    for kind, pattern in _KIND_PATTERNS.items():
        for match in pattern.finditer(sentence.text):
            start = sentence.start + match.start()
            distance = abs(start - position)
            if best is None or distance < best[0]:
                best = (distance, kind)
    return best[1] if best else None


def term(sentence: Sentence, lexicon: Lexicon, on: date) -> tuple[date, date] | None:
    """A multi-year term: "2024–2027", "femårig", "over five years", "frem til 2027" (from `on`'s year)."""
    text = sentence.text
    lang = lexicon.language
    if match := _YEAR_RANGE.search(text):
        first, last = int(match.group(1)), int(match.group(2))
        last = last if last >= 100 else first // 100 * 100 + last
        return (date(first, 1, 1), date(last, 12, 31)) if first < last <= first + 30 else None
    start_year = _from_year(text, lang) or on.year
    years = _duration(text, lang)
    if years:
        return date(start_year, 1, 1), date(start_year + years - 1, 12, 31)
    until = re.search(
        rf"(?<!\w)(?:{cw.UNTIL_WORD[lang]})\s+(?:(?:udgangen af|utgangen av|slutet av|ende|end of)\s+)?{_YEAR}",
        text,
        re.I,
    )
    if until and int(until.group(1)) > start_year:
        return date(start_year, 1, 1), date(int(until.group(1)), 12, 31)
    return None


def _from_year(text: str, lang: str) -> int | None:
    match = re.search(rf"(?<!\w)(?:{cw.FROM_WORD[lang]})\s+{_YEAR}(?!\d)", text, re.I)
    return int(match.group(1)) if match else None


def _duration(text: str, lang: str) -> int | None:
    numbers = {w: i for i, w in enumerate(NUMBERS[lang].split(), start=1)}
    number = rf"(\d{{1,2}}|{'|'.join(numbers)})"
    adjective = re.search(rf"(?<!\w){number}(?:{cw.YEARS_ADJECTIVE[lang]})", text, re.I)
    spoken = re.search(rf"(?<!\w)(?:{cw.DURATION_LEAD[lang]})\s+{number}\s+(?:{cw.YEARS_WORD[lang]})(?!\w)", text, re.I)
    match = adjective or spoken
    if not match:
        return None
    word = match.group(1).lower()
    years = int(word) if word.isdigit() else numbers[word]
    return years if 1 < years <= 30 else None


def stated_date(sentence: Sentence, lexicon: Lexicon, on: date) -> date | None:
    """A date written in the sentence ("2. april 2024", "April 2, 2024", "2024-04-02"); the year defaults to
    the document's."""
    text = sentence.text
    if match := _ISO_DATE.search(text):
        return _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    month = lexicon.month.pattern
    day_first = re.search(rf"(?<!\d)(\d{{1,2}})\.?\s+({month})(?:\s+{_YEAR})?", text, re.I)
    if day_first:
        year = int(day_first.group(3)) if day_first.group(3) else on.year
        return _date(year, _month(day_first.group(2), lexicon), int(day_first.group(1)))
    month_first = re.search(rf"({month})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?(?:\s+{_YEAR})?(?!\d)", text, re.I)
    if month_first:
        year = int(month_first.group(3)) if month_first.group(3) else on.year
        return _date(year, _month(month_first.group(1), lexicon), int(month_first.group(2)))
    return None


def _month(name: str, lexicon: Lexicon) -> int:
    key = name.lower()
    return next(n for k, n in lexicon.names.months.items() if k.lower() == key)


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
