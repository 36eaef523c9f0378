"""Fair-share rule sets: every parameter the public text of a pledge leaves open, named, versioned, explicit.

The 2024 Washington pledge says "a minimum baseline funding of EUR 40 bn within the next year" and "share the
burden fairly"; it does not say over which year, among whom, by which key, counting what. A `RuleSet` answers
each of those questions with a stated value, so two reports can differ only by rule sets one can read side by
side, and an old report replays from its rule set's name and version. Rule sets are data (YAML files read by
`adapters.importers.rules`); this module holds their meaning and checks them. docs/methodology.md explains
every parameter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from ramstein.domain.credit import CreditFilter
from ramstein.domain.errors import InvalidInput
from ramstein.domain.ledger import STAGES, AidType, Channel, EntryKind, Instrument
from ramstein.domain.periods import Period, calendar_year, half, pledge_year

BILLION = Decimal(10) ** 9


class PeriodKind(StrEnum):
    CALENDAR_YEAR = "calendar-year"
    PLEDGE_YEAR = "pledge-year"  # runs from a summit's anniversary (2024-07-10 to 2025-07-09)


class Participants(StrEnum):
    NATO_ALLIES = "nato-allies"
    CONTACT_GROUP = "contact-group"  # the allies and the contact group's partners
    EVERY_DONOR = "every-donor"  # every country with support in the period (the Kiel tracker's measure)


class MembershipOn(StrEnum):
    """On which day of the period membership decides participation (no pro-rating either way)."""

    PERIOD_END = "period-end"
    PERIOD_START = "period-start"


class Key(StrEnum):
    """How the burden is divided. Only GDP share so far; GNI or blended keys are further members."""

    GDP_SHARE = "gdp-share"


class GdpSource(StrEnum):
    WORLD_BANK = "world-bank"  # World Bank NY.GDP.MKTP.CD, current US$ (dataset kind "gdp")
    KIEL = "kiel"  # the Kiel tracker's own 2021 GDP in EUR (dataset kind "gdp-kiel")


class FxBasis(StrEnum):
    YEAR_AVERAGE = "year-average"  # the GDP year's average ECB rate
    DATE = "date"  # the ECB rate of `fx_date`


class Phasing(StrEnum):
    EVEN = "even"  # a multi-year pledge is spread evenly over its days
    WHOLE = "whole"  # it counts whole on the day it was made


class EuAttribution(StrEnum):
    NONE = "none"
    BUDGET_SHARE = "budget-share"  # the EU institutions' support attributed to members by EU budget share


class Valuation(StrEnum):
    AS_RECORDED = "as-recorded"
    PRICE_LIST = "price-list"


YEAR_BEFORE_PERIOD = None  # `gdp_year` None: the year before the period starts


@dataclass(frozen=True, slots=True)
class Fund:
    """A multi-year fund: `target_eur` over `years` calendar years from `start_year`."""

    target_eur: Decimal
    years: int
    start_year: int

    @property
    def end_year(self) -> int:
        return self.start_year + self.years - 1


class InvalidRuleSet(InvalidInput):
    """A rule set whose parameters contradict each other; `problems` pairs each field with what is wrong."""

    code = "invalid-rule-set"

    def __init__(self, name: str, problems: list[tuple[str, str]]) -> None:
        listed = "; ".join(f"{where}: {what}" for where, what in problems)
        super().__init__(f"rule set {name!r} is not valid: {listed}", hint="correct the rule set file.")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class RuleSet:
    name: str
    version: int
    title: str
    description: str = ""
    floor_eur: Decimal = 40 * BILLION  # per year; a period gets its share of it (see `floor_for`)
    period_kind: PeriodKind = PeriodKind.CALENDAR_YEAR
    summit: date | None = None  # the first day of the pledge year (needed for pledge-year)
    participants: Participants = Participants.NATO_ALLIES
    membership_on: MembershipOn = MembershipOn.PERIOD_END
    exempt: frozenset[str] = frozenset()
    redistribute_exempt: bool = True
    key: Key = Key.GDP_SHARE
    gdp_source: GdpSource = GdpSource.WORLD_BANK
    gdp_year: int | None = YEAR_BEFORE_PERIOD
    gdp_fallback: bool = False  # a missing GDP value: use the nation's latest earlier year instead of failing
    fx: FxBasis = FxBasis.YEAR_AVERAGE
    fx_date: date | None = None
    stage: EntryKind = EntryKind.COMMITMENT
    aid_types: frozenset[AidType] = frozenset({AidType.MILITARY})
    instruments: frozenset[Instrument] | None = None  # None: any, including entries that name none
    channels: frozenset[Channel] | None = None  # None: any
    phasing: Phasing = Phasing.EVEN
    eu_attribution: EuAttribution = EuAttribution.NONE
    eu_shares: Mapping[str, Decimal] = field(default_factory=dict)  # member -> fraction of the EU budget
    eu_shares_source: str = ""
    valuation: Valuation = Valuation.AS_RECORDED
    price_list: str | None = None
    history_from: int = 2022  # the first calendar year of the history chart
    fund: Fund | None = None

    def __post_init__(self) -> None:
        problems = check(self)
        if problems:
            raise InvalidRuleSet(self.name, problems)

    @property
    def label(self) -> str:
        return f"{self.name} v{self.version}"

    def credit_filter(self, as_of: datetime | None = None) -> CreditFilter:
        return CreditFilter(
            aid_types=self.aid_types,
            instruments=self.instruments,
            channels=self.channels,
            phase_pledges=self.phasing is Phasing.EVEN,
            as_of=as_of,
        )


_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def check(rules: RuleSet) -> list[tuple[str, str]]:
    """Every contradiction in a rule set, as (field, message); empty when it is valid."""
    problems: list[tuple[str, str]] = []

    def need(ok: bool, where: str, what: str) -> None:
        if not ok:
            problems.append((where, what))

    need(bool(_NAME.match(rules.name)), "name", "use lower-case letters, digits and dashes, e.g. washington-2024")
    need(rules.version >= 1, "version", "the version is a whole number from 1")
    need(bool(rules.title.strip()), "title", "give the rule set a title")
    need(rules.floor_eur >= 0, "floor", "the floor cannot be negative")
    need(
        rules.period_kind is not PeriodKind.PLEDGE_YEAR or rules.summit is not None,
        "period.summit",
        "a pledge year needs the summit date it starts from, e.g. 2024-07-10",
    )
    need(rules.stage in STAGES, "credit.stage", "credit one of pledge, commitment, delivery")
    need(bool(rules.aid_types), "credit.aid-types", "count at least one aid type")
    need(rules.fx is not FxBasis.DATE or rules.fx_date is not None, "key.fx", "a date basis needs the date")
    need(
        rules.valuation is not Valuation.PRICE_LIST or bool(rules.price_list),
        "credit.price-list",
        "valuation 'price-list' needs a price list; name one under credit.price-list or use 'as-recorded'",
    )
    eu = rules.eu_attribution is EuAttribution.BUDGET_SHARE
    need(not eu or bool(rules.eu_shares), "credit.eu-shares", "budget-share attribution needs the members' shares")
    need(
        not eu or rules.channels is None or Channel.EU in rules.channels,
        "credit.channels",
        "EU attribution credits the EU institutions' entries, which have channel 'eu': count that channel",
    )
    if rules.fund is not None:
        need(rules.fund.target_eur > 0, "fund.target", "the fund's target must be positive")
        need(rules.fund.years >= 1, "fund.years", "the fund runs for at least one year")
    return problems


def report_period(rules: RuleSet, spec: str, which_half: str | None = None) -> Period:
    """The period a report covers: '2024' (a calendar or pledge year, as the rule set says), '2024/25',
    '2022-2026' (whole calendar years), optionally halved (H1/H2, year-long periods only)."""
    text = spec.strip()
    period: Period
    if m := re.fullmatch(r"(\d{4})-(\d{4})", text):
        first, last = int(m[1]), int(m[2])
        if last < first:
            raise InvalidInput(f"period {spec!r} ends before it starts", hint="write FIRST-LAST, e.g. 2022-2026.")
        period = Period(date(first, 1, 1), date(last, 12, 31), text) if last > first else calendar_year(first)
    elif m := re.fullmatch(r"(\d{4})(?:/(\d{2}))?", text):
        year = int(m[1])
        if m[2] is not None and int(m[2]) != (year + 1) % 100:
            raise InvalidInput(
                f"pledge year {spec!r} must name consecutive years", hint=f"e.g. {year}/{year % 100 + 1:02d}."
            )
        period = _year(rules, year, pledge=m[2] is not None)
    else:
        raise InvalidInput(
            f"period {spec!r} is not a year, a pledge year or a range of years",
            hint="write 2024, 2024/25 (a pledge year) or 2022-2026; or give --from and --to dates.",
        )
    if which_half is None:
        return period
    if months(period) != 12:
        raise InvalidInput(f"--half applies to a one-year period, not {period.label}", hint="drop --half.")
    return half(period, which_half)


def _year(rules: RuleSet, year: int, *, pledge: bool) -> Period:
    if rules.period_kind is PeriodKind.CALENDAR_YEAR and not pledge:
        return calendar_year(year)
    summit = rules.summit or date(2024, 7, 10)  # a '2024/25' asked of a calendar-year rule set: Washington's day
    return pledge_year(year, summit.month, summit.day)


def months(period: Period) -> int | None:
    """How many whole months the period spans from its first day, or None when it does not end on a month's
    boundary (e.g. a range given by arbitrary dates)."""
    start, end = period.start, period.end
    upper = (end.year - start.year) * 12 + end.month - start.month + 1
    for count in (upper - 1, upper):
        year, month = divmod(start.month - 1 + count, 12)
        try:
            after = start.replace(year=start.year + year, month=month + 1)
        except ValueError:  # the 31st of a shorter month: no whole-month reading
            return None
        if count >= 1 and after - timedelta(days=1) == end:
            return count
    return None


def floor_for(rules: RuleSet, period: Period) -> Decimal:
    """The floor a period must reach: the annual floor × whole months / 12 (a half-year gets exactly half),
    or × days / 365 for a period that is not made of whole months."""
    whole = months(period)
    if whole is not None:
        return rules.floor_eur * whole / 12
    return rules.floor_eur * period.days / 365


def gdp_year_for(rules: RuleSet, period: Period) -> int:
    """The GDP year of the key: a fixed year, or the year before the period starts."""
    return rules.gdp_year if rules.gdp_year is not None else period.start.year - 1


def participation_day(rules: RuleSet, period: Period) -> date:
    return period.end if rules.membership_on is MembershipOn.PERIOD_END else period.start
