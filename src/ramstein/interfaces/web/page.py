"""What every page handler gets (the composition root, the reader, their language) and how a page is drawn.

Handlers stay thin: parse the request, call one service, hand a view to a template. A `RamsteinError` that
stops a request becomes an error page with the status the API gives the same error, in the reader's
language; so does a query or form field of the wrong type or size.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ramstein.bootstrap import App
from ramstein.domain.access import ANY, Actor, Decision, Resource, decide
from ramstein.domain.errors import InvalidInput, RamsteinError
from ramstein.domain.rules import Valuation
from ramstein.interfaces.answer_cache import keep
from ramstein.interfaces.auth import caller, container, csrf_token, current_actor, user_locale
from ramstein.interfaces.errors import http_status
from ramstein.interfaces.web.formats import Formats
from ramstein.interfaces.web.i18n import LANGUAGES, PageMessages
from ramstein.interfaces.web.problems import Said, refusal, say
from ramstein.reports.render.locale import Formatter
from ramstein.services.burden import BurdenRequest
from ramstein.services.guard import Caller
from ramstein.services.report_access import ReportSources


@dataclass(frozen=True, slots=True)
class Page:
    request: Request
    app: App
    actor: Actor
    lang: str
    t: PageMessages
    f: Formatter

    @property
    def signed_in(self) -> bool:
        return self.actor.signed_in

    @property
    def caller(self) -> Caller:
        """The actor and where it asks from, for the services' decisions and audit records."""
        return caller(self.request)

    def may(self, action: str, resource: Resource = ANY) -> bool:
        """Whether to offer a link or a form: the services decide again, and refuse, when it is used."""
        return self.decision(action, resource).allowed

    def decision(self, action: str, resource: Resource = ANY) -> Decision:
        return decide(self.actor, action, resource)

    def may_record(self) -> Decision:
        """Whether the reader may record ledger entries at all (a nation's representative: its own nation's)."""
        return self.decision("ledger.record", Resource("ledger", nation=self.actor.nation))

    @property
    def reports(self) -> ReportSources:
        app = self.app
        return ReportSources(app.uow, app.analytics(), app.drill_down(), app.clock, app.price_lists(),
                             app.settings.public_min_nations, app.reports)  # fmt: skip

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        fmt = Formats(self.f)
        html = environment().get_template(template).render(page=self, t=self.t, f=self.f, fmt=fmt, **context)
        return HTMLResponse(html, status_code=status)

    def keep(self, asked: BurdenRequest | None = None) -> None:
        """Let the answer cache keep this page (interfaces/answer_cache.py): only for a page made from the
        ledger, the markings, reference data, shipped files, its reader and today's date. A report valued by
        a price list is not kept: the list is a file read at each report."""
        if asked is None or asked.rules.valuation is not Valuation.PRICE_LIST:
            keep(self.request)

    def csrf(self) -> str:
        return csrf_token(self.request)

    def say(self, error: RamsteinError) -> Said:
        """The error's message and hint in the reader's language where the catalogues have them."""
        return say(self.t, Formats(self.f), error)

    def refusal(self, decision: Decision) -> str:
        """Why the policy refuses the reader, in the reader's language."""
        return refusal(self.t, Formats(self.f), decision)


def page(request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> Page:
    lang = user_locale(request)
    return Page(request, container(request), actor, lang, PageMessages(lang), Formatter(lang))


PageDep = Annotated[Page, Depends(page)]


def error_page(request: Request, exc: RamsteinError) -> HTMLResponse:
    lang = user_locale(request)
    try:
        actor = current_actor(request)
    except RamsteinError:
        actor = Actor.public()
    view = Page(request, container(request), actor, lang, PageMessages(lang), Formatter(lang))
    if request.headers.get("HX-Request") == "true":  # a card's button: say it above the page, keep the card
        answer = view.render("problem.html.j2", http_status(exc), error=exc)
        answer.headers.update({"HX-Retarget": "#main", "HX-Reswap": "afterbegin"})
        return answer
    return view.render("error.html.j2", http_status(exc), error=exc)


class PageRoute(APIRoute):
    """Routes of the pages: an error that stops the request is drawn as a page, not as JSON."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except RamsteinError as exc:
                return error_page(request, exc)
            except RequestValidationError as exc:
                fields = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors()[:5])
                return error_page(request, InvalidInput(f"the request is not valid: {fields}"))

        return handle


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("ramstein.interfaces.web", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["LANGUAGES"] = LANGUAGES
    return env


def query(**params: object) -> str:
    """A query string of the params that have a value, for links that keep the reader's filters."""
    kept: Mapping[str, object] = {k: v for k, v in params.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else ""
