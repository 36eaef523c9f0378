"""Burden reports built by hand, for the renderers' tests and benchmark.

The coalition report: five allies with round numbers, three years of history, a fund, one issue.

GDP shares 60/20/15/5 % of EUR 40,000 bn (Iceland exempt); floor EUR 40 bn, so the fair shares are 24, 8, 6
and 2 bn. Credits 18, 9, 6.6, 4 and 0.1 bn sum to 37.7 bn: the floor is missed by 2.3 bn.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

from ramstein.domain.issues import DataIssue
from ramstein.reports.burden import BurdenReport, BurdenRow, FundProgress, FundYear, PeriodTotal, Sources

BN = Decimal(10) ** 9
KIEL = "Kiel Institute for the World Economy, Ukraine Support Tracker release 29, published 2026-08-04"


def ally(rank: int, code: str, name: str, gdp_bn: str, share: str, credit_bn: str, entries: int) -> BurdenRow:
    gdp, credit, fraction = Decimal(gdp_bn) * BN, Decimal(credit_bn) * BN, Decimal(share)
    fair = Decimal(40) * BN * fraction
    return BurdenRow(
        nation=code,
        name=name,
        rank=rank,
        exempt=fraction == 0,
        gdp_eur=gdp,
        gdp_share=fraction,
        fair_share_eur=fair,
        pledged_eur=credit * Decimal("1.5"),
        committed_eur=credit,
        delivered_eur=credit * Decimal("0.8"),
        credit_eur=credit,
        gap_eur=fair - credit,
        credit_pct_gdp=credit / gdp * 100,
        credit_pct_fair_share=credit / fair * 100 if fair else None,
        entries=entries,
    )


def coalition_report() -> BurdenReport:
    rows = (
        ally(1, "DNK", "Denmark", "2000", "0.05", "4", 40),
        ally(2, "DEU", "Germany", "8000", "0.20", "9", 60),
        ally(3, "GBR", "United Kingdom", "6000", "0.15", "6.6", 30),
        ally(4, "USA", "United States", "24000", "0.60", "18", 90),
        ally(5, "ISL", "Iceland", "30", "0", "0.1", 2),
    )
    history = tuple(
        PeriodTotal(str(year), date(year, 1, 1), date(year, 12, 31), Decimal(credit) * BN, Decimal(40) * BN)
        for year, credit in ((2022, "37.75"), (2023, "46.32"), (2024, "37.7"))
    )
    fund = FundProgress(
        target_eur=Decimal(100) * BN,
        years=(
            FundYear("2023", Decimal("46.32") * BN, Decimal("46.32") * BN, Decimal(20) * BN),
            FundYear("2024", Decimal("37.7") * BN, Decimal("84.02") * BN, Decimal(40) * BN),
        ),
    )
    return BurdenReport(
        rule_set="washington-2024",
        rule_set_version=1,
        rule_set_title="Washington summit pledge, 2024",
        period_label="2024",
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        as_of=datetime(2026, 4, 13, 12, 30, tzinfo=UTC),
        floor_eur=Decimal(40) * BN,
        credit_eur=sum((r.credit_eur for r in rows), Decimal(0)),
        rows=rows,
        history=history,
        method=(
            "Floor: EUR 40 bn per calendar year.",
            "Participants: NATO allies as of the period's start; Iceland exempt, its share redistributed.",
            "Credit: committed support (Kiel's allocations), all instruments, bilateral channel.",
        ),
        sources=Sources(
            gdp="World Bank GDP (current US$) 1960 to 2023, 213 nations",
            gdp_dataset=2,
            gdp_year=2023,
            fx="ECB euro reference rates, 1999-01-04 to 2026-04-13",
            fx_dataset=3,
            fx_method="GDP at the 2023 average ECB rate; entries at the rate of their own date",
            ledger=((KIEL, 220), ("Danish MoD press release", 2)),
        ),
        fund=fund,
        issues=(DataIssue("gdp", 0, "ISL", "no GDP for Iceland in 2023; 2022 used"),),
    )


FORTY_CODES = (  # the 32 allies and eight partners
    "ALB BEL BGR CAN HRV CZE DNK EST FIN FRA DEU GRC HUN ISL "
    "ITA LVA LTU LUX MNE NLD MKD NOR POL PRT ROU SVK SVN ESP "
    "SWE TUR GBR USA AUS JPN KOR NZL IRL AUT CHE MDA"
)
FORTY = FORTY_CODES.split()


def forty_nation_report() -> BurdenReport:
    """A report of the size the secretariat will print: 40 nations (the allies and eight partners), 5 years."""
    base = coalition_report()
    share = Decimal(1) / len(FORTY)
    rows = tuple(
        ally(i, code, code.title(), str(500 + 37 * i), str(share), str(Decimal(i) / 10), i)
        for i, code in enumerate(FORTY, start=1)
    )
    history = tuple(
        PeriodTotal(str(y), date(y, 1, 1), date(y, 12, 31), Decimal(35 + y % 7) * BN, Decimal(40) * BN)
        for y in range(2022, 2027)
    )
    return replace(base, rows=rows, history=history, credit_eur=sum((r.credit_eur for r in rows), Decimal(0)))
