"""Build the burden-sharing report: fair shares of the floor by GDP, each participant's credit against its share.

Pure: the service hands in the rule set, the period, the reference data and the ledger's sums per donor and
period (`domain.credit.stage_sums`, computed by a `LedgerAnalytics`); nothing here reads a database or a
clock. The method is in docs/methodology.md and, in plain words, in every report's `method` lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from ramstein.domain.credit import StageSums
from ramstein.domain.errors import NotFound
from ramstein.domain.fx import RateTable, convert, convert_average
from ramstein.domain.issues import DataIssue
from ramstein.domain.nations import Body, GdpValue, Nation, NationRegistry
from ramstein.domain.periods import Period, calendar_year
from ramstein.domain.rules import (
    EuAttribution,
    FxBasis,
    Participants,
    RuleSet,
    floor_for,
    gdp_year_for,
    participation_day,
)
from ramstein.reports.burden import BurdenReport, BurdenRow, FundProgress, FundYear, PeriodTotal, Sources
from ramstein.reports.burden_method import fx_method, method_lines

EUR = "EUR"
EU_INSTITUTIONS = "EU"
HUNDRED = Decimal(100)
ZERO = Decimal(0)
SumsByDonor = Mapping[tuple[str, str], StageSums]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the inputs came from, as the report names them (dataset ids let a report be replayed)."""

    gdp_label: str
    gdp_dataset: int | None
    fx_label: str
    fx_dataset: int | None
    ledger: tuple[tuple[str, int], ...] = ()  # (source, entries) of the entries summed
    prices: str = ""  # the price list items were valued at (`PriceList.describe()`); empty: as recorded


@dataclass(frozen=True, slots=True)
class BurdenInputs:
    rules: RuleSet
    period: Period
    as_of: datetime
    nations: NationRegistry
    gdp: Sequence[GdpValue]
    rates: RateTable
    sums: SumsByDonor  # for `period` and every period of `history_periods`
    provenance: Provenance
    gdp_fallback: bool = False  # as the rule set's flag, from the command line
    issues: tuple[DataIssue, ...] = ()


@dataclass(frozen=True, slots=True)
class GdpUsed:
    eur: Decimal
    year: int


def history_periods(rules: RuleSet, period: Period) -> list[Period]:
    """The calendar years of the history chart: from the rule set's first year to the period's last."""
    return [calendar_year(year) for year in range(rules.history_from, period.end.year + 1)]


def fund_periods(rules: RuleSet) -> list[Period]:
    fund = rules.fund
    return [calendar_year(year) for year in range(fund.start_year, fund.end_year + 1)] if fund else []


def periods_needed(rules: RuleSet, period: Period) -> list[Period]:
    """Every period whose sums the report needs, each once (labels are unique)."""
    found = {p.label: p for p in [*history_periods(rules, period), *fund_periods(rules)]}
    found.setdefault(period.label, period)
    return list(found.values())


def build(inputs: BurdenInputs) -> BurdenReport:
    rules, period = inputs.rules, inputs.period
    sums = credited_sums(rules, inputs.sums, period.label)
    members = participants(rules, inputs.nations, period, sums)
    issues = list(inputs.issues)
    gdp_year = gdp_year_for(rules, period)
    gdp = gdp_in_euro(inputs, members, gdp_year, issues)
    floor = floor_for(rules, period)
    rows = rank(_rows(rules, members, gdp, sums, floor))
    history = tuple(_period_total(inputs, p) for p in history_periods(rules, period))
    yearly = {p.label: p for p in [*history_periods(rules, period), *fund_periods(rules)]}.values()
    return BurdenReport(
        rule_set=rules.name,
        rule_set_version=rules.version,
        rule_set_title=rules.title,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        as_of=inputs.as_of,
        floor_eur=floor,
        credit_eur=sum((r.credit_eur for r in rows), ZERO),
        rows=rows,
        history=history,
        method=method_lines(
            rules, period, inputs.as_of, len(members), gdp_year, inputs.gdp_fallback, inputs.provenance.prices
        ),
        sources=_sources(inputs, gdp_year),
        fund=_fund(inputs),
        issues=tuple(issues),
        contributors=_contributors(inputs, list(yearly)),
    )


