"""The reader with its real vocabulary: CLDR names through Babel, compiled once per language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from ramstein.adapters.extraction_lexicon import BabelLexicons
from ramstein.bootstrap import shipped_rates
from ramstein.domain.extraction.reading import Finding, read_text
from ramstein.domain.fx import RateTable


@pytest.fixture(scope="session")
def lexicons() -> BabelLexicons:
    return BabelLexicons()


@pytest.fixture(scope="session")
def rates() -> RateTable:
    return shipped_rates()


@pytest.fixture(scope="session")
def read(lexicons: BabelLexicons, rates: RateTable) -> Callable[..., list[Finding]]:
    def read_(text: str, lang: str, on: date = date(2024, 4, 2), table: RateTable | None = None) -> list[Finding]:
        return list(read_text(text, lexicons.for_language(lang), on, table or rates).findings)

    return read_
