"""What the review page shows of a draft: the fields as they stand (what was read, with corrections laid over
it and what was read beside each corrected one), its flags in words, and which actions the reader may take,
asked of the same policy that decides when the action is used."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ramstein.domain.access import Decision, Resource
from ramstein.domain.extraction.drafts import aid_type_of
from ramstein.domain.ledger import AidType
from ramstein.domain.money import Money, canonical_decimal
from ramstein.interfaces.web.formats import Formats
from ramstein.services.draft_form import FIELDS
from ramstein.services.sources import DraftView

if TYPE_CHECKING:
    from ramstein.interfaces.web.page import Page

_OTHER_DOCUMENT = re.compile(r"document #(\d+)")
_AMOUNT = r"(?P<{0}>[A-Z]{{3}}) (?P<{0}_amount>-?\d+(?:\.\d+)?)"
# The two flags whose details carry figures, as domain/extraction writes them (checks.conversion_flag,
# drafts._note): read back so a page can say them in the reader's language with the figures in its format.
_DETAILS = {
    "conversion-off": re.compile(
        rf"conversion off by (?P<gap>[+-]?\d+(?:\.\d+)?) %: {_AMOUNT.format('original')} is "
        rf"{_AMOUNT.format('expected')} at the ECB rate of (?P<on>\d{{4}}-\d\d-\d\d), the text says "
        rf"{_AMOUNT.format('stated')}$"
    ),
    "reported-differently": re.compile(
        rf"document #(?P<document>\d+) \((?P<title>.*), (?P<on>\d{{4}}-\d\d-\d\d)\) says {_AMOUNT.format('other')} "
        r'\(draft (?P<draft>\d+): "(?P<quote>.*)"\)$',
        re.DOTALL,
    ),
}


@dataclass(frozen=True, slots=True)
class Flag:
    code: str  # the flag's kind, translated as `flag.<code>` when the catalogue has it
    detail: str  # the reader's own words on it (English figures, as the CLI prints them)
    document: int | None = None  # the other document a "reported differently" flag names
    words: dict[str, str] = field(default_factory=dict)  # the detail's parts for `flag.<code>.detail`, if read


@dataclass(frozen=True, slots=True)
class DraftCard:
    view: DraftView
    fields: dict[str, object]  # as it stands: read, or corrected
    read: dict[str, str]  # as read, for the fields a correction changed, written for the reader
    flags: list[Flag]
    may_confirm: Decision
    may_edit: bool
    may_reject: bool
    values: dict[str, str]  # the correction form's fields
    errors: dict[str, str] = field(default_factory=dict)
    form: str = ""  # the form to show open: "edit" or "reject" (after a problem with it)
    problem: object = None  # a problem not tied to a field (`problems.Said`)
    done: bool = False  # the reader has just acted on it: say what happened

    @property
    def id(self) -> int:
        return self.view.draft.id or 0


def card(
    p: Page, view: DraftView, names: dict[str, str], *, values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None, form: str = "", problem: object = None, done: bool = False,
) -> DraftCard:  # fmt: skip
    f = view.draft.finding
    read: dict[str, object] = {
        "amount": f.amount, "currency": f.currency, "donor": f.donor, "recipient": f.recipient, "on": f.on,
        "starts": f.starts, "ends": f.ends, "aid_type": aid_type_of(f),
    }  # fmt: skip
    corrected = {k: v for k in FIELDS if (v := getattr(view.corrections, k)) is not None}
    fields = {**read, **corrected}
    donor, recipient = fields["donor"], fields["recipient"]
    target = Resource("ledger", nation=str(donor) if donor else None, partner=str(recipient))
    return DraftCard(
        view=view,
        fields={
            **fields,
            "donor_name": names.get(str(donor), str(donor or "")),
            "qualifier": f.qualifier,
            "kind": f.kind,
        },
        read={k: _shown(p, read[k]) for k in corrected if read[k] != corrected[k]},
        flags=[flag(text, Formats(p.f)) for text in f.flags],
        may_confirm=p.decision("ledger.record", target),
        may_edit=p.may("sources.edit"),
        may_reject=p.may("sources.reject"),
        values=values if values is not None else {k: _text(v) for k, v in fields.items()},
        errors=errors or {},
        form=form,
        problem=problem,
        done=done,
    )


def flag(text: str, fmt: Formats) -> Flag:
    """A flag as stored ("conversion-off:conversion off by +12.0 %: ...", "reported differently: document #2
    (...) says ...") split into its kind and its detail, and the detail's figures written for the reader."""
    if text.startswith("reported differently:"):
        code, detail = "reported-differently", text.partition(":")[2]
    elif text.startswith("conversion not checked"):
        code, detail = "conversion-unchecked", text.partition(":")[2]
    else:
        code, _, detail = text.partition(":")
    detail = detail.strip()
    other = _OTHER_DOCUMENT.search(detail) if code == "reported-differently" else None
    found = _DETAILS[code].match(detail) if code in _DETAILS else None
    return Flag(code, detail, int(other[1]) if other else None, _words(found.groupdict(), fmt) if found else {})


def _words(parts: dict[str, str], fmt: Formats) -> dict[str, str]:
    words = {name: value for name, value in parts.items() if not name.endswith("_amount")}
    for name in ("original", "expected", "stated", "other"):
        if name in parts:
            words[name] = fmt.money(Money(Decimal(parts[f"{name}_amount"]), parts[name]))
    if "gap" in parts:
        gap = Decimal(parts["gap"])
        words["gap"] = ("+" if gap > 0 else "") + fmt.share(gap / 100)
    words["on"] = fmt.day(date.fromisoformat(parts["on"]))
    return words


def segments(text: str, views: list[DraftView]) -> list[tuple[str, DraftView | None]]:
    """The document's text cut at each draft's span: (plain text, None) and (the quoted amount, its draft)."""
    cut: list[tuple[str, DraftView | None]] = []
    at = 0
    for view in sorted(views, key=lambda v: v.draft.finding.start):
        start, end = view.draft.finding.start, view.draft.finding.end
        if start < at or end > len(text):  # overlapping or outside the text: shown on its card only
            continue
        cut += [(text[at:start], None), (text[start:end], view)]
        at = end
    cut.append((text[at:], None))
    return [(part, view) for part, view in cut if part or view is not None]


def _shown(p: Page, value: object) -> str:
    """A value as read, in the reader's locale: amounts grouped, dates in words, a missing one as a dash."""
    fmt = Formats(p.f)
    if isinstance(value, Decimal):
        return fmt.decimal(value)
    if isinstance(value, date):
        return fmt.day(value)
    if isinstance(value, AidType):
        return p.t(f"aid.{value}")
    return "–" if value is None else str(value)


def _text(value: object) -> str:
    if isinstance(value, Decimal):
        return canonical_decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)
