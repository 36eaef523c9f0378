"""What every API route shares: the container, the caller, pagination, and the guard of writes
(CSRF when authenticated by the session cookie, Idempotency-Key claims and replays)."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, timedelta
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, BeforeValidator

from ramstein.bootstrap import App
from ramstein.domain.errors import Conflict, InvalidInput
from ramstein.interfaces.api.errors import Replay
from ramstein.interfaces.auth import caller, check_csrf, container, current_actor, require_user
from ramstein.interfaces.jsonable import to_jsonable
from ramstein.services.access_ports import IdempotencyClaim, StoredResponse
from ramstein.services.guard import Caller

T = TypeVar("T")
MAX_KEY = 200
MAX_LIMIT = 1000
# Longer than any write takes from its commit to its stored answer (a round's solve comes before its commit).
STALE_CLAIM = timedelta(seconds=60)
LOST_ANSWER_STATUS = 200

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    """Only YYYY-MM-DD: pydantic alone would also read a number as seconds since 1970 (found by fuzzing)."""
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("write the date as YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Container = Annotated[App, Depends(container)]
Asker = Annotated[Caller, Depends(caller)]


class Page(BaseModel, Generic[T]):
    """One page of a list: `items`, how many match in all (`total`), and the window asked for."""

    items: list[T]
    total: int
    limit: int
    offset: int


class Paging(BaseModel):
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="at most this many items")] = 100,
    offset: Annotated[int, Query(ge=0, le=10**9, description="skip this many items first")] = 0,
) -> Paging:
    return Paging(limit=limit, offset=offset)


Paged = Annotated[Paging, Depends(paging)]


async def writer(request: Request) -> Caller:
    """The caller of a write: signed in, CSRF-checked when it came with the session cookie, and with an
    idempotency claim (or a replay of the first answer) when it sent an Idempotency-Key."""
    require_user(request)
    await check_csrf(request)
    key = request.headers.get("idempotency-key")
    if key is not None:
        request.state.claim = await _claim(request, key)
    return caller(request)


Writer = Annotated[Caller, Depends(writer)]


async def _claim(request: Request, key: str) -> IdempotencyClaim:
    if not key or len(key) > MAX_KEY:
        raise InvalidInput(f"the Idempotency-Key must be 1 to {MAX_KEY} characters", hint="send a UUID, for example.")
    app = container(request)
    actor = current_actor(request).name
    content = await request.body()
    fingerprint = hashlib.sha256(b"\n".join([request.method.encode(), request.url.path.encode(), content])).hexdigest()
    with app.uow() as uow:
        found = uow.access.claimed(actor, key)
    if found is None:
        return IdempotencyClaim(actor, key, fingerprint, app.clock())
    claim, stored = found
    if claim.fingerprint != fingerprint:
        raise Conflict(
            f"the Idempotency-Key {key!r} was used for another request",
            hint="use a new key for a new request; repeat a request exactly to get its first answer again.",
        )
    if stored is None:
        stored = _resolve_stale(app, claim)
    raise Replay(stored.status, stored.body)


def _resolve_stale(app: App, claim: IdempotencyClaim) -> StoredResponse:
    """A claim without an answer: the write committed with it (the claim is only ever committed with its
    write), but the answer was not stored yet. Within STALE_CLAIM the first request may still be answering;
    after it, the server stopped between the commit and the answer, and the answer is lost for good. Rather
    than a 409 for ever, every retry from then on gets one stored answer: recorded, when, and how to see it."""
    age = app.clock() - claim.at
    if age < STALE_CLAIM:
        raise Conflict(f"the request with Idempotency-Key {claim.key!r} is still being answered",
                       hint="retry in a moment.")  # fmt: skip
    body = {
        "recorded": True,
        "claimed_at": claim.at.isoformat(),
        "message": "the request was recorded, but its answer was lost when the server stopped before sending it",
        "hint": "read the resource (for example the list it was added to) to see what was recorded; "
        "do not send it again with a new key.",
    }
    lost = StoredResponse(LOST_ANSWER_STATUS, json.dumps(body))
    with app.uow() as uow:
        uow.access.store_response(claim.actor, claim.key, lost)
        uow.commit()
    return lost


def created(request: Request, payload: Any, status: int = 201) -> JSONResponse:
    """The answer to a write; stored under the request's Idempotency-Key (if any) for replays."""
    content = json.dumps(to_jsonable(payload), ensure_ascii=False)
    claim: IdempotencyClaim | None = getattr(request.state, "claim", None)
    if claim is not None:
        with container(request).uow() as uow:
            uow.access.store_response(claim.actor, claim.key, StoredResponse(status, content))
            uow.commit()
    return JSONResponse(content=json.loads(content), status_code=status)
