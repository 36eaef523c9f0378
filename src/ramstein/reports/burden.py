"""The burden-sharing report as data: what every format (table, CSV, XLSX, HTML, PDF, JSON) renders.

The builder that fills it from a rule set, GDP, rates and ledger sums lives beside it; renderers read it
and compute nothing. Amounts are EUR; shares are fractions (0.25 = 25 %); `*_pct_*` fields are percents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from ramstein.domain.issues import DataIssue


@dataclass(frozen=True, slots=True)
class BurdenRow:
    nation: str  # ISO 3166-1 alpha-3
    name: str
    rank: int  # by credit as % of fair share, 1 = furthest above its share
    exempt: bool
    gdp_eur: Decimal
    gdp_share: Decimal  # fraction of the participants' combined GDP (0 when exempt)
    fair_share_eur: Decimal
    pledged_eur: Decimal
    committed_eur: Decimal
    delivered_eur: Decimal
    credit_eur: Decimal  # the stage (and instruments, channels) the rule set credits
    gap_eur: Decimal  # fair share - credit: positive means short of the fair share
    credit_pct_gdp: Decimal
    credit_pct_fair_share: Decimal | None  # None when the fair share is zero (exempt)
    entries: int  # how many ledger entries the credit sums (drill-down: `ramstein report burden --explain`)


@dataclass(frozen=True, slots=True)
class PeriodTotal:
    """The coalition's credit in one period against the floor for that period."""

    label: str
    start: date
    end: date
    credit_eur: Decimal
    floor_eur: Decimal
    # Every donor's credit under the same counting rules, participants or not (allies and partners, the
    # EU institutions): the wider coalition's total, as the Kiel tracker counts it. None: not computed.
    all_donors_eur: Decimal | None = None

    @property
    def met(self) -> bool:
        return self.credit_eur >= self.floor_eur


@dataclass(frozen=True, slots=True)
class FundYear:
    label: str
    credit_eur: Decimal
    cumulative_eur: Decimal
    target_cumulative_eur: Decimal  # the fund's target phased evenly to the end of this year


@dataclass(frozen=True, slots=True)
class FundProgress:
    target_eur: Decimal
    years: tuple[FundYear, ...]


@dataclass(frozen=True, slots=True)
class Sources:
    gdp: str  # dataset label, e.g. "World Bank GDP (current US$) 1960 to 2023, 213 nations"
    gdp_dataset: int | None
    gdp_year: int
    fx: str
    fx_dataset: int | None
    fx_method: str  # e.g. "GDP at the 2023 average ECB rate; entries at the rate of their own date"
    ledger: tuple[tuple[str, int], ...]  # (source, entries) of the entries summed
    prices: str = ""  # the price list in-kind items were valued at, with its date; empty: as recorded


@dataclass(frozen=True, slots=True)
class BurdenReport:
    rule_set: str
    rule_set_version: int
    rule_set_title: str
    period_label: str
    period_start: date
    period_end: date
    as_of: datetime  # the ledger as of this moment; replaying with it gives the same report
    floor_eur: Decimal  # the floor for this period (a half-year has half the annual floor)
    credit_eur: Decimal  # the coalition's total credit
    rows: tuple[BurdenRow, ...]
    history: tuple[PeriodTotal, ...]  # per year, for the chart of the coalition total against the floor
    method: tuple[str, ...]  # every rule-set parameter in plain words
    sources: Sources
    fund: FundProgress | None = None
    issues: tuple[DataIssue, ...] = field(default=())
    # (label, nations) for each year of the history and the fund: how many nations contribute to its total
    contributors: tuple[tuple[str, int], ...] = field(default=())

    @property
    def floor_met(self) -> bool:
        return self.credit_eur >= self.floor_eur

    @property
    def margin_eur(self) -> Decimal:
        """By how much the floor is exceeded (positive) or missed (negative)."""
        return self.credit_eur - self.floor_eur
