"""The JSON API under /api/v1: one thin router per resource, each calling the same services as the CLI."""

from __future__ import annotations

from fastapi import APIRouter

from ramstein.interfaces.api import account, ledger, nations, public, reports, requirements, rounds, sources, supply

router = APIRouter(prefix="/api/v1")
for resource in (nations, ledger, reports, requirements, supply, rounds, sources, public, account):
    router.include_router(resource.router)
