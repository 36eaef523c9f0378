"""A limit on the size of request bodies, as plain ASGI middleware in front of the whole app.

A body larger than the limit is refused with 413 and the API's one error shape before any route reads it:
at once when Content-Length says so, else as soon as the bytes received pass the limit (chunked uploads).
The web server keeps its own limits on the request line and headers (uvicorn/h11: 16 KiB).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ramstein.interfaces.api.errors import too_large

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_MAX_BODY_BYTES = 1024 * 1024


class BodySizeLimit:
    """`app.add_middleware(BodySizeLimit, max_bytes=...)`: refuse request bodies over `max_bytes` with 413.

    The body is read here, up to the limit, and handed on whole: a route never sees part of one. (Raising
    from inside the route's read would not do: FastAPI turns any error while parsing a body into a 400.)
    """

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        first = await _read_body(receive, self.max_bytes)
        if first is None:
            await self._refuse(scope, receive, send)
            return
        pending = [first]

        async def replay() -> Message:
            return pending.pop() if pending else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        await too_large(self.max_bytes)(scope, receive, send)


async def _read_body(receive: Receive, limit: int) -> Message | None:
    """The whole body as one message (or the disconnect that cut it short); None past `limit` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return message
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
