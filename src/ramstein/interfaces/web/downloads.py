"""Report downloads: the burden report as CSV, XLSX, PDF (and HTML, JSON) in the reader's language, rendered
by the same code as `ramstein report burden --format ...` (reports/render)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from ramstein.domain.errors import NotFound
from ramstein.interfaces.web import burden_choice
from ramstein.interfaces.web.burden_choice import ChoiceDep
from ramstein.interfaces.web.page import PageDep, PageRoute, query
from ramstein.reports import render

router = APIRouter(route_class=PageRoute)
OFFERED = ("csv", "xlsx", "pdf", "html", "json")


@router.get("/reports", response_class=HTMLResponse, name="reports")
def downloads(p: PageDep, chosen: ChoiceDep) -> HTMLResponse:
    burden_choice.request(p, chosen)  # an unknown rule set or period is refused here, not at the download
    p.keep()
    files = [(fmt, f"/reports/burden.{fmt}" + query(**chosen.params())) for fmt in OFFERED]
    return p.render("reports.html.j2", chosen=chosen, files=files, years=burden_choice.years(p),
                    rule_sets=p.app.rule_sets().names())  # fmt: skip


@router.get("/reports/burden.{fmt}", name="report-file")
def download(p: PageDep, chosen: ChoiceDep, fmt: str) -> Response:
    if fmt not in OFFERED:
        raise NotFound(f"no report format {fmt!r}", hint=f"choose one of: {', '.join(OFFERED)}.")
    asked = burden_choice.request(p, chosen)
    data = render.render(burden_choice.report(p, asked), fmt, p.lang)
    p.keep(asked)
    name = f"burden-{asked.rules.name}-{asked.period.label}-{p.lang}.{fmt}".replace("/", "-").replace(" ", "_")
    return Response(data, media_type=render.MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip
