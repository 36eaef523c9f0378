"""The brief as an A4 PDF, typeset by Typst (the `typst` package: a compiler inside the wheel, no system TeX).

The template gets the report view as JSON and the charts as SVG through `sys.inputs`, so nothing is written
to disk. Only Typst's embedded fonts are used (Libertinus Serif), never the machine's: the PDF is the same
on every machine, and its creation date is the report's `as_of`, so the same report gives the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import cache
from importlib import resources

import typst

from ramstein.reports.burden import BurdenReport
from ramstein.reports.render import charts
from ramstein.reports.render.locale import Formatter, in_utc
from ramstein.reports.render.messages import Messages
from ramstein.reports.render.view import build_view

# The chart text is drawn by Typst with its own fonts; measuring it with the same family keeps labels in place.
CHART_FONT = "Libertinus Serif"


def render_pdf(report: BurdenReport, lang: str) -> bytes:
    t, f = Messages(lang), Formatter(lang)
    inputs = {
        "view": json.dumps(asdict(build_view(report, lang)), ensure_ascii=False),
        "allies_svg": charts.allies_chart(report, t, f, CHART_FONT),
        "history_svg": charts.history_chart(report, t, f, CHART_FONT),
    }
    # Typst takes whole seconds in a fixed-offset zone; the ledger's moments carry microseconds.
    created = in_utc(report.as_of).replace(microsecond=0)
    pdf: bytes = typst.compile(
        _template(), format="pdf", sys_inputs=inputs, ignore_system_fonts=True, timestamp=created
    )
    return pdf


@cache
def _template() -> bytes:
    return resources.files("ramstein.reports.render").joinpath("templates/burden.typ").read_bytes()
