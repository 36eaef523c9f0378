"""Read a text: every amount of money with its currency, qualifier, donor, kind, term and date, checked.

The result is a list of findings, each with its character span and sentence, for a person to confirm: the
reader proposes, it never records. Confidence is a score from 0 to 1 that starts high and drops for every
guess made (docs/extraction.md lists them).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from ramstein.domain.errors import InvalidInput
from ramstein.domain.extraction import context as ctx
from ramstein.domain.extraction import context_words as cw
from ramstein.domain.extraction.amounts import RawAmount, find_amounts
from ramstein.domain.extraction.checks import conversion_flag
from ramstein.domain.extraction.lexicon import Lexicon
from ramstein.domain.extraction.sentences import Sentence, sentence_at, split_sentences
from ramstein.domain.extraction.words import HOME, KRONE_CURRENCIES
from ramstein.domain.fx import RateTable
from ramstein.domain.money import Money
from ramstein.domain.nations import UKRAINE

FULL = Decimal("0.95")
# What each guess costs (docs/extraction.md).
PENALTY = {
    "currency-unknown": Decimal("0.50"),
    "currency-from-donor": Decimal("0.15"),
    "currency-borrowed": Decimal("0.10"),
    "part-of": Decimal("0.10"),
    "donor-unknown": Decimal("0.30"),
    "donor-from-context": Decimal("0.15"),
    "kroner-of-the-language": Decimal("0.15"),
    "donor-from-currency": Decimal("0.20"),
    "donor-from-adjective": Decimal("0.05"),
    "decimal-written-the-other-way": Decimal("0.10"),
    "number-word": Decimal("0.05"),
    "conversion-off": Decimal("0.30"),
}
_APPOSITION = frozenset({",", "–", "—", "-", ":", "/", "="})
_MARKER_GAP = 80  # characters between an amount and its restatement in another currency


@dataclass(frozen=True, slots=True)
class Finding:
    start: int  # character span of the amount in the document
    end: int
    text: str
    sentence: str
    amount: Decimal  # in units of the currency
    currency: str | None
    qualifier: str | None
    kind: str | None
    donor: str | None
    recipient: str
    starts: date | None  # multi-year term
    ends: date | None
    on: date  # stated in the sentence, else the document's date
    confidence: Decimal
    flags: tuple[str, ...] = ()
    conversion_of: int | None = None  # index of the finding this one restates in another currency

    @property
    def money(self) -> Money | None:
        return Money(self.amount, self.currency) if self.currency else None


@dataclass(frozen=True, slots=True)
class Reading:
    language: str
    on: date
    findings: tuple[Finding, ...]

    @property
    def drafts(self) -> list[Finding]:
        """The findings worth a ledger entry: all but restatements of another in a second currency."""
        return [f for f in self.findings if f.conversion_of is None]


def read_text(text: str, lexicon: Lexicon, on: date, rates: RateTable) -> Reading:
    """Every amount of money in `text` (a document of date `on`), in order."""
    if not text.strip():
        raise InvalidInput(
            "the text is empty", hint="give a file with the statement or article to read.", key="sources.text_empty"
        )
    sentences = split_sentences(text)
    raws = find_amounts(text, lexicon, sentences)
    masked = [(a.start, a.end) for a in raws]
    findings: list[Finding] = []
    previous_donor: str | None = None
    for raw in raws:
        finding = _finding(raw, sentence_at(sentences, raw.start), lexicon, on, masked, previous_donor)
        previous_donor = finding.donor or previous_donor
        findings.append(finding)
    return Reading(lexicon.language, on, tuple(_link_conversions(text, findings, rates)))


def _finding(
    raw: RawAmount, sentence: Sentence, lexicon: Lexicon, on: date, masked: list[tuple[int, int]], carried: str | None
) -> Finding:
    flags = list(raw.notes)
    mention = ctx.pick_donor(ctx.donor_mentions(sentence, lexicon, masked), raw.start)
    donor = mention.code if mention else carried
    if mention is None:
        flags.append("donor-from-context" if carried else "donor-unknown")
    elif mention.how == "adjective":
        flags.append("donor-from-adjective")
    currency = raw.currency
    if currency is None:
        currency = lexicon.nation_currency(donor) if donor in KRONE_CURRENCIES else None
        flags.append("currency-from-donor" if currency else "currency-unknown")
    own = KRONE_CURRENCIES.get(donor or "")
    if raw.generic and raw.currency in KRONE_CURRENCIES.values() and own and own != raw.currency:
        flags.append(f"kroner-of-the-language:{own}?")  # "Norge giver 1 mia. kroner" in Danish: DKK or NOK?
    if donor is None and (home := HOME.get(lexicon.language)) and currency == KRONE_CURRENCIES.get(home):
        donor = home  # Danish kroner in a Danish text that names no donor: Denmark's money
        flags[flags.index("donor-unknown")] = "donor-from-currency"
    term = ctx.term(sentence, lexicon, on)
    return Finding(
        start=raw.start, end=raw.end, text=raw.text, sentence=sentence.text, amount=raw.value, currency=currency,
        qualifier=raw.qualifier, kind=ctx.kind_near(sentence, raw.start), donor=donor, recipient=UKRAINE,
        starts=term[0] if term else None, ends=term[1] if term else None,
        on=ctx.stated_date(sentence, lexicon, on) or on, confidence=confidence(flags), flags=tuple(flags),
    )  # fmt: skip


def confidence(flags: list[str] | tuple[str, ...]) -> Decimal:
    score = FULL - sum((PENALTY.get(f.split(":")[0], Decimal(0)) for f in flags), Decimal(0))
    return max(score, Decimal("0.05"))


def _link_conversions(text: str, findings: list[Finding], rates: RateTable) -> list[Finding]:
    """Mark an amount restated in another currency right after it ("60 milliarder dollar. Det svarer til
    omkring 410 milliarder kroner") and check the restatement against the ECB rate."""
    linked = list(findings)
    for index in range(1, len(linked)):
        first, second = linked[index - 1], linked[index]
        if first.conversion_of is not None or not _restates(text, first, second):
            continue
        flag = conversion_flag(first.money, second.money, first.on, rates)  # type: ignore[arg-type]
        second = replace(second, conversion_of=index - 1, donor=second.donor or first.donor)
        if flag:
            flags = (*first.flags, f"conversion-off:{flag}" if "off by" in flag else flag)
            first = replace(first, flags=flags, confidence=confidence(flags))
        linked[index - 1], linked[index] = first, second
    return linked


def _restates(text: str, first: Finding, second: Finding) -> bool:
    if first.money is None or second.money is None or first.currency == second.currency:
        return False
    gap = text[first.end : second.start].lower()
    if gap.strip() in _APPOSITION:  # "DKK 1.5 billion, about EUR 200 million"
        return True
    return len(gap) <= _MARKER_GAP and any(marker in f" {gap} " for marker in cw.CONVERSION_MARKERS)
