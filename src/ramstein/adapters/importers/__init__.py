"""Readers that turn reference files (ECB rates, World Bank GDP, the nations list) into domain objects.

Each returns what it read, the dataset's provenance and a list of `DataIssue`s; it never raises for bad
input, and returns nothing to load whenever an issue is found. `shipped` locates the packaged copies.
"""

from __future__ import annotations

from ramstein.adapters.importers.ecb import read_ecb_rates
from ramstein.adapters.importers.nations import read_nations
from ramstein.adapters.importers.shipped import (
    shipped_ecb,
    shipped_gdp,
    shipped_kiel_release_dir,
    shipped_nations,
    shipped_sources,
)
from ramstein.adapters.importers.worldbank import read_gdp

__all__ = [
    "read_ecb_rates",
    "read_gdp",
    "read_nations",
    "shipped_ecb",
    "shipped_gdp",
    "shipped_kiel_release_dir",
    "shipped_nations",
    "shipped_sources",
]