def credited_sums(rules: RuleSet, sums: SumsByDonor, label: str) -> dict[str, StageSums]:
    """One period's sums per donor, with the EU institutions' sums attributed to the members if the rule
    set says so (by budget share, as the Kiel tracker does)."""
    found = {donor: s for (donor, period), s in sums.items() if period == label}
    eu = found.get(EU_INSTITUTIONS)
    if rules.eu_attribution is EuAttribution.NONE or eu is None:
        return found
    del found[EU_INSTITUTIONS]
    for member, share in rules.eu_shares.items():
        own = found.get(member, StageSums())
        found[member] = StageSums(
            own.pledged + eu.pledged * share,
            own.committed + eu.committed * share,
            own.delivered + eu.delivered * share,
            own.entries,
        )
    return found


def participants(
    rules: RuleSet, nations: NationRegistry, period: Period, sums: Mapping[str, StageSums]
) -> list[Nation]:
    """Who shares the burden: allies (and partners) on the rule set's day of the period, or every country
    with support counted in the period. A nation that joins later is not a participant of this period."""
    day = participation_day(rules, period)
    if rules.participants is Participants.EVERY_DONOR:
        found = [nations.get(code) for code in sums if code in nations]
        chosen = [n for n in found if n.is_country]
    else:
        bodies = (Body.NATO,) if rules.participants is Participants.NATO_ALLIES else (Body.NATO, Body.UDCG)
        chosen = [n for n in nations if any(n.member_of(b, day) for b in bodies)]
    return sorted(chosen, key=lambda n: n.code)


def gdp_in_euro(
    inputs: BurdenInputs, members: Sequence[Nation], year: int, issues: list[DataIssue]
) -> dict[str, GdpUsed]:
    """Each participant's GDP for `year` in EUR. A missing value stops the report, naming every nation
    missing, unless the fallback (rule set or command line) allows the nation's latest earlier year."""
    rules = inputs.rules
    fallback = rules.gdp_fallback or inputs.gdp_fallback
    by_nation: dict[str, dict[int, GdpValue]] = {}
    for value in inputs.gdp:
        by_nation.setdefault(value.nation, {})[value.year] = value
    used: dict[str, GdpUsed] = {}
    missing: list[Nation] = []
    fell_back: dict[int, list[str]] = {}  # year used instead -> nations
    for nation in members:
        years = by_nation.get(nation.code, {})
        earlier = [y for y in years if y < year]
        if year in years:
            chosen = years[year]
        elif fallback and earlier:
            chosen = years[max(earlier)]
            fell_back.setdefault(chosen.year, []).append(nation.code)
        elif nation.code in rules.exempt and rules.redistribute_exempt:
            continue  # an exempt ally whose share others take needs no GDP
        else:
            missing.append(nation)
            continue
        used[nation.code] = GdpUsed(_to_euro(chosen, rules, inputs.rates), chosen.year)
    if missing:
        raise _missing_gdp(inputs, missing, year, fallback)
    for earlier_year, codes in sorted(fell_back.items()):
        message = f"no GDP for {year} for {', '.join(codes)}: used their {earlier_year} figures (--gdp-fallback)"
        issues.append(DataIssue(inputs.provenance.gdp_label, 0, "gdp", message))
    return used


def _missing_gdp(inputs: BurdenInputs, missing: Sequence[Nation], year: int, fallback: bool) -> NotFound:
    names = ", ".join(f"{n.name} ({n.code})" for n in missing)
    where = inputs.provenance.gdp_label
    if fallback:
        return NotFound(
            f"no GDP for {year} or any earlier year in {where} for: {names}",
            hint="load a GDP file that covers them (`ramstein data update --gdp FILE`) or exempt them in the rule set.",
        )
    return NotFound(
        f"no GDP for {year} in {where} for: {names}",
        hint="rerun with --gdp-fallback to use each nation's latest earlier year (or set key.gdp-fallback: true "
        "in the rule set), or load newer GDP with `ramstein data update --gdp FILE`.",
    )


def _to_euro(value: GdpValue, rules: RuleSet, rates: RateTable) -> Decimal:
    if rules.fx is FxBasis.DATE and rules.fx_date is not None:
        return convert(value.value, EUR, on=rules.fx_date, rates=rates).result.amount
    start, end = date(value.year, 1, 1), date(value.year, 12, 31)
    return convert_average(value.value, EUR, start=start, end=end, rates=rates).result.amount


