"""An error's message in the reader's language: the CLI's and the API's English words come from the error
itself; a page looks its `key` up in the catalogues (`error.<key>`, `error.<key>.hint`) and fills in the
error's `params` written for the reader (dates in the locale, language codes as names). An error without a
translated message is shown as the command line says it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ramstein.domain.errors import RamsteinError
from ramstein.interfaces.web.formats import Formats
from ramstein.interfaces.web.i18n import PageMessages


@dataclass(frozen=True, slots=True)
class Said:
    message: str
    hint: str
    field: str = ""  # the form field the problem is about, when the error names one


def say(t: PageMessages, fmt: Formats, error: RamsteinError) -> Said:
    field = str(error.params.get("field", ""))
    key = f"error.{error.key}"
    if not error.key or not t.has(key):
        return Said(error.message, error.hint, field)
    params = {name: _written(fmt, name, value) for name, value in error.params.items()}
    hint = t(f"{key}.hint", **params) if t.has(f"{key}.hint") else ""
    return Said(t(key, **params), hint, field)


def _written(fmt: Formats, name: str, value: object) -> str:
    if isinstance(value, date):
        return fmt.day(value)
    if value is None:
        return "–"
    if name == "language":
        return fmt.language(str(value))
    return str(value)
