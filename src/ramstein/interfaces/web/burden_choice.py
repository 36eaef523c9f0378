"""Which fair-share report a page shows: a shipped rule set (never a path: the web reads no user's files),
a year or a range of years, optionally a half. Parsed from the query string; defaults to this year so far
under the Washington 2024 pledge, so that an entry recorded today shows at once."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

from fastapi import Depends, Query

from ramstein.domain.errors import InvalidInput
from ramstein.domain.ledger import LedgerEntry
from ramstein.domain.rules import report_period
from ramstein.interfaces.web.page import Page
from ramstein.reports.burden import BurdenReport
from ramstein.services import burden, report_access

DEFAULT_RULES = "washington-2024"


@dataclass(frozen=True, slots=True)
class Choice:
    rules: str
    period: str
    half: str

    def params(self) -> dict[str, str]:
        return {"rules": self.rules, "period": self.period, "half": self.half}


def choice(
    rules: Annotated[str, Query(max_length=60)] = DEFAULT_RULES,
    period: Annotated[str, Query(max_length=9)] = "",
    half: Annotated[str, Query(max_length=2)] = "",
) -> Choice:
    return Choice(rules, period, half.upper())


ChoiceDep = Annotated[Choice, Depends(choice)]


def request(page: Page, chosen: Choice) -> burden.BurdenRequest:
    sets = page.app.rule_sets()
    if chosen.rules not in sets.names():
        raise InvalidInput(f"unknown rule set {chosen.rules!r}", hint=f"choose one of: {', '.join(sets.names())}.")
    rules = sets.load(chosen.rules)
    spec = chosen.period or str(page.app.clock().year)
    # The key's GDP year may not be published yet for the latest years: each ally's latest year stands in,
    # and the report says so in its notes.
    return burden.BurdenRequest(rules, report_period(rules, spec, chosen.half or None), gdp_fallback=True)


def report(page: Page, asked: burden.BurdenRequest) -> BurdenReport:
    """The report this reader may see: the whole ledger's, or the public's (report_access decides)."""
    return report_access.burden_report(page.reports, page.caller, asked)


def yearly(page: Page, asked: burden.BurdenRequest) -> list[BurdenReport]:
    return report_access.yearly_reports(page.reports, page.caller, asked)


def explain(page: Page, asked: burden.BurdenRequest, nation: str) -> list[tuple[LedgerEntry, Decimal]]:
    return report_access.explain(page.reports, page.caller, asked, nation)


def years(page: Page) -> list[str]:
    """The periods offered in the selector: every calendar year of the history, newest first."""
    return [str(y) for y in range(page.app.clock().year, 2021, -1)]
