"""Scenario files (YAML): the shipped data/industry/scenarios.yaml or a user's own, read into domain scenarios.
A bad file is rejected whole, each problem named by its scenario's position and field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from ramstein.adapters.importers.shipped import data_dir
from ramstein.domain.errors import NotFound, RamsteinError, RejectedImport
from ramstein.domain.industry.scenarios import (
    Change,
    DonorStops,
    FloorChange,
    PriceRise,
    RampSpeed,
    RestrictionLifted,
    Scenario,
    When,
)
from ramstein.domain.industry.uncertainty import Uncertainty
from ramstein.domain.issues import DataIssue
from ramstein.domain.money import parse_amount


def shipped_scenarios() -> Path:
    return data_dir() / "industry" / "scenarios.yaml"


def read_scenarios(path: Path | None = None) -> list[Scenario]:
    source = path or shipped_scenarios()
    if not source.is_file():
        raise NotFound(
            f"no scenario file {source}", hint="give the path of a YAML file like data/industry/scenarios.yaml."
        )
    try:
        data = yaml.safe_load(source.read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        raise RejectedImport(f"{source} is not valid YAML", [DataIssue(str(source), 0, "", str(exc))]) from None
    found, issues = [], []
    for row, raw in enumerate(data.get("scenarios") or [], start=1):
        try:
            found.append(_scenario(raw))
        except (RamsteinError, KeyError, TypeError, ValueError, InvalidOperation) as exc:
            issues.append(DataIssue(str(source), row, "scenarios", f"scenario {raw.get('name', row)!r}: {_say(exc)}"))
    if issues:
        raise RejectedImport(f"{source} was rejected: {len(issues)} problem(s)", issues,
                             hint="correct the scenarios listed (see data/industry/scenarios.yaml).")  # fmt: skip
    return found


def _say(exc: Exception) -> str:
    return f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)


def _scenario(raw: dict[str, Any]) -> Scenario:
    changes = tuple(_change(c) for c in raw.get("changes") or [])
    spread = raw.get("uncertainty")
    uncertainty = Uncertainty(**{k: float(v) for k, v in spread.items()}) if spread else None
    return Scenario(str(raw["name"]), str(raw.get("title", raw["name"])), changes, uncertainty)


def _when(raw: dict[str, Any]) -> When:
    on = raw.get("on")
    if on is not None and not isinstance(on, date):
        on = date.fromisoformat(str(on))
    return When(on, int(raw.get("after_months", 0)) if on is None else None)


READERS: dict[str, Callable[[dict[str, Any]], Change]] = {
    "donor_stops": lambda r: DonorStops(str(r["donor_stops"]), _when(r)),
    "floor": lambda r: FloorChange(parse_amount(str(r["floor"]))),
    "ramp_speed": lambda r: RampSpeed(float(r["ramp_speed"]), str(r.get("line", "*"))),
    "restriction_lifted": lambda r: RestrictionLifted(
        str(r["restriction_lifted"]), str(r["use"]), _when(r), str(r.get("scope", "*"))
    ),
    "price_rise": lambda r: PriceRise(Decimal(str(r["price_rise"])), str(r.get("scope", "*"))),
}


def _change(raw: dict[str, Any]) -> Change:
    kinds = [k for k in READERS if k in raw]
    if len(kinds) != 1:
        raise ValueError(f"a change names exactly one of {', '.join(READERS)}; this one: {sorted(raw)}")
    return READERS[kinds[0]](raw)
