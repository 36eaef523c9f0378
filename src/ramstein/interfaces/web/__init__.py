"""The web pages: server-rendered HTML (Jinja2) with htmx for partial updates, no JavaScript build step and
nothing fetched from elsewhere (htmx and the stylesheet are in `static/`, charts are drawn server-side).

`router` is mounted at `/` by `ramstein.interfaces.server.create_app`, with `STATIC` at `/static`.
Handlers are thin: parse the request, call the same services as the CLI and the API, render a template.
"""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter

from ramstein.interfaces.web import (
    account,
    coordination,
    downloads,
    industry,
    ledger,
    ledger_forms,
    nations,
    need_forms,
    overview,
    round_forms,
    sources,
    supply_forms,
)

STATIC = str(resources.files(__package__).joinpath("static"))
router = APIRouter(include_in_schema=False)  # pages, not the JSON API: not in its OpenAPI schema
for module in (
    overview,
    nations,
    ledger_forms,
    ledger,
    need_forms,
    supply_forms,
    round_forms,
    coordination,
    industry,
    sources,
    downloads,
    account,
):
    router.include_router(module.router)

__all__ = ["STATIC", "router"]
