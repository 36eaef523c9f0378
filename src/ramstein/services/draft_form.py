"""Text fields in, a draft's corrections (`Edits`) or a list of problems out: shared by `sources review`, the
review page and the API, so each says the same thing about the same input.

An empty field keeps what was read. Every field is checked, not just the first bad one; each problem names its
field, a message key for the pages' catalogues (`error.<key>`) and the English message the CLI and API print.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from ramstein.domain.errors import InvalidInput, RamsteinError
from ramstein.domain.extraction.drafts import Edits
from ramstein.domain.ledger import AidType
from ramstein.domain.money import check_currency, parse_amount

FIELDS = ("amount", "currency", "donor", "recipient", "on", "starts", "ends", "aid_type")
MAX_AMOUNT = Decimal("1e15")  # more than any state's yearly budget: a slip of the scale, not a pledge
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    key: str
    message: str
    params: dict[str, object] = dataclasses.field(default_factory=dict)


def parse_edits(fields: Mapping[str, str]) -> Edits | list[Problem]:
    """The corrections the fields give, or every problem with them."""
    problems: list[Problem] = []

    def read(name: str, parser: Callable[[str], T]) -> T | None:
        value = (fields.get(name) or "").strip()
        if not value:
            return None
        try:
            return parser(value)
        except (RamsteinError, ValueError) as error:
            message = error.message if isinstance(error, RamsteinError) else str(error)
            problems.append(Problem(name, f"draft.{name}", f"{name}: {message}", {"value": value[:40]}))
            return None

    edits = Edits(
        amount=read("amount", _amount),
        currency=read("currency", lambda v: check_currency(v.upper())),
        donor=read("donor", _nation),
        recipient=read("recipient", _nation),
        on=read("on", date.fromisoformat),
        starts=read("starts", date.fromisoformat),
        ends=read("ends", date.fromisoformat),
        aid_type=read("aid_type", AidType),
    )
    if edits.starts and edits.ends and edits.ends < edits.starts:
        problems.append(Problem("ends", "draft.term_order", "ends: the term ends before it starts"))
    return problems or edits


def raise_problems(problems: list[Problem]) -> None:
    """For the CLI and the API: one error naming every problem."""
    first = problems[0]
    raise InvalidInput(
        "; ".join(p.message for p in problems),
        hint="amounts as 2500000000 or 2.5bn, currencies as ISO codes (DKK), nations as ISO3 codes (DNK), "
        "dates as YYYY-MM-DD; aid types military, financial, humanitarian.",
        key=first.key,
        params={"field": first.field, **first.params},
    )


def _amount(text: str) -> Decimal:
    value = parse_amount(text)
    if not Decimal(0) < value < MAX_AMOUNT:
        raise ValueError(f"{text!r} is not a possible amount (more than zero, less than 10^15)")
    return value


def _nation(text: str) -> str:
    code = text.upper()
    if not (code.isascii() and code.isalpha() and 2 <= len(code) <= 3):
        raise ValueError(f"{text!r} is not a nation code (ISO 3166-1 alpha-3, e.g. DNK, or EU)")
    return code
