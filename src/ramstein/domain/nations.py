"""Nations, organisations and their memberships (NATO with accession date, EU, the contact group)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ramstein.domain.errors import NotFound
from ramstein.domain.money import Money

UKRAINE = "UKR"


class Body(StrEnum):
    NATO = "NATO"
    EU = "EU"
    UDCG = "UDCG"  # Ukraine Defense Contact Group ("Ramstein format")


@dataclass(frozen=True, slots=True)
class Membership:
    body: Body
    since: date | None  # None: date not established (the contact-group list)
    until: date | None = None
    approximate: bool = False
    note: str = ""

    def held_on(self, on: date) -> bool:
        started = self.since is None or self.since <= on
        return started and (self.until is None or on < self.until)


@dataclass(frozen=True, slots=True)
class Nation:
    """A donor or recipient. Countries use ISO 3166-1 alpha-3; organisations a short code (EU)."""

    code: str
    name: str
    currency: str | None
    is_country: bool = True
    memberships: tuple[Membership, ...] = ()

    def member_of(self, body: Body, on: date) -> bool:
        return any(m.body is body and m.held_on(on) for m in self.memberships)

    def membership(self, body: Body) -> Membership | None:
        return next((m for m in self.memberships if m.body is body), None)


class NationRegistry:
    def __init__(self, nations: Iterable[Nation]) -> None:
        self._by_code = {n.code: n for n in nations}

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Nation]:
        return iter(sorted(self._by_code.values(), key=lambda n: n.name))

    def get(self, code: str) -> Nation:
        nation = self._by_code.get(code.upper()) if isinstance(code, str) else None
        if nation is None:
            raise NotFound(
                f"unknown nation {code!r}",
                hint="use an ISO 3166-1 alpha-3 code such as DEU, USA or UKR, or EU for the EU institutions; "
                "`ramstein nations` lists them all.",
            )
        return nation

    def members(self, body: Body, on: date) -> list[Nation]:
        return [n for n in self if n.member_of(body, on)]


@dataclass(frozen=True, slots=True)
class GdpValue:
    """One nation's GDP in one year, in current prices (US dollars from the World Bank, euros from the Kiel
    tracker's own figures), with where the number came from."""

    nation: str
    year: int
    value: Money
    source: str
