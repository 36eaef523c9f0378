"""/api/v1/rules and /api/v1/reports/burden: the fair-share rule sets and the report in every format."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from ramstein.domain.errors import NotFound
from ramstein.domain.rules import Valuation, report_period
from ramstein.interfaces.answer_cache import keep
from ramstein.interfaces.api.deps import Asker, Container
from ramstein.interfaces.api.schemas import ERRORS
from ramstein.interfaces.jsonable import to_jsonable
from ramstein.reports import render as renderers
from ramstein.services import burden, reads

router = APIRouter(tags=["rule sets and reports"], responses=ERRORS)
MEDIA = {
    "json": "application/json", "csv": "text/csv; charset=utf-8", "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf",
}  # fmt: skip
RuleName = Annotated[str, Path(max_length=80, examples=["washington-2024"])]


Format = Literal["json", "csv", "xlsx", "html", "pdf"]
Lang = Literal["en", "da", "nb"]


@router.get("/rules", summary="The shipped rule sets: name, version, title")
def list_rules(app: Container, asker: Asker) -> list[dict[str, Any]]:
    reads.rules(app.uow, asker, app.clock)
    return [{"name": r.name, "version": r.version, "title": r.title} for r in app.rule_sets().all()]


@router.get("/rules/{name}", summary="One rule set, parsed: every parameter of the computation")
def show_rules(name: RuleName, app: Container, asker: Asker) -> dict[str, Any]:
    reads.rules(app.uow, asker, app.clock, name)
    result: dict[str, Any] = to_jsonable(app.rule_sets().load(_shipped(app, name)))
    return result


@router.get(
    "/reports/burden",
    summary="Each participant's fair share of the floor against its credit",
    responses={200: {"content": {media: {} for media in MEDIA.values()}, "description": "the report"}},
)
def burden_report(
    http: Request, app: Container, asker: Asker,
    period: Annotated[str, Query(max_length=20, examples=["2024"], description="2024, 2024/25 or 2022-2026")],
    rules: Annotated[str, Query(max_length=80)] = "washington-2024",
    half: Annotated[str | None, Query(max_length=2, examples=["H2"])] = None,
    fmt: Annotated[Format, Query(alias="format")] = "json",
    lang: Lang = "en",
) -> Response:  # fmt: skip
    rule_set = app.rule_sets().load(_shipped(app, rules))
    request = burden.BurdenRequest(rule_set, report_period(rule_set, period, half))
    report = reads.burden_report(app.uow, asker, app.clock, app.analytics(), app.drill_down(), request,
                                 app.price_lists())  # fmt: skip
    body = renderers.render(report, fmt, lang)
    if rule_set.valuation is not Valuation.PRICE_LIST:  # a price list is a file read at each report
        keep(http)  # made from the ledger and the reference data (interfaces/answer_cache.py)
    headers = {} if fmt in ("json", "html") else {
        "Content-Disposition": f'attachment; filename="burden-{rule_set.name}-{period.replace("/", "-")}.{fmt}"'
    }  # fmt: skip
    return Response(body, media_type=MEDIA[fmt], headers=headers)


def _shipped(app: Container, name: str) -> str:
    """Only shipped rule sets by name: the API never reads a path the caller names."""
    if name not in app.rule_sets().names():
        raise NotFound(f"no rule set {name!r}", hint="GET /api/v1/rules lists them.")
    return name
