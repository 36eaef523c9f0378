"""The one entry point: render(report, fmt, lang) -> bytes, with clear errors and the same bytes every time."""

from __future__ import annotations

import pytest

from ramstein.domain.errors import InvalidInput
from ramstein.reports.render import FORMATS, LANGUAGES, render


def test_an_unknown_format_names_the_choices(report):
    with pytest.raises(InvalidInput) as raised:
        render(report, "docx", "en")
    assert "'docx'" in raised.value.message
    assert raised.value.hint == "choose one of: csv, xlsx, html, pdf, json."


def test_an_unknown_language_names_the_choices(report):
    with pytest.raises(InvalidInput) as raised:
        render(report, "csv", "de")
    assert raised.value.hint == "choose one of: en, da, nb."


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_deterministic(report, fmt):
    """No clock: the PDF's and XLSX's creation dates are the report's as_of, so replaying gives the same bytes."""
    first = render(report, fmt, "da")
    assert first
    assert render(report, fmt, "da") == first


@pytest.mark.parametrize("lang", LANGUAGES)
def test_binary_formats_have_their_signatures(report, lang):
    assert render(report, "pdf", lang).startswith(b"%PDF-")
    assert render(report, "xlsx", lang).startswith(b"PK\x03\x04")  # a zip archive


def test_a_report_without_fund_issues_or_kiel_renders(report):
    from dataclasses import replace

    bare = replace(report, fund=None, issues=(), sources=replace(report.sources, ledger=(("MoD", 2),)))
    for fmt in FORMATS:
        assert render(bare, fmt, "nb")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_ledger_moment_with_microseconds_or_no_zone_renders(report, fmt):
    """The ledger's clock gives microseconds; an as-of typed by hand may be naive (taken as UTC)."""
    from dataclasses import replace
    from datetime import datetime

    assert render(replace(report, as_of=datetime(2026, 4, 13, 12, 30, 5, 123456)), fmt, "en")
