"""Kiel's own GDP figures as a second GDP dataset: the shipped release, and files that disagree with themselves."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from ramstein.adapters.importers import shipped_kiel_release_dir
from ramstein.adapters.importers.kiel_gdp import read_kiel_gdp
from ramstein.adapters.memory import MemoryStore
from ramstein.domain.money import money
from ramstein.domain.nations import GdpValue
from ramstein.domain.reference import DatasetKind
from ramstein.services import reference
from tests.builders import a_dataset

LOADED_AT = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
HEADER = '"country","iso","year","month","total","gdp"'


def read(path: Path, known: set[str] | None = None) -> tuple[list[GdpValue], object, list[object]]:
    values, info, issues = read_kiel_gdp(
        path, known or {"DNK", "DEU", "USA"}, release="release 29", loaded_at=LOADED_AT
    )
    return values, info, list(issues)


def test_the_shipped_release_gives_each_donors_2021_gdp_in_euro():
    known = {line.split(",")[1].strip('"') for line in (shipped_kiel_release_dir() / "data_explorer.csv").open()}
    values, info, issues = read_kiel_gdp(
        shipped_kiel_release_dir() / "data_explorer.csv", known, release="release 29", loaded_at=LOADED_AT
    )
    assert issues == []
    by_nation = {v.nation: v for v in values}
    assert len(values) == 41 and "EU" not in by_nation  # the EU institutions have no GDP (0 in the file)
    assert by_nation["DNK"].value == money("336.76308262323bn", "EUR")
    assert {v.year for v in values} == {2021}
    assert info.kind is DatasetKind.GDP_KIEL and info.rows == 41  # type: ignore[attr-defined]


def test_a_donor_whose_rows_disagree_rejects_the_file(tmp_path):
    path = tmp_path / "data_explorer.csv"
    path.write_text(f'{HEADER}\n"Denmark","DNK",2022,3,1,336.7\n"Denmark","DNK",2022,4,1,337.1\n')
    values, _, issues = read(path)
    assert values == []
    assert [(i.row, i.column) for i in issues] == [(3, "gdp")]  # type: ignore[attr-defined]
    assert "differs from 336.7" in issues[0].message  # type: ignore[attr-defined]


def test_a_file_without_the_gdp_column_says_what_was_expected(tmp_path):
    path = tmp_path / "data_explorer.csv"
    path.write_text('"country","iso"\n"Denmark","DNK"\n')
    values, _, issues = read(path)
    assert values == [] and "columns iso and gdp" in issues[0].message  # type: ignore[attr-defined]


def test_a_gdp_that_is_not_a_number_is_an_issue_with_its_row(tmp_path):
    path = tmp_path / "data_explorer.csv"
    path.write_text(f'{HEADER}\n"Denmark","DNK",2022,3,1,lots\n')
    _, _, issues = read(path)
    assert [(i.row, i.column) for i in issues] == [(2, "gdp")]  # type: ignore[attr-defined]


def test_both_gdp_sources_live_side_by_side_and_are_read_by_kind():
    factory = MemoryStore().unit_of_work
    world_bank = [GdpValue("DNK", 2021, money("400bn", "USD"), "wb")]
    kiel = [GdpValue("DNK", 2021, money("336.76bn", "EUR"), "kiel")]
    reference.install_gdp(factory, a_dataset(DatasetKind.GDP), world_bank)
    done = reference.install_gdp(factory, a_dataset(DatasetKind.GDP_KIEL), kiel)
    assert done.stored
    with factory() as uow:
        assert uow.reference.gdp() == world_bank
        assert uow.reference.gdp(kind=DatasetKind.GDP_KIEL) == kiel
        assert uow.reference.gdp(done.info.id, DatasetKind.GDP_KIEL)[0].value.amount == Decimal("336.76E9")
    again = reference.install_gdp(factory, a_dataset(DatasetKind.GDP_KIEL), kiel)
    assert not again.stored  # the same figures are not stored twice
