"""One scenario's industrial outlook as data: what the CLI tables, JSON and the HTML/PDF reports render."""

from __future__ import annotations

from dataclasses import dataclass

from ramstein.domain.industry.forecast import AreaForecast
from ramstein.domain.industry.model import ForecastModel
from ramstein.domain.industry.scenarios import Scenario
from ramstein.domain.industry.uncertainty import Simulation
from ramstein.reports.industry_floor import FloorForecast


@dataclass(frozen=True, slots=True)
class Outlook:
    """The model, its areas month by month, the floor when asked for, Monte Carlo bands when run."""

    scenario: Scenario
    model: ForecastModel
    areas: tuple[AreaForecast, ...]
    floor: FloorForecast | None = None
    simulation: Simulation | None = None
