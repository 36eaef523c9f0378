"""Renderers of the burden-sharing report: CSV, XLSX, HTML, PDF and JSON, in English, Danish and Norwegian.

    render(report, "pdf", "da") -> bytes

Each renderer is a pure function of the report: no clock, no network, no files but the templates and message
catalogues shipped in this package. The same report gives the same bytes (the PDF's and XLSX's creation
dates are the report's `as_of`). See docs/reports.md.
"""

from __future__ import annotations

from collections.abc import Callable

from ramstein.domain.errors import InvalidInput
from ramstein.reports.burden import BurdenReport
from ramstein.reports.render.messages import LANGUAGES, check_language

FORMATS = ("csv", "xlsx", "html", "pdf", "json")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "json": "application/json",
}

__all__ = ["FORMATS", "LANGUAGES", "MEDIA_TYPES", "render"]


def render(report: BurdenReport, fmt: str, lang: str) -> bytes:
    """The report as a file of format `fmt` (csv|xlsx|html|pdf|json) in language `lang` (en|da|nb)."""
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown report format {fmt!r}", hint=f"choose one of: {', '.join(FORMATS)}.")
    check_language(lang)
    return _renderer(fmt)(report, lang)


def _renderer(fmt: str) -> Callable[[BurdenReport, str], bytes]:
    # Imported on demand: the HTML and PDF renderers pull in Altair, vl-convert and Typst, which a CSV or
    # JSON export (or a CLI start-up) should not pay for.
    if fmt == "json":
        from ramstein.reports.render.as_json import render_json

        return lambda report, _lang: render_json(report)
    if fmt == "csv":
        from ramstein.reports.render.as_csv import render_csv

        return render_csv
    if fmt == "xlsx":
        from ramstein.reports.render.as_xlsx import render_xlsx

        return render_xlsx
    if fmt == "html":
        from ramstein.reports.render.as_html import render_html

        return render_html
    from ramstein.reports.render.as_pdf import render_pdf

    return render_pdf
