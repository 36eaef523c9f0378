"""Kept answers: the bytes of a GET's 200 answer kept per server process and given again, without running its
handler, while nothing it was made from has changed (docs/web.md, "Kept answers").

A handler opts in with `keep(request)`, and may only when its answer is made from nothing but the ledger, the
markings, the reference datasets, shipped files (rule sets, templates, messages), the reader and today's
date. The key of a kept answer is everything else it depends on:

- the path and the query string, and the reader's language;
- the reader: its actor (name, role, nation, read-only token) and how it proved it (session, token, none), so
  an answer is never given to another reader, let alone another visibility class (a nation representative
  sees its own bilateral records, the public only what is marked public);
- the data stamp (`RequestReads.stamp`: the ledger's head, the newest marking, the newest dataset and how many)
  and today's date (pages default to this year and count to today).

The stamp is read before the handler runs, so a kept answer is never older than its key: a write that lands
meanwhile makes the answer newer, and the next request's stamp differs anyway. Any write, by this process or
another (another worker, the CLI), moves the stamp, so the next request builds afresh. Who the reader is comes
from its token or session on every request, so a revoked token or an ended session is refused as before.

A page carries its reader's CSRF token: it is kept as a placeholder and each answer gets the token of the
reader asking (a new anonymous one is set as a cookie, as when the page is drawn). Each answer carries an ETag;
a request whose If-None-Match names it gets 304 without a body.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ramstein.domain.errors import RamsteinError
from ramstein.interfaces.auth import CSRF_COOKIE, container, csrf_token, identity, identity_and_stamp, user_locale

CAPACITY = 256  # answers per process (pages are ~10-80 KB)
MAX_BYTES = 1 << 20  # a larger answer (a big XLSX or PDF report) is not kept
BUDGET_BYTES = 64 << 20  # all kept answers of a process together: the least recently used go first
_FLAG = "keep_answer"
_log = logging.getLogger(__name__)


def keep(request: Request) -> None:
    """Let this GET's 200 answer be kept (module doc: only for answers made from the stamped data)."""
    setattr(request.state, _FLAG, True)


@dataclass(frozen=True, slots=True)
class Kept:
    headers: tuple[tuple[bytes, bytes], ...]  # as the handler gave them, less content-length
    body: bytes  # the reader's CSRF token replaced by the placeholder
    etag: str  # of the body with the placeholder
    personal: bool  # whether the body held a CSRF token


class AnswerCache:
    """ASGI middleware: give kept answers (module doc), and keep the answers handlers let it keep."""

    def __init__(self, app: ASGIApp, capacity: int = CAPACITY, max_bytes: int = MAX_BYTES,
                 budget_bytes: int = BUDGET_BYTES) -> None:  # fmt: skip
        self.app = app
        self._capacity = capacity
        self._max_bytes = max_bytes
        self._budget = budget_bytes
        self._bytes = 0  # of the kept bodies
        self._kept: OrderedDict[Hashable, Kept] = OrderedDict()  # used from the event loop only
        self._making: dict[Hashable, asyncio.Event] = {}  # keys whose answer a handler is making now
        self._unkept: set[str] = set()  # paths whose last answer was not kept: their readers need not wait
        self._placeholder = f"csrf-{secrets.token_hex(16)}".encode()

    def __len__(self) -> int:
        return len(self._kept)

    def clear(self) -> None:
        self._kept.clear()
        self._bytes = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        key = self._key(request)
        if key is None:
            await self.app(scope, receive, send)
            return
        making = self._making.get(key)
        if making is not None and request.url.path not in self._unkept:
            await making.wait()  # after a write, many readers ask at once: one handler makes the answer
        kept = self._kept.get(key)
        if kept is not None:
            self._kept.move_to_end(key)
            await self._answer(request, kept, send)
            return
        if making is not None:  # not kept (an error, a refusal, a page that is never kept): answer it here
            await self.app(scope, receive, self._keeper(request, key, send))
            return
        self._making[key] = done = asyncio.Event()
        try:
            await self.app(scope, receive, self._keeper(request, key, send))
        finally:
            del self._making[key]
            done.set()

    def _key(self, request: Request) -> Hashable | None:
        """Everything a kept answer depends on besides the stamped data (module doc); None: do not keep."""
        app = container(request)
        try:
            who, stamp = identity_and_stamp(request)  # the identity is kept: the handler does not look it up again
        except RamsteinError:  # a refused token: the app answers it
            return None
        except Exception:  # the database did not answer: the app will say so, or manage without
            _log.exception("kept answers: the reader or the data stamp could not be read")
            return None
        reader = (who.actor, who.by_token, who.session is not None)
        return (request.url.path, request.scope["query_string"], user_locale(request), reader, stamp,
                app.clock().date())  # fmt: skip

    async def _answer(self, request: Request, kept: Kept, send: Send) -> None:
        body, etag = kept.body, kept.etag
        if kept.personal:
            token = csrf_token(request)  # the reader's, or a new one that the CSRF middleware sets as a cookie
            body = body.replace(self._placeholder, token.encode())
            etag = _personal_etag(etag, token)
        if etag in request.headers.get("if-none-match", ""):
            await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", etag.encode())]})
            await send({"type": "http.response.body", "body": b""})
            return
        headers = [*kept.headers, (b"content-length", str(len(body)).encode()), (b"etag", etag.encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _keeper(self, request: Request, key: Hashable, send: Send) -> Send:
        """A `send` that passes the answer on, and keeps it when the handler let it and it is a plain 200."""
        start: Message | None = None
        parts: list[bytes] = []

        async def keep_and_send(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if message["status"] == 200 and getattr(request.state, _FLAG, False) and _plain(message):
                    start = message  # held back until the whole body is here
                    self._unkept.discard(request.url.path)
                    return
                if len(self._unkept) >= self._capacity:
                    self._unkept.clear()
                self._unkept.add(request.url.path)
                await send(message)
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            parts.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(parts)
            etag = None
            if len(body) <= self._max_bytes:
                etag = self._store(request, key, start, body)
            headers = [*start["headers"], *([(b"etag", etag.encode())] if etag else [])]
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        return keep_and_send

    def _store(self, request: Request, key: Hashable, start: Message, body: bytes) -> str:
        token = _token_used(request)
        personal = bool(token) and token.encode() in body
        stored = body.replace(token.encode(), self._placeholder) if personal else body
        headers = tuple((k, v) for k, v in start["headers"] if k.lower() != b"content-length")
        kept = Kept(headers, stored, f'"{hashlib.sha256(stored).hexdigest()[:32]}"', personal)
        replaced = self._kept.pop(key, None)
        self._bytes += len(stored) - (len(replaced.body) if replaced else 0)
        self._kept[key] = kept
        while len(self._kept) > self._capacity or self._bytes > self._budget:
            self._bytes -= len(self._kept.popitem(last=False)[1].body)
        return _personal_etag(kept.etag, token) if personal else kept.etag


def _plain(start: Message) -> bool:
    """An answer that sets no cookie and is not already conditional: the same for every request of the key."""
    return not any(k.lower() in (b"set-cookie", b"etag") for k, _ in start["headers"])


def _token_used(request: Request) -> str:
    """The CSRF token a page drawn for this request carries (auth.csrf_token's choice), if one was chosen."""
    session = identity(request).session
    if session is not None:
        return session.csrf
    return request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None) or ""


def _personal_etag(etag: str, token: str) -> str:
    return f'{etag[:-1]}-{hashlib.sha256(token.encode()).hexdigest()[:8]}"'
