"""The reference data shipped in the package: present, unchanged where it claims to be, and right.

The seed figures are the ones the fair-share discussion starts from (USD 100 bn is about DKK 690 bn;
the EUR 100 bn fund and the EUR 40 bn floor in DKK), computed with the shipped ECB rates.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from ramstein.adapters.importers import (
    read_ecb_rates,
    read_gdp,
    read_nations,
    shipped_ecb,
    shipped_gdp,
    shipped_kiel_release_dir,
    shipped_nations,
    shipped_sources,
)
from ramstein.adapters.importers.shipped import data_dir
from ramstein.domain.errors import RateUnavailable
from ramstein.domain.fx import RateTable, convert, convert_average
from ramstein.domain.money import Money, money
from ramstein.domain.nations import GdpValue

LOADED_AT = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
BN = Decimal(10) ** 9
KIEL_FILES = (
    "data_explorer.csv",
    "total_allocations.csv",
    "release_info.csv",
    "eu_aid_shares.csv",
    "weapons.csv",
    "procurement_trends.csv",
)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rates() -> RateTable:
    table, _, issues = read_ecb_rates(shipped_ecb(), loaded_at=LOADED_AT)
    assert table is not None, issues
    return table


@pytest.fixture(scope="module")
def kiel_gdp() -> dict[str, Decimal]:
    """Each donor's 2021 GDP in EUR bn, as Kiel's data explorer gives it."""
    with (shipped_kiel_release_dir() / "data_explorer.csv").open(encoding="utf-8") as handle:
        return {row["iso"]: Decimal(row["gdp"]) for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def gdp() -> dict[tuple[str, int], GdpValue]:
    nations, _, _ = read_nations(*shipped_nations(), loaded_at=LOADED_AT)
    values, _, issues = read_gdp(shipped_gdp(), {n.code for n in nations}, loaded_at=LOADED_AT)
    assert issues == []
    return {(v.nation, v.year): v for v in values}


def in_bn(amount: Money) -> Decimal:
    return amount.amount / BN


class TestShippedFiles:
    def test_every_file_is_in_place(self) -> None:
        for path in (shipped_ecb(), shipped_gdp(), *shipped_nations(), shipped_sources()):
            assert path.is_file(), path
        assert {p.name for p in shipped_kiel_release_dir().iterdir()} >= set(KIEL_FILES)

    def test_unchanged_copies_match_the_checksums_in_sources(self) -> None:
        listed = dict(re.findall(r"^\| `([^`]+)` \| `([0-9a-f]{64})` \|$", shipped_sources().read_text(), re.M))
        assert len(listed) == 2 + len(KIEL_FILES)
        for relative, digest in listed.items():
            assert hashlib.sha256((data_dir() / relative).read_bytes()).hexdigest() == digest, relative

    def test_sources_names_every_shipped_file(self) -> None:
        sources = shipped_sources().read_text()
        for path in data_dir().rglob("*.csv"):
            assert f"`{path.name}`" in sources or f"`{path.relative_to(data_dir())}`" in sources, path

    def test_kiel_release_is_29(self) -> None:
        with (shipped_kiel_release_dir() / "release_info.csv").open(encoding="utf-8") as handle:
            info = next(csv.DictReader(handle))
        assert (info["release"], info["period"]) == ("29", "04/2026")

    def test_derived_files_are_reproducible(self) -> None:
        shared = REPO.parent / "shared" / "data"
        if not shared.is_dir():
            pytest.skip(f"the provenance copies are not beside the repository ({shared})")
        spec = importlib.util.spec_from_file_location(
            "build_reference_data", REPO / "scripts" / "build_reference_data.py"
        )
        assert spec is not None and spec.loader is not None
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        assert script.main(["--check", "--shared", str(shared)]) == 0


class TestSeedFigures:
    """Order-of-magnitude figures a reader can check by hand, from the shipped ECB rates."""

    SPRING_2024 = date(2024, 4, 2)

    def test_usd_100_bn_is_about_dkk_690_bn_in_april_2024(self, rates: RateTable) -> None:
        result = convert(money("100bn", "USD"), "DKK", on=self.SPRING_2024, rates=rates).result
        assert result.currency == "DKK"
        assert abs(in_bn(result) - 690) / 690 < Decimal("0.015")

    def test_the_eur_100_bn_fund_in_dkk(self, rates: RateTable) -> None:
        result = convert(money("100bn", "EUR"), "DKK", on=self.SPRING_2024, rates=rates).result
        assert abs(in_bn(result) - 746) <= Decimal("0.5")

    def test_the_eur_40_bn_floor_in_dkk(self, rates: RateTable) -> None:
        result = convert(money("40bn", "EUR"), "DKK", on=self.SPRING_2024, rates=rates).result
        assert abs(in_bn(result) - 298) <= Decimal("0.5")

    def test_no_rouble_rate_after_the_ecb_suspended_it(self, rates: RateTable) -> None:
        convert(money("1m", "RUB"), "EUR", on=date(2022, 3, 1), rates=rates)  # the last fixing
        with pytest.raises(RateUnavailable, match="stopped publishing RUB"):
            convert(money("1m", "RUB"), "EUR", on=date(2022, 3, 15), rates=rates)

    def test_no_lev_rate_once_bulgaria_has_the_euro(self, rates: RateTable) -> None:
        with pytest.raises(RateUnavailable, match="BGN"):
            convert(money("1m", "BGN"), "EUR", on=date(2026, 2, 2), rates=rates)

    def test_a_sunday_uses_fridays_rate_and_says_so(self, rates: RateTable) -> None:
        conversion = convert(money("1m", "USD"), "DKK", on=date(2024, 4, 7), rates=rates)
        assert {q.published for q in conversion.quotes} == {date(2024, 4, 5)}
        assert conversion.explain() == "ECB rate of 2024-04-05 (last published on or before 2024-04-07)"


class TestKielGdpAgreement:
    """Kiel's 2021 GDP in EUR is national GDP divided by the ECB's 2021 average rate; ours must agree."""

    @pytest.mark.parametrize(
        ("nation", "tolerance"),
        [
            ("DEU", Decimal("0.01")),
            # This World Bank vintage revised US 2021 GDP up by about 1.2% since Kiel took its figure.
            ("USA", Decimal("0.015")),
        ],
    )
    def test_2021_gdp_in_eur(
        self,
        rates: RateTable,
        gdp: dict[tuple[str, int], GdpValue],
        kiel_gdp: dict[str, Decimal],
        nation: str,
        tolerance: Decimal,
    ) -> None:
        conversion = convert_average(
            gdp[(nation, 2021)].value, "EUR", start=date(2021, 1, 1), end=date(2021, 12, 31), rates=rates
        )
        ours, theirs = in_bn(conversion.result), kiel_gdp[nation]
        assert abs(ours - theirs) / theirs < tolerance, (ours, theirs)
        assert conversion.explain() == "average of ECB daily rates 2021-01-01 to 2021-12-31"

    def test_kiel_values_are_the_documented_ones(self, kiel_gdp: dict[str, Decimal]) -> None:
        assert round(kiel_gdp["DEU"], 3) == Decimal("3601.750")
        assert round(kiel_gdp["USA"], 3) == Decimal("19712.764")
