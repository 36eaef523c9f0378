"""An error's message in the reader's language: the CLI's and the API's English words come from the error
itself; a page looks its `key` up in the catalogues (`error.<key>`, `error.<key>.hint`) and fills in the
error's `params` written for the reader (dates in the locale, language codes as names; a refusal's action, role
and marking codes in words, from `access.<name>.<code>`). An error without a translated message is shown as the
command line says it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ramstein.domain.access import Decision, forbidden
from ramstein.domain.errors import RamsteinError
from ramstein.interfaces.web.formats import Formats
from ramstein.interfaces.web.i18n import PageMessages


@dataclass(frozen=True, slots=True)
class Said:
    message: str
    hint: str
    field: str = ""  # the form field the problem is about, when the error names one
    lang: str = ""  # "en" when said as the command line says it, not in the reader's language

    @property
    def sentences(self) -> str:
        """The message and its hint as one text (a form's refusal)."""
        hint = self.hint[:1].upper() + self.hint[1:]
        return f"{self.message}. {hint}" if hint else self.message


def say(t: PageMessages, fmt: Formats, error: RamsteinError) -> Said:
    field = str(error.params.get("field", ""))
    key = f"error.{error.key}"
    if not error.key or not t.has(key):
        return Said(error.message, error.hint, field, "en")
    params = {name: _written(t, fmt, name, value) for name, value in error.params.items()}
    hint = t(f"{key}.hint", **params) if t.has(f"{key}.hint") else ""
    return Said(t(key, **params), hint, field)


def refusal(t: PageMessages, fmt: Formats, decision: Decision) -> str:
    """Why the policy refuses, in the reader's language (as the command line says it when it has no kind)."""
    return say(t, fmt, forbidden(decision, decision.reason, "")).message


WORDS = frozenset({"action", "role", "marking"})  # a refusal's codes, said in words by the catalogues


def _written(t: PageMessages, fmt: Formats, name: str, value: object) -> str:
    if name in WORDS and t.has(f"access.{name}.{value}"):
        return t(f"access.{name}.{value}")
    if isinstance(value, date):
        return fmt.day(value)
    if value is None:
        return "–"
    if name == "language":
        return fmt.language(str(value))
    return str(value)
