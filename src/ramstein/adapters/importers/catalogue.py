"""The item catalogue and the illustrative data set shipped in data/coordination/, read into domain objects.

A bad shipped file is a packaging error, so it raises `RejectedImport` with every problem found, rather
than loading half a catalogue.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from ramstein.adapters.importers.shipped import data_dir
from ramstein.domain.coordination.catalogue import Catalogue, CatalogueItem, ItemKind, Package, PackagePart
from ramstein.domain.coordination.offers import Course, DonorOffer, Origin
from ramstein.domain.coordination.requirements import Requirement
from ramstein.domain.coordination.restrictions import Action, RestrictionChange
from ramstein.domain.errors import RamsteinError, RejectedImport
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import Capability
from ramstein.domain.money import money
from ramstein.services.coordination_setup import IllustrativeSet


def coordination_dir() -> Path:
    return data_dir() / "coordination"


class ShippedCatalogue:
    """The `CatalogueSource` of the package: data/coordination/catalogue.csv and packages.csv."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder or coordination_dir()
        self._loaded: Catalogue | None = None

    def load(self) -> Catalogue:
        if self._loaded is None:
            self._loaded = read_catalogue(self._folder)
        return self._loaded


def _records(path: Path) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return [(number, row) for number, row in enumerate(reader, start=2)]


def read_catalogue(folder: Path) -> Catalogue:
    issues: list[DataIssue] = []
    items: list[CatalogueItem] = []
    parts: dict[str, list[PackagePart]] = {}
    for number, row in _records(folder / "catalogue.csv"):
        try:
            fires = tuple(p for p in row["fires_from"].split(";") if p)
            items.append(CatalogueItem(row["code"], row["name"], row["family"], Capability(row["capability"]),
                                       ItemKind(row["kind"]), fires))  # fmt: skip
        except (ValueError, KeyError, RamsteinError) as exc:
            issues.append(DataIssue("catalogue.csv", number, "", str(exc)))
    for number, row in _records(folder / "packages.csv"):
        if not row.get("per_platform", "").isdigit():
            issues.append(DataIssue("packages.csv", number, "per_platform", "not a whole number"))
            continue
        parts.setdefault(row["platform"], []).append(PackagePart(row["part"], int(row["per_platform"])))
    if issues:
        raise RejectedImport("the item catalogue cannot be read", issues, hint="reinstall ramstein.")
    try:
        return Catalogue(items, [Package(p, tuple(found)) for p, found in parts.items()])
    except RamsteinError as exc:
        raise RejectedImport("the item catalogue cannot be read", [DataIssue("packages.csv", 0, "", str(exc))]) from exc


def read_illustrative(today: date, path: Path | None = None) -> IllustrativeSet:
    """The INVENTED illustrative data set, its relative dates counted from `today`."""
    data: dict[str, Any] = yaml.safe_load((path or coordination_dir() / "illustrative.yaml").read_text("utf-8"))
    source = data["source"]
    note = f"{data['notice']}; {source}"

    def on(days: int) -> date:
        return today + timedelta(days=days)

    requirements = [_requirement(r, on(r["needed_in_days"]), note) for r in data["requirements"]]
    packages = [(_requirement({**p, "item": p["platform"], "quantity": p["count"]}, on(p["needed_in_days"]), note),
                 p["count"]) for p in data["packages"]]  # fmt: skip
    offers = [
        DonorOffer("", o["donor"], o["item"], o["quantity"], on(o["available_in_days"]), Origin(o["origin"]),
                   money(o["unit_value"], o["currency"]), note=note)
        for o in data["offers"]
    ]  # fmt: skip
    courses = [
        Course("", c["host"], c["course_type"], c["seats"], on(c["starts_in_days"]), on(c["ends_in_days"]),
               c["language"], c["prerequisites"], money(c["seat_value"], c["currency"]) if "seat_value" in c else None)
        for c in data["courses"]
    ]  # fmt: skip
    restrictions = [
        RestrictionChange(r["donor"], r["use"], Action(r["action"]), r["date"], r["scope"], source)
        for r in data["restrictions"]
    ]
    return IllustrativeSet(data["notice"], source, requirements, packages, offers, courses, restrictions)


def _requirement(fields: dict[str, Any], needed_by: date, note: str) -> Requirement:
    # the capability is filled in from the catalogue by the setup service
    return Requirement("", Capability.AMMUNITION, fields["item"], fields["quantity"], fields["priority"], needed_by,
                       fields.get("intended_use"), note=note)  # fmt: skip
