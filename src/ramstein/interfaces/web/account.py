"""Log in, log out, and choose a language: thin pages over the auth helpers (interfaces/auth.py), which own
passwords, sessions, throttling and the stored language choice."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ramstein.domain.errors import RamsteinError
from ramstein.interfaces.auth import check_csrf, log_in, log_out, set_user_locale
from ramstein.interfaces.web.i18n import LANGUAGES
from ramstein.interfaces.web.page import PageDep, PageRoute

router = APIRouter(route_class=PageRoute)
Next = Annotated[str, Query(max_length=500)]


def safe_next(target: str) -> str:
    """Only a path on this site: `next=https://elsewhere` must not turn the login page into an open redirect."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login", response_class=HTMLResponse, name="login")
def login_form(p: PageDep, next: Next = "/") -> HTMLResponse:
    return p.render("login.html.j2", next=safe_next(next), error=None, username="")


@router.post("/login", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def login(
    p: PageDep,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    response = RedirectResponse(safe_next(next), status_code=303)
    try:
        log_in(p.request, response, username, password)
    except RamsteinError as exc:
        return p.render("login.html.j2", 401, next=safe_next(next), error=exc, username=username)
    return response


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(p: PageDep) -> Response:
    response = RedirectResponse("/", status_code=303)
    log_out(p.request, response)
    return response


@router.get("/language", response_class=HTMLResponse, name="language")
def language_form(p: PageDep, next: Next = "/") -> HTMLResponse:
    return p.render("language.html.j2", next=safe_next(next or p.request.headers.get("referer", "/")))


@router.post("/language", dependencies=[Depends(check_csrf)])
def language(
    p: PageDep,
    lang: Annotated[str, Form(max_length=5)] = "en",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    response = RedirectResponse(safe_next(next), status_code=303)
    if lang not in LANGUAGES:
        return p.render("language.html.j2", 422, next=safe_next(next))
    set_user_locale(p.request, response, lang)
    return response
