"""/api/v1/me, /api/v1/tokens and /api/v1/audit: who am I, my API tokens, and (coordinators) the audit trail."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ramstein.domain.accounts import ApiToken, Scope
from ramstein.interfaces.api.deps import Asker, Container, Page, Paged, Writer, created
from ramstein.interfaces.api.schemas import ERRORS
from ramstein.interfaces.auth import require_user
from ramstein.interfaces.jsonable import to_jsonable
from ramstein.services import accounts, audit

router = APIRouter(tags=["account and audit"], responses=ERRORS)


class MeOut(BaseModel):
    name: str = Field(examples=["anna.berg"])
    role: str = Field(examples=["nation"])
    nation: str | None = Field(examples=["DNK"])
    read_only: bool


class TokenIn(BaseModel):
    scope: Scope = Scope.READ
    label: str = Field("", max_length=200, examples=["nightly import"])
    days: int | None = Field(
        None, strict=True, ge=1, le=3650, description="expire after this many days (default: never)"
    )


class TokenOut(BaseModel):
    id: str
    user: str
    scope: Scope
    label: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


def token_out(t: ApiToken) -> TokenOut:
    return TokenOut(id=t.id, user=t.user, scope=t.scope, label=t.label, created_at=t.created_at,
                    expires_at=t.expires_at, revoked_at=t.revoked_at)  # fmt: skip


@router.get("/me", response_model=MeOut, summary="Who the request acts as (the public without credentials)")
def me(asker: Asker) -> MeOut:
    a = asker.actor
    return MeOut(name=a.name, role=a.role.value, nation=a.nation, read_only=a.read_only)


@router.get("/tokens", response_model=list[TokenOut], summary="Your API tokens (never their secrets)")
def list_tokens(request: Request, app: Container, asker: Asker) -> list[TokenOut]:
    require_user(request)
    return [token_out(t) for t in accounts.tokens(app.uow, asker, app.clock, asker.actor.name)]


@router.post("/tokens", status_code=201, summary="Issue yourself a token; its secret is in this answer only")
def issue_token(body: TokenIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    expires = app.clock() + timedelta(days=body.days) if body.days else None
    token, secret = accounts.issue_token(app.uow, asker, app.clock, user=asker.actor.name, scope=body.scope,
                                         label=body.label, expires_at=expires)  # fmt: skip
    return created(request, {**token_out(token).model_dump(), "secret": secret})


@router.delete("/tokens/{token_id}", response_model=TokenOut, summary="Revoke a token")
def revoke_token(
    token_id: Annotated[str, Path(max_length=16)], request: Request, app: Container, asker: Writer
) -> TokenOut:
    return token_out(accounts.revoke_token(app.uow, asker, app.clock, token_id=token_id))


@router.get("/audit", response_model=Page[dict[str, Any]], summary="The audit trail, newest first (coordinators)")
def audit_trail(
    app: Container, asker: Asker, paged: Paged, actor: Annotated[str | None, Query(max_length=64)] = None
) -> dict[str, Any]:
    found, total = audit.records(app.uow, asker, app.clock, actor=actor, limit=paged.limit, offset=paged.offset)
    return {"items": to_jsonable(found), "total": total, "limit": paged.limit, "offset": paged.offset}
