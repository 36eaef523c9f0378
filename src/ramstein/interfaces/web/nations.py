"""The nations: every donor at a glance, and one nation's page (its fair share, what it pledged, committed
and delivered against it, the gap at each stage, its history per year and its latest ledger entries)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from ramstein.domain.ledger import EntryKind
from ramstein.interfaces.web import burden_choice, links
from ramstein.interfaces.web.burden_choice import ChoiceDep
from ramstein.interfaces.web.page import PageDep, PageRoute
from ramstein.reports.burden import BurdenReport, BurdenRow
from ramstein.services import ledger_access, reads, report_access
from ramstein.services.ports import LedgerQuery

router = APIRouter(route_class=PageRoute)
LATEST = 20


@dataclass(frozen=True, slots=True)
class StageGap:
    """Fair share against one stage of support: a positive gap is what the stage still lacks."""

    stage: EntryKind
    amount: Decimal
    gap: Decimal
    credited: bool  # the stage the rule set credits: its gap is the report's gap
    link: str


@router.get("/nations", response_class=HTMLResponse, name="nations")
def nations(p: PageDep) -> HTMLResponse:
    p.keep()
    return p.render("nations.html.j2", overview=report_access.donor_overview(p.reports, p.caller))


@router.get("/nations/{code}", response_class=HTMLResponse, name="nation")
def nation(p: PageDep, code: str, chosen: ChoiceDep) -> HTMLResponse:
    app = p.app
    found = reads.nation(app.uow, p.caller, app.clock, code.upper())
    asked = burden_choice.request(p, chosen)
    report = burden_choice.report(p, asked)
    row = _row(report, found.code)
    total = ledger_access.find(app.uow, p.actor, LedgerQuery(donor=found.code, limit=0))[1]
    latest, _ = ledger_access.find(app.uow, p.actor, LedgerQuery(donor=found.code, offset=max(0, total - LATEST)))
    p.keep(asked)
    return p.render(
        "nation.html.j2",
        nation=found,
        chosen=chosen,
        years=burden_choice.years(p),
        rule_sets=app.rule_sets().names(),
        report=report,
        row=row,
        gaps=stage_gaps(row, asked.rules.stage, chosen) if row else [],
        history=[(r.period_label, _row(r, found.code)) for r in burden_choice.yearly(p, asked)],
        latest=[(record, None) for record, _ in reversed(latest)],
        total=total,
    )


def stage_gaps(row: BurdenRow, credited: EntryKind, chosen: burden_choice.Choice) -> list[StageGap]:
    amounts = {EntryKind.PLEDGE: row.pledged_eur, EntryKind.COMMITMENT: row.committed_eur,
               EntryKind.DELIVERY: row.delivered_eur}  # fmt: skip
    return [
        StageGap(stage, sum_, row.fair_share_eur - sum_, stage is credited, links.explain(row.nation, chosen, stage))
        for stage, sum_ in amounts.items()
    ]


def _row(report: BurdenReport, code: str) -> BurdenRow | None:
    return next((r for r in report.rows if r.nation == code), None)
