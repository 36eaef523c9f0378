"""Nations and their memberships: NATO by accession date, the EU, the contact group."""

from __future__ import annotations

from datetime import date

import pytest

from ramstein.domain.errors import NotFound
from ramstein.domain.nations import Body, Membership, Nation, NationRegistry

ACCESSION = date(2023, 4, 4)  # Finland joined NATO


def nation(code: str, name: str, *memberships: Membership, currency: str | None = "EUR") -> Nation:
    return Nation(code, name, currency, memberships=memberships)


@pytest.fixture(scope="module")
def registry() -> NationRegistry:
    return NationRegistry(
        [
            nation("DNK", "Denmark", Membership(Body.NATO, date(1949, 8, 24)), Membership(Body.EU, date(1973, 1, 1))),
            nation("FIN", "Finland", Membership(Body.NATO, ACCESSION), Membership(Body.EU, date(1995, 1, 1))),
            nation("SWE", "Sweden", Membership(Body.NATO, date(2024, 3, 7)), currency="SEK"),
            nation("GBR", "United Kingdom", Membership(Body.EU, date(1973, 1, 1), until=date(2020, 2, 1))),
            nation("UKR", "Ukraine", currency="UAH"),
            Nation("EU", "European Union institutions", "EUR", is_country=False),
        ]
    )


# --- Membership.held_on ---------------------------------------------------------------------------------------


def test_a_membership_is_held_from_its_first_day() -> None:
    finland = Membership(Body.NATO, ACCESSION)
    assert finland.held_on(ACCESSION)
    assert not finland.held_on(date(2023, 4, 3))


def test_a_membership_ends_the_day_before_until() -> None:
    uk_in_eu = Membership(Body.EU, date(1973, 1, 1), until=date(2020, 2, 1))
    assert uk_in_eu.held_on(date(2020, 1, 31))
    assert not uk_in_eu.held_on(date(2020, 2, 1))


def test_a_membership_without_a_known_start_is_held_on_any_day_before_it_ends() -> None:
    contact_group = Membership(Body.UDCG, None)
    assert contact_group.held_on(date(1900, 1, 1))
    assert contact_group.held_on(date(2030, 1, 1))
    assert not Membership(Body.UDCG, None, until=date(2025, 1, 1)).held_on(date(2025, 1, 1))


# --- the registry ---------------------------------------------------------------------------------------------


def test_a_nation_is_found_by_its_code_in_any_case(registry: NationRegistry) -> None:
    assert registry.get("FIN").name == "Finland"
    assert registry.get("fin").name == "Finland"
    assert "FIN" in registry
    assert "XXX" not in registry


@pytest.mark.parametrize("code", ["XXX", "", "FI"])
def test_an_unknown_nation_is_not_found_and_the_hint_names_the_listing_command(
    registry: NationRegistry, code: str
) -> None:
    with pytest.raises(NotFound, match="unknown nation") as caught:
        registry.get(code)
    assert "`ramstein nations`" in caught.value.hint


def test_the_registry_lists_nations_by_name(registry: NationRegistry) -> None:
    assert len(registry) == 6
    assert [n.code for n in registry] == ["DNK", "EU", "FIN", "SWE", "UKR", "GBR"]


def test_nato_members_on_a_date_respect_accession_dates(registry: NationRegistry) -> None:
    def nato_on(day: date) -> list[str]:
        return [n.code for n in registry.members(Body.NATO, day)]

    assert nato_on(date(2023, 4, 3)) == ["DNK"]
    assert nato_on(ACCESSION) == ["DNK", "FIN"]
    assert nato_on(date(2024, 3, 6)) == ["DNK", "FIN"]
    assert nato_on(date(2024, 3, 7)) == ["DNK", "FIN", "SWE"]


def test_eu_members_on_a_date_respect_leaving_dates(registry: NationRegistry) -> None:
    assert [n.code for n in registry.members(Body.EU, date(2020, 1, 31))] == ["DNK", "FIN", "GBR"]
    assert [n.code for n in registry.members(Body.EU, date(2020, 2, 1))] == ["DNK", "FIN"]


def test_a_nation_names_its_membership_of_a_body(registry: NationRegistry) -> None:
    finland = registry.get("FIN")
    assert finland.membership(Body.NATO) == Membership(Body.NATO, ACCESSION)
    assert registry.get("UKR").membership(Body.NATO) is None
    assert finland.member_of(Body.EU, date(2024, 1, 1))
    assert not finland.member_of(Body.UDCG, date(2024, 1, 1))
