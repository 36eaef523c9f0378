"""The method of a burden report in plain words: one line per rule-set parameter, so a reader of the PDF
can check every figure without opening the rule set file. The same words are explained in
docs/methodology.md."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ramstein.domain.credit import EUR
from ramstein.domain.ledger import EntryKind
from ramstein.domain.periods import Period
from ramstein.domain.rules import (
    EuAttribution,
    FxBasis,
    GdpSource,
    MembershipOn,
    Participants,
    PeriodKind,
    Phasing,
    RuleSet,
    Valuation,
    floor_for,
    months,
)

BILLION = Decimal(10) ** 9
_STAGE = {EntryKind.PLEDGE: "pledges", EntryKind.COMMITMENT: "commitments", EntryKind.DELIVERY: "deliveries"}
_WHO = {
    Participants.NATO_ALLIES: "the NATO allies",
    Participants.CONTACT_GROUP: "the NATO allies and the contact group's partners",
    Participants.EVERY_DONOR: "every country with support counted in the period",
}
_GDP = {
    GdpSource.WORLD_BANK: "World Bank GDP in current US$",
    GdpSource.KIEL: "the Kiel tracker's own GDP figures (EUR)",
}


def bn(value: Decimal) -> str:
    return f"EUR {value / BILLION:,.2f} bn"


def method_lines(
    rules: RuleSet,
    period: Period,
    as_of: datetime,
    participants: int,
    gdp_year: int,
    fallback: bool,
    prices: str = "",  # `PriceList.describe()` of the list used
) -> tuple[str, ...]:
    return (
        f"Rule set {rules.name}, version {rules.version}: {rules.title}.",
        _period_line(rules, period),
        _participants_line(rules, period, participants),
        _exempt_line(rules),
        _key_line(rules, gdp_year, fallback),
        "Fair share = the period's floor × the participant's GDP / the participants' combined GDP.",
        _credit_line(rules, as_of),
        _phasing_line(rules),
        _eu_line(rules),
        _valuation_line(rules, prices),
        "Gap = fair share − credit (positive: short of the fair share). Credit % of GDP = credit / one year's "
        "GDP × 100. % of fair share = credit / fair share × 100. Rank: by % of fair share, highest first; "
        "exempt nations last.",
        *((_fund_line(rules),) if rules.fund else ()),
    )


def _period_line(rules: RuleSet, period: Period) -> str:
    whole = months(period)
    share = f"× {whole} months / 12" if whole is not None else f"× {period.days} days / 365"
    pledge = rules.period_kind is PeriodKind.PLEDGE_YEAR
    kind = f"pledge years from the summit of {rules.summit}" if pledge else "calendar years"
    return (
        f"Period {period.label}: {period.start} to {period.end} ({kind}). Floor {bn(floor_for(rules, period))} "
        f"= {bn(rules.floor_eur)} a year {share}."
    )


def _participants_line(rules: RuleSet, period: Period, count: int) -> str:
    if rules.participants is Participants.EVERY_DONOR:
        return f"Participants: {_WHO[rules.participants]} ({count} countries; the EU institutions are not a country)."
    day = period.end if rules.membership_on is MembershipOn.PERIOD_END else period.start
    return (
        f"Participants: {_WHO[rules.participants]} on {day}, the period's {rules.membership_on.value.split('-')[1]} "
        f"({count} nations); a nation that joins later takes part from its first whole period, without pro-rating."
    )


def _exempt_line(rules: RuleSet) -> str:
    if not rules.exempt:
        return "Exemptions: none."
    names = ", ".join(sorted(rules.exempt))
    if rules.redistribute_exempt:
        return f"Exempt: {names}; their share is redistributed to the others, so the fair shares add up to the floor."
    return f"Exempt: {names}; their share is not redistributed, so the fair shares add up to less than the floor."


def _key_line(rules: RuleSet, gdp_year: int, fallback: bool) -> str:
    year = f"{gdp_year}" + (" (the year before the period)" if rules.gdp_year is None else "")
    late = (
        "; a nation without a value for that year uses its latest earlier year"
        if fallback or rules.gdp_fallback
        else "; a nation without a value for that year stops the report"
    )
    rate = "average ECB rate of the GDP year" if rules.fx is FxBasis.YEAR_AVERAGE else f"ECB rate of {rules.fx_date}"
    return (
        f"Key: share of the participants' combined GDP, {_GDP[rules.gdp_source]} for {year}{late}. "
        f"GDP converted to EUR at the {rate}."
    )


def _credit_line(rules: RuleSet, as_of: datetime) -> str:
    aid = ", ".join(sorted(a.value for a in rules.aid_types))
    instruments = (
        "any instrument" if rules.instruments is None else "instruments " + ", ".join(sorted(rules.instruments))
    )
    channels = "any channel" if rules.channels is None else "channels " + ", ".join(sorted(rules.channels))
    return (
        f"Credit: {_STAGE[rules.stage]} of {aid} aid, {instruments}, {channels}; the ledger as recorded by "
        f"{as_of.isoformat(timespec='seconds')}, entries in force only (reversed entries and reversals left out), "
        f"each converted to {EUR} at the ECB rate of its own date."
    )


def _phasing_line(rules: RuleSet) -> str:
    if rules.phasing is Phasing.EVEN:
        return "Multi-year pledges are spread evenly over their days; a period gets the days it covers."
    return "Multi-year pledges count whole on the day they were made."


def _eu_line(rules: RuleSet) -> str:
    if rules.eu_attribution is EuAttribution.NONE:
        return "The EU institutions' support is not attributed to member states."
    return (
        f"The EU institutions' support is attributed to the {len(rules.eu_shares)} member states by their share of "
        f"the EU budget ({rules.eu_shares_source})."
    )


def _valuation_line(rules: RuleSet, prices: str) -> str:
    if rules.valuation is Valuation.AS_RECORDED:
        return "Valuation: amounts as recorded in the ledger."
    return (
        f"Valuation: in-kind items at the price list {prices or rules.price_list}: quantity × list "
        "price, converted to EUR at the ECB rate of the entry's date, in place of the value recorded for them; "
        "an item not on the list keeps its recorded value and is listed in the issues."
    )


def _fund_line(rules: RuleSet) -> str:
    fund = rules.fund
    assert fund is not None
    return (
        f"Fund: {bn(fund.target_eur)} over {fund.years} years from {fund.start_year}, its target phased evenly "
        f"({bn(fund.target_eur / fund.years)} a year) against the participants' cumulative credit."
    )


def fx_method(rules: RuleSet, gdp_year: int) -> str:
    basis = (
        f"the {gdp_year} average ECB rate" if rules.fx is FxBasis.YEAR_AVERAGE else f"the ECB rate of {rules.fx_date}"
    )
    return f"GDP at {basis}; ledger entries at the ECB rate of their own date (the last published within a week)"
