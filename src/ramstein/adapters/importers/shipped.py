"""Where the reference data shipped inside the package lives, so no other code hard-codes a path.

The files sit in `ramstein/data/` (see its SOURCES.md). Installed from a wheel or in editable mode the
package is on disk, so plain paths are returned; the readers take paths.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

KIEL_RELEASE = "release-29"


def data_dir() -> Path:
    return Path(str(files("ramstein").joinpath("data")))


def shipped_ecb() -> Path:
    """ECB euro reference rates, 1999-01-04 to 2026-04-13 (eurofxref-hist.csv, unchanged)."""
    return data_dir() / "ecb" / "eurofxref-hist.csv"


def shipped_gdp() -> Path:
    """World Bank GDP in current US$, 1960 to 2023, via datahub core/gdp (gdp.csv, unchanged)."""
    return data_dir() / "worldbank" / "gdp.csv"


def shipped_nations() -> tuple[Path, Path]:
    """The nations list and its memberships: (nations.csv, memberships.csv)."""
    folder = data_dir() / "nations"
    return folder / "nations.csv", folder / "memberships.csv"


def shipped_kiel_release_dir() -> Path:
    """The Kiel Ukraine Support Tracker files of the shipped release (data_explorer.csv, ...)."""
    return data_dir() / "kiel" / KIEL_RELEASE


def shipped_sources() -> Path:
    """SOURCES.md: origin, licence and caveats of every shipped file."""
    return data_dir() / "SOURCES.md"
