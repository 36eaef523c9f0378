"""The JSON API under /api/v1: one thin router per resource, each calling the same services as the CLI."""

from __future__ import annotations

from fastapi import APIRouter

from ramstein.interfaces.api import ledger, nations

router = APIRouter(prefix="/api/v1")
for resource in (nations, ledger):
    router.include_router(resource.router)