def _rows(
    rules: RuleSet, members: Sequence[Nation], gdp: Mapping[str, GdpUsed], sums: Mapping[str, StageSums], floor: Decimal
) -> list[BurdenRow]:
    def weight(code: str) -> Decimal:
        return gdp[code].eur if code in gdp else ZERO

    exempt = {n.code for n in members if n.code in rules.exempt}
    counted = [n.code for n in members if not (rules.redistribute_exempt and n.code in exempt)]
    combined = sum((weight(code) for code in counted), ZERO)
    rows = []
    for nation in members:
        is_exempt = nation.code in exempt
        share = weight(nation.code) / combined if combined and not is_exempt else ZERO
        rows.append(_row(rules, nation, weight(nation.code), share, floor * share, sums.get(nation.code), is_exempt))
    return rows


def _row(
    rules: RuleSet, nation: Nation, gdp: Decimal, share: Decimal, fair: Decimal, sums: StageSums | None, exempt: bool
) -> BurdenRow:
    sums = sums or StageSums()
    credit = sums.of(rules.stage)
    return BurdenRow(
        nation=nation.code,
        name=nation.name,
        rank=0,
        exempt=exempt,
        gdp_eur=gdp,
        gdp_share=share,
        fair_share_eur=fair,
        pledged_eur=sums.pledged,
        committed_eur=sums.committed,
        delivered_eur=sums.delivered,
        credit_eur=credit,
        gap_eur=fair - credit,
        credit_pct_gdp=credit / gdp * HUNDRED if gdp else ZERO,
        credit_pct_fair_share=credit / fair * HUNDRED if fair else None,
        entries=sums.entries,
    )


def rank(rows: Sequence[BurdenRow]) -> tuple[BurdenRow, ...]:
    """Furthest above its fair share first; exempt nations (no fair share) after, by credit."""
    sharing = sorted(
        (r for r in rows if r.credit_pct_fair_share is not None),
        key=lambda r: (-(r.credit_pct_fair_share or ZERO), -r.credit_eur, r.nation),
    )
    rest = sorted((r for r in rows if r.credit_pct_fair_share is None), key=lambda r: (-r.credit_eur, r.nation))
    return tuple(replace(row, rank=place) for place, row in enumerate([*sharing, *rest], start=1))


def _period_total(inputs: BurdenInputs, period: Period) -> PeriodTotal:
    rules = inputs.rules
    credit = sum(_credits(inputs, period).values(), ZERO)
    everyone = sum((s.of(rules.stage) for (_, label), s in inputs.sums.items() if label == period.label), ZERO)
    return PeriodTotal(period.label, period.start, period.end, credit, floor_for(rules, period), everyone)


def _credits(inputs: BurdenInputs, period: Period) -> dict[str, Decimal]:
    """Each participant's credit in one period: what the period's coalition total sums."""
    rules = inputs.rules
    sums = credited_sums(rules, inputs.sums, period.label)
    members = {n.code for n in participants(rules, inputs.nations, period, sums)}
    return {code: s.of(rules.stage) for code, s in sums.items() if code in members}


def _contributors(inputs: BurdenInputs, periods: Sequence[Period]) -> tuple[tuple[str, int], ...]:
    """How many nations contribute (a credit that is not zero) to each period's total: what decides whether
    the public may see that total (`domain.markings.release`)."""
    return tuple((p.label, sum(1 for credit in _credits(inputs, p).values() if credit)) for p in periods)


def _fund(inputs: BurdenInputs) -> FundProgress | None:
    fund = inputs.rules.fund
    if fund is None:
        return None
    years, cumulative = [], ZERO
    for index, period in enumerate(fund_periods(inputs.rules)):
        year = period.start.year
        credit = _period_total(inputs, period).credit_eur
        cumulative += credit
        target = fund.target_eur * (index + 1) / fund.years
        years.append(FundYear(str(year), credit, cumulative, target))
    return FundProgress(fund.target_eur, tuple(years))


def _sources(inputs: BurdenInputs, gdp_year: int) -> Sources:
    p = inputs.provenance
    return Sources(
        gdp=p.gdp_label,
        gdp_dataset=p.gdp_dataset,
        gdp_year=gdp_year,
        fx=p.fx_label,
        fx_dataset=p.fx_dataset,
        fx_method=fx_method(inputs.rules, gdp_year),
        ledger=p.ledger,
        prices=p.prices,
    )
