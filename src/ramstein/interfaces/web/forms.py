"""What every write form of the pages shares: numbers typed the reader's way, problems beside their fields in
the reader's language, and a refusal or a failed rule shown on the form that asked, with nothing written.

The rules stay in the services: a form's text goes through the same parser as the CLI and file import, and
the write through the same use case, access guard and audit. This module only turns their answers into words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal
from fastapi.responses import RedirectResponse, Response

from ramstein.domain.errors import RamsteinError
from ramstein.domain.issues import DataIssue
from ramstein.interfaces.errors import http_status
from ramstein.interfaces.web.i18n import PageMessages
from ramstein.interfaces.web.page import Page
from ramstein.interfaces.web.problems import Said

FORM = "form"  # the key of problems that belong to no single field
T = TypeVar("T")
W = TypeVar("W")


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with a field, in the reader's language (`text`), and the parser's own words (`detail`,
    English, shown beside it with `lang="en"`: it names the value and what was expected)."""

    text: str
    detail: str = ""


@dataclass(slots=True)
class FormState:
    values: dict[str, str]
    errors: dict[str, Problem] = field(default_factory=dict)
    refusal: Said | None = None  # a refused or failed write: the service's message (the decision's reason)
    status: int = 200


def problems(issues: Iterable[DataIssue], fields: Iterable[str], t: PageMessages, form: str = "") -> dict[str, Problem]:
    """Each issue beside its field (the first per field, with the others' details appended); issues of no
    field of this form go to the summary. A form may word a field its own way (`invalid.<form>.<field>`)."""
    names, found = set(fields), dict[str, Problem]()
    for issue in issues:
        column = issue.column if issue.column in names else FORM
        own = f"invalid.{form}.{column}"
        text = t(own) if form and t.has(own) else t(f"invalid.{column}")
        if column in found:
            found[column] = Problem(found[column].text, f"{found[column].detail}; {issue.message}")
        else:
            found[column] = Problem(text, issue.message)
    return found


def failed(p: Page, state: FormState, error: RamsteinError) -> FormState:
    """The form again after the service refused or rejected the write: its message (for a refusal, the
    decision's reason) above the form in the reader's language, with the status the API gives the same error;
    nothing was written."""
    state.refusal = p.say(error)
    state.status = http_status(error)
    return state


def submitted(
    p: Page, state: FormState, parsed: T | list[DataIssue], *, columns: Iterable[str],
    draw: Callable[[Page, FormState], Response], write: Callable[[T], W], next_url: Callable[[W], str],
    form: str = "",
) -> Response:  # fmt: skip
    """A form's parse written: its problems beside their fields (422), or the write's refusal or failure above
    it (nothing written either way), or on to `next_url` of what was written."""
    if isinstance(parsed, list):  # the parser's problems, not a record
        state.errors, state.status = problems(parsed, columns, p.t, form), 422
        return draw(p, state)
    try:
        done = write(parsed)
    except RamsteinError as exc:
        return draw(p, failed(p, state, exc))
    return RedirectResponse(next_url(done), status_code=303)


def whole_number(text: str, locale: str) -> str:
    """A whole number as the reader may type it ("50.000" in Danish, "50,000" in English, "50 000" in
    Norwegian) in the plain digits the shared parser reads; anything else is passed on for it to refuse."""
    plain = text.strip()
    for separator in {get_group_symbol(locale), "\u00a0", "\u202f", " "}:
        plain = plain.replace(separator, "")
    return plain if plain.lstrip("-").isdigit() else text.strip()


def decimal_number(text: str, locale: str) -> str:
    """A decimal as the reader types it ("4.000,50" in Danish) as the shared parser reads it ("4000.50");
    a scale word ("2.5bn") or anything Babel cannot read is passed on unchanged."""
    plain = text.strip()
    if not plain:
        return plain
    try:
        return str(parse_decimal(plain.replace(" ", "\u00a0") if locale == "nb" else plain, locale, strict=True))
    except NumberFormatError:
        return plain


def kept(fields: Mapping[str, str]) -> dict[str, str]:
    return {name: value.strip() for name, value in fields.items()}
