"""The report in words: every sentence, heading and number of the HTML and PDF briefs, in one language.

Both document formats render this one view, so the HTML page and the PDF cannot say different things. The
view holds text only (already formatted for the locale); it is plain data, so the PDF template receives it
as JSON. Amounts in tables are in billions of euros with two decimals (the caption says so): a column of
"1,23" reads faster than a column of "1,23 mia. €", and every row shares the unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ramstein.reports.burden import BurdenReport, BurdenRow, FundProgress
from ramstein.reports.render.locale import BILLION, Formatter
from ramstein.reports.render.messages import Messages

KIEL_CITATION = (
    "Antezza, A., Bushnell, K., Frank, A., Frank, P., Franz, L., Kharitonov, I., Kumar, B., Rebinskaya, E., "
    "Trebesch, C., Schramm, S., Weiser, L., Schade, C.: Ukraine Support Tracker Data, Kiel Institute for the "
    "World Economy, https://www.ifw-kiel.de/publications/ukraine-support-tracker-data-20758/"
)
ALLY_COLUMNS = (
    "col.rank", "col.nation", "col.gdp_share", "col.fair_share", "col.pledged", "col.committed",
    "col.delivered", "col.credit", "col.gap", "col.pct_gdp", "col.pct_fair_share",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Figure:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Table:
    """A table of text; column `header` heads each row (the ally's name); `numeric` columns align right."""

    caption: str
    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    header: int = 0


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ReportView:
    lang: str
    title: str
    subtitle: str
    meta: list[str]
    met: bool
    status: str
    summary: Section
    figures: list[Figure]
    allies_heading: str
    allies: Table
    chart_allies_heading: str
    chart_allies_description: str
    history_heading: str
    history: Table
    chart_history_description: str
    fund: Section | None
    fund_table: Table | None
    method: Section
    parameters: Section
    sources: Section
    citation: Section | None
    issues: Section | None
    footer: str


def build_view(report: BurdenReport, lang: str) -> ReportView:
    t, f = Messages(lang), Formatter(lang)
    as_of = t("moment", date=f.date_utc(report.as_of), time=f.time_utc(report.as_of))
    return ReportView(
        lang=lang,
        title=t("title"),
        subtitle=f"{report.rule_set_title} · {report.period_label}",
        meta=_meta(report, t, f, as_of),
        met=report.floor_met,
        status=t("status.met" if report.floor_met else "status.missed"),
        summary=_summary(report, t, f),
        figures=[
            Figure(t("figure.floor"), f.eur(report.floor_eur)),
            Figure(t("figure.credit"), f.eur(report.credit_eur)),
            Figure(t("figure.margin"), f.eur(report.margin_eur)),
        ],
        allies_heading=t("table.heading"),
        allies=allies_table(report, t, f),
        chart_allies_heading=t("chart.allies.heading"),
        chart_allies_description=t("chart.allies.description"),
        history_heading=t("history.heading"),
        history=_history_table(report, t, f),
        chart_history_description=t("chart.history.description"),
        fund=_fund_summary(report.fund, t, f),
        fund_table=_fund_table(report.fund, t, f),
        method=Section(
            t("method.heading"), [t(k) for k in ("method.fair_share", "method.credit", "method.gap", "method.rank")]
        ),
        parameters=Section(t("method.parameters"), items=list(report.method)),
        sources=_sources(report, t, f),
        citation=_citation(report, t),
        issues=Section(t("issues.heading"), [t("issues.intro")], [str(i) for i in report.issues])
        if report.issues
        else None,
        footer=t("footer", name=report.rule_set, version=report.rule_set_version, as_of=as_of),
    )


def _meta(report: BurdenReport, t: Messages, f: Formatter, as_of: str) -> list[str]:
    return [
        t("meta.rule_set", title=report.rule_set_title, name=report.rule_set, version=report.rule_set_version),
        t("meta.period", label=report.period_label, start=f.date(report.period_start), end=f.date(report.period_end)),
        t("meta.as_of", as_of=as_of),
    ]


def _summary(report: BurdenReport, t: Messages, f: Formatter) -> Section:
    key = "summary.met" if report.floor_met else "summary.missed"
    sentence = t(
        key,
        floor=f.eur(report.floor_eur),
        period=report.period_label,
        credit=f.eur(report.credit_eur),
        margin=f.eur(abs(report.margin_eur)),
    )
    participants = [r for r in report.rows if not r.exempt]
    at_share = sum(1 for r in participants if r.gap_eur <= 0)
    return Section(t("summary.heading"), [sentence, t("summary.at_share", count=at_share, total=len(participants))])


def bn(f: Formatter, value: Decimal) -> str:
    """An amount in EUR as billions with two decimals, for tables whose caption names the unit."""
    return f.number(value / BILLION, 2)


def ally_cells(row: BurdenRow, t: Messages, f: Formatter) -> list[str]:
    name = f.nation(row.nation, row.name)
    return [
        str(row.rank),
        f"{name} ({t('exempt')})" if row.exempt else name,
        f.percent(row.gdp_share, 2),
        bn(f, row.fair_share_eur),
        bn(f, row.pledged_eur),
        bn(f, row.committed_eur),
        bn(f, row.delivered_eur),
        bn(f, row.credit_eur),
        bn(f, row.gap_eur),
        f.percent_of(row.credit_pct_gdp, 3),
        f.percent_of(row.credit_pct_fair_share, 1),
    ]


def allies_table(report: BurdenReport, t: Messages, f: Formatter) -> Table:
    return Table(
        caption=t("table.caption", period=report.period_label),
        columns=[t(c) for c in ALLY_COLUMNS],
        rows=[ally_cells(row, t, f) for row in report.rows],
        numeric=[True, False, *([True] * (len(ALLY_COLUMNS) - 2))],
        header=1,
    )


def _history_table(report: BurdenReport, t: Messages, f: Formatter) -> Table:
    rows = [[p.label, bn(f, p.credit_eur), bn(f, p.floor_eur), t("yes" if p.met else "no")] for p in report.history]
    columns = [t("col.period"), t("col.credit"), t("col.floor"), t("col.met")]
    return Table(t("history.caption"), columns, rows, [False, True, True, False])


def _fund_summary(fund: FundProgress | None, t: Messages, f: Formatter) -> Section | None:
    if fund is None:
        return None
    cumulative = fund.years[-1].cumulative_eur if fund.years else Decimal(0)
    share = cumulative / fund.target_eur if fund.target_eur else None
    sentence = t("fund.summary", cumulative=f.eur(cumulative), target=f.eur(fund.target_eur), pct=f.percent(share))
    return Section(t("fund.heading"), [sentence])


def _fund_table(fund: FundProgress | None, t: Messages, f: Formatter) -> Table | None:
    if fund is None:
        return None
    rows = [[y.label, bn(f, y.credit_eur), bn(f, y.cumulative_eur), bn(f, y.target_cumulative_eur)] for y in fund.years]
    columns = [t("col.year"), t("col.credit"), t("col.cumulative"), t("col.target_cumulative")]
    return Table(t("fund.caption"), columns, rows, [False, True, True, True])


def _sources(report: BurdenReport, t: Messages, f: Formatter) -> Section:
    src = report.sources
    paragraphs = [
        t("sources.gdp", label=src.gdp, year=src.gdp_year),
        t("sources.fx", label=src.fx, method=src.fx_method.rstrip(".")),
        *([t("sources.prices", label=src.prices)] if src.prices else []),
        t("sources.ledger"),
    ]
    items = [f"{name}: {t('sources.entries', count=f.number(Decimal(count)))}" for name, count in src.ledger]
    return Section(t("sources.heading"), paragraphs, items)


def cites_kiel(report: BurdenReport) -> bool:
    return any("kiel" in name.lower() for name, _ in report.sources.ledger)


def _citation(report: BurdenReport, t: Messages) -> Section | None:
    if not cites_kiel(report):
        return None
    return Section(t("sources.kiel"), [KIEL_CITATION])
