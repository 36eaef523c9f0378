"""Who is asking, for the API and the pages: sessions, API tokens, CSRF, sign-in and out, the language.

- A browser signs in with a password (`log_in`) and gets a new session key in the `ramstein_session` cookie
  (Secure, HttpOnly, SameSite=Lax); an old session key sent with the sign-in is ended, so a key planted
  before sign-in is worth nothing (no session fixation).
- A machine sends `Authorization: Bearer <token>`; a token that is unknown, expired or revoked is refused
  with 401, never treated as anonymous.
- Unsafe page requests, and API requests authenticated by the session cookie, must carry the CSRF token:
  a form field `csrf_token` or the header `X-CSRF-Token`. Signed-in users have it in their session row;
  anonymous visitors (the sign-in form) get it in the `ramstein_csrf` cookie (double submit).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Hashable
from dataclasses import dataclass

from fastapi import Request, Response
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ramstein.bootstrap import App
from ramstein.domain.access import Actor
from ramstein.domain.accounts import LOCALES, Session, User
from ramstein.domain.errors import Forbidden, Unauthenticated
from ramstein.services import accounts
from ramstein.services.guard import Caller

SESSION_COOKIE = "ramstein_session"
CSRF_COOKIE = "ramstein_csrf"
LOCALE_COOKIE = "ramstein_locale"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True, slots=True)
class Identity:
    """What a request proved: its actor, and the session or token it proved it with."""

    actor: Actor
    user: User | None = None
    session: Session | None = None
    by_token: bool = False


class LoginRequired(Exception):
    """A page needs a signed-in user: the app answers with a redirect to /login?next=..."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


def container(request: Request) -> App:
    app: App = request.app.state.container
    return app


