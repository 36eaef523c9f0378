"""The interchange CSV readers: good files become needs, offers and locks; a bad file is rejected whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ramstein.adapters.importers.allocation_csv import read_locks, read_needs, read_offers
from ramstein.domain.allocation import Lock, Need, Offer
from ramstein.domain.errors import RejectedImport


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "file.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_needs_offers_and_locks_are_read_with_their_optional_columns(tmp_path: Path):
    needs = write(
        tmp_path, "id,item,quantity,priority,needed_by,intended_use,group\nn1,155mm,10,5,2025-01-01,strike,art\n"
    )
    assert read_needs(needs) == (Need("n1", "155mm", 10, 5, date(2025, 1, 1), "strike", "art"),)
    offers = write(tmp_path, "item,id,donor,quantity,available_on,forbidden_uses\n155mm,o1,DEU,4,2025-02-01,a; b\n")
    assert read_offers(offers) == (Offer("o1", "DEU", "155mm", 4, date(2025, 2, 1), frozenset({"a", "b"})),)
    assert read_locks(write(tmp_path, "offer,need,quantity\no1,n1,3\n")) == (Lock("o1", "n1", 3),)


def test_every_bad_row_is_listed_and_the_file_rejected_whole(tmp_path: Path):
    text = (
        "id,item,quantity,priority,needed_by\n"
        "n1,155mm,-5,3,2025-01-01\n"
        "n2,155mm,5,6,2025-01-01\n"
        "n3,155mm,5,3,01/02/2025\n"
        "n1,155mm,5,3,2025-01-01\n"
        "n5,155mm,five,3,2025-01-01\n"
    )
    with pytest.raises(RejectedImport) as caught:
        read_needs(write(tmp_path, text))
    found = {(i.row, i.column) for i in caught.value.issues}
    assert found == {(2, "quantity"), (3, "priority"), (4, "needed_by"), (5, "id"), (6, "quantity")}


def test_an_unknown_or_missing_column_rejects_the_file(tmp_path: Path):
    with pytest.raises(RejectedImport) as caught:
        read_offers(write(tmp_path, "id,donor,item,quantity,colour\no1,DEU,155mm,4,red\n"))
    messages = " ".join(i.message for i in caught.value.issues)
    assert "unknown column(s) colour" in messages
    assert "missing required column(s) available_on" in messages


def test_a_missing_file_is_a_rejection_not_a_crash(tmp_path: Path):
    with pytest.raises(RejectedImport, match="rejected"):
        read_locks(tmp_path / "nowhere.csv")
