"""What every page handler gets (the composition root, the reader, their language) and how a page is drawn.

Handlers stay thin: parse the request, call one service, hand a view to a template. A `RamsteinError` that
stops a request becomes an error page with the status the API gives the same error, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, cast
from urllib.parse import urlencode

from fastapi import Depends, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ramstein.bootstrap import App
from ramstein.domain.access import Actor, Role
from ramstein.domain.errors import RamsteinError
from ramstein.interfaces.auth import csrf_token, current_actor, user_locale
from ramstein.interfaces.web.formats import Formats
from ramstein.interfaces.web.i18n import LANGUAGES, PageMessages
from ramstein.reports.render.locale import Formatter

STATUS = {
    "invalid-input": 400, "unknown-currency": 400, "currency-mismatch": 400, "rejected-import": 400,
    "unauthorized": 401, "forbidden": 403, "not-found": 404, "conflict": 409, "rate-unavailable": 422,
}  # fmt: skip


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
        return self.actor.role is not Role.PUBLIC

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        fmt = Formats(self.f)
        html = environment().get_template(template).render(page=self, t=self.t, f=self.f, fmt=fmt, **context)
        return HTMLResponse(html, status_code=status)

    def csrf(self) -> str:
        return csrf_token(self.request)


def container(request: Request) -> App:
    return cast(App, request.app.state.container)


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
    return view.render("error.html.j2", STATUS.get(exc.code, 400), error=exc)


class PageRoute(APIRoute):
    """Routes of the pages: an error that stops the request is drawn as a page, not as JSON."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except RamsteinError as exc:
                return error_page(request, exc)

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