def origin(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def identity(request: Request) -> Identity:
    """The request's identity, found once and kept on `request.state`."""
    found: Identity | None = getattr(request.state, "identity", None)
    if found is None:
        found, _ = _identify(request, stamped=False)
        request.state.identity = found
    return found


def identity_and_stamp(request: Request) -> tuple[Identity, Hashable]:
    """The request's identity (kept on `request.state`) and the kept answers' data stamp, read in one statement
    (interfaces/answer_cache.py)."""
    found, stamp = _identify(request, stamped=True)
    request.state.identity = found
    return found, stamp if stamp is not None else container(request).request_reads().stamp()


def _identify(request: Request, *, stamped: bool) -> tuple[Identity, Hashable | None]:
    app = container(request)
    reads = app.request_reads()
    authorization = request.headers.get("authorization", "")
    if authorization:
        scheme, _, secret = authorization.partition(" ")
        actor, stamp = (
            accounts.request_token_actor(reads, secret.strip(), app.clock, stamped=stamped)
            if scheme.lower() == "bearer"
            else (None, None)
        )
        if actor is None:
            raise Unauthenticated(
                "the API token is unknown, expired or revoked",
                hint="send `Authorization: Bearer <token>` with a token from `ramstein users token add`.",
            )
        return Identity(actor, by_token=True), stamp
    key = request.cookies.get(SESSION_COOKIE)
    if not key:
        return Identity(Actor.public()), None
    found, stamp = accounts.request_session_user(reads, key, app.clock, stamped=stamped)
    if found is None:
        return Identity(Actor.public()), stamp
    user, session = found
    return Identity(user.actor(), user, session), stamp


def current_actor(request: Request) -> Actor:
    """Session cookie, else bearer token, else the anonymous public reader."""
    return identity(request).actor


def caller(request: Request) -> Caller:
    """The actor and the address it asks from, for the services (and their audit records)."""
    return Caller(current_actor(request), origin(request), getattr(request.state, "claim", None))


def require_user(request: Request) -> Actor:
    """A signed-in actor: 401 for the API, a redirect to the sign-in page for pages."""
    actor = current_actor(request)
    if actor.signed_in:
        return actor
    if request.url.path.startswith("/api/"):
        raise Unauthenticated("this needs a signed-in user or an API token", hint="send a bearer token.")
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    raise LoginRequired(target)


def csrf_token(request: Request) -> str:
    """The token that unsafe requests of this visitor must echo (a new anonymous one is set as a cookie)."""
    session = identity(request).session
    if session is not None:
        return session.csrf
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if token is None:
        token = secrets.token_urlsafe(32)
        request.state.new_csrf = token  # the app's middleware sets the cookie on the response
    return token


async def check_csrf(request: Request) -> None:
    """Dependency of every unsafe page route (and of API writes made with the session cookie)."""
    if request.method in SAFE_METHODS or identity(request).by_token:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and "form" in request.headers.get("content-type", ""):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    session = identity(request).session
    expected = session.csrf if session is not None else request.cookies.get(CSRF_COOKIE)
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        raise Forbidden(
            "the request's CSRF token is missing or wrong",
            hint="reload the page and submit the form again.",
            key="csrf",
        )


def log_in(request: Request, response: Response, username: str, password: str) -> Actor:
    """Check the password (throttled), end any session the browser had, start a new one (a new key)."""
    app = container(request)
    old = request.cookies.get(SESSION_COOKIE)
    user, key, session = accounts.sign_in(
        app.uow, app.hasher(), app.access_policy(), app.clock, name=username, password=password, origin=origin(request)
    )
    if old:
        accounts.sign_out(app.uow, old)
    lifetime = int((session.expires_at - session.created_at).total_seconds())
    response.set_cookie(
        SESSION_COOKIE, key, max_age=lifetime, path="/", secure=app.settings.cookie_secure, httponly=True,
        samesite="lax",
    )  # fmt: skip
    request.state.identity = Identity(user.actor(), user, session)
    return user.actor()


def log_out(request: Request, response: Response) -> None:
    key = request.cookies.get(SESSION_COOKIE)
    if key:
        accounts.sign_out(container(request).uow, key)
    response.delete_cookie(SESSION_COOKIE, path="/", secure=container(request).settings.cookie_secure, httponly=True)
    request.state.identity = Identity(Actor.public())


def user_locale(request: Request) -> str:
    """The user's stored choice, else the anonymous visitor's cookie, else Accept-Language, else "en"."""
    user = identity(request).user
    if user is not None and user.locale in LOCALES:
        return user.locale
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen in LOCALES:
        return chosen
    return _accepted(request.headers.get("accept-language", ""))


def set_user_locale(request: Request, response: Response, locale: str) -> None:
    """Store the choice with the user (signed in) or in a cookie (anonymous); raises InvalidInput if unknown."""
    app = container(request)
    if current_actor(request).signed_in:
        accounts.set_locale(app.uow, caller(request), app.clock, locale)
        request.state.identity = None
        identity(request)
    elif locale not in LOCALES:
        accounts.set_locale(app.uow, caller(request), app.clock, locale)  # raises the one error message
    response.set_cookie(LOCALE_COOKIE, locale, max_age=365 * 86400, path="/", samesite="lax")


def _accepted(header: str) -> str:
    """The first of our locales in an Accept-Language header, by its quality weight."""
    weighted: list[tuple[float, str]] = []
    for part in header.split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        language = tag.strip().lower().split("-")[0]
        if language in ("no", "nn"):
            language = "nb"  # Norwegian: we write Bokmål
        weighted.append((quality, language))
    for _, language in sorted(weighted, key=lambda w: -w[0]):
        if language in LOCALES:
            return language
    return "en"


class CsrfCookie:
    """ASGI middleware: set the anonymous CSRF cookie when `csrf_token` handed out a new token.

    Plain ASGI, not `app.middleware("http")`: Starlette's `BaseHTTPMiddleware` runs every request in a task
    group of its own and copies the answer through a stream, a cost paid on every request for a cookie that
    is set once per visitor."""

    def __init__(self, app: ASGIApp, secure: bool) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                token = scope.get("state", {}).get("new_csrf")
                if token and CSRF_COOKIE not in Request(scope).cookies:
                    cookie = Response()
                    cookie.set_cookie(CSRF_COOKIE, token, path="/", secure=self.secure, httponly=True, samesite="lax")
                    headers = MutableHeaders(scope=message)
                    for name, value in cookie.raw_headers:
                        if name == b"set-cookie":
                            headers.append("set-cookie", value.decode("latin-1"))
            await send(message)

        await self.app(scope, receive, send_with_cookie)
