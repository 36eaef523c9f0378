"""The INVENTED illustrative industrial data set shipped in data/industry/, read into domain objects."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from ramstein.adapters.importers.shipped import data_dir
from ramstein.domain.industry.months import add_months, first_of
from ramstein.domain.industry.production import Contract, ProductionLine, Purpose, Ramp
from ramstein.domain.industry.stocks import Donation, Replenishment, StockCount
from ramstein.domain.money import money
from ramstein.services.industry_setup import IndustrySet


def industry_dir() -> Path:
    return data_dir() / "industry"


def read_illustrative(today: date, path: Path | None = None) -> IndustrySet:
    """The set, its months counted from `today`'s month and its days from `today`."""
    data: dict[str, Any] = yaml.safe_load((path or industry_dir() / "illustrative.yaml").read_text("utf-8"))
    start = first_of(today)
    note = f"{data['notice']}; {data['source']}"

    def month(n: int) -> date:
        return add_months(start, n)

    counts = [StockCount(s["donor"], s["item"], s["quantity"], s["minimum"], start, note) for s in data["stocks"]]
    donations = [
        Donation("", d["donor"], d["item"], d["quantity"], today + timedelta(days=d["in_days"]), note)
        for d in data["donations"]
    ]
    lines = [
        ProductionLine("", x["producer"], x["nation"], x["item"], x["peacetime_rate"], month(x["since_months"]), note)
        for x in data["lines"]
    ]
    ramps = [
        (r["line"], Ramp("", month(r["starts_months"]), r["months"], r["surge_rate"],
                         money(r["investment"], r["currency"]), note))
        for r in data["ramps"]
    ]  # fmt: skip
    contracts = [
        (c["line"], Contract("", "", c["buyer"], Purpose(c["purpose"]), c["quantity"], month(c["signed_months"]),
                             month(c["due_months"]), money(c["unit_price"], c["currency"]), note=note))
        for c in data["contracts"]
    ]  # fmt: skip
    plans = [
        (p["donation"], p.get("contract", 0), Replenishment("", "", "", p["quantity"], month(p["expected_months"]),
                                                            p["producer"], note=note))
        for p in data["replenishments"]
    ]  # fmt: skip
    by_position = {i + 1: d for i, d in enumerate(donations)}
    plans = [(d, k, _of(plan, by_position[d])) for d, k, plan in plans]
    return IndustrySet(data["notice"], counts, donations, lines, ramps, contracts, plans)


def _of(plan: Replenishment, donation: Donation) -> Replenishment:
    return Replenishment(plan.id, donation.donor, donation.item, plan.quantity, plan.expected_on, plan.producer,
                         note=plan.note)  # fmt: skip
