"""The overview: the coalition's credit against the floor, and each ally's credit against its fair share,
as charts and as tables; every figure links to the ledger entries behind it."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from ramstein.interfaces.web import burden_choice, charts, links
from ramstein.interfaces.web.burden_choice import ChoiceDep
from ramstein.interfaces.web.page import PageDep, PageRoute
from ramstein.reports.render.view import build_view

router = APIRouter(route_class=PageRoute)


@router.get("/", response_class=HTMLResponse, name="overview")
def overview(p: PageDep, chosen: ChoiceDep) -> HTMLResponse:
    request = burden_choice.request(p, chosen)
    report = burden_choice.report(p, request)
    p.keep(request)
    return p.render(
        "overview.html.j2",
        report=report,
        v=build_view(report, p.lang),
        chosen=chosen,
        years=burden_choice.years(p),
        rule_sets=p.app.rule_sets().names(),
        allies_svg=charts.allies(report, p.t, p.f),
        history_svg=charts.history(report, p.t, p.f),
        ally_links=links.ally_links(report, chosen, request.rules.stage),
        history_links=links.history_links(report, chosen),
    )
