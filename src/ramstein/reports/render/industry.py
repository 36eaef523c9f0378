"""The industrial outlook as an HTML page or an A4 PDF: per area, requirement against supply month by month,
with the Monte Carlo band (P10 to P90) and median when a scenario was simulated; scenarios side by side.

Charts are Vega-Lite (Altair) rendered offline to SVG by vl-convert, as the burden report's; the PDF is typeset
by Typst from the same SVGs. Renderers compute nothing: every figure comes from the `Outlook`.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime, time
from importlib import resources
from typing import Any

import altair as alt
import typst

from ramstein.domain.industry.months import label
from ramstein.reports.industry_outlook import Outlook
from ramstein.reports.render.charts import to_svg
from ramstein.reports.render.locale import Formatter

FONT = "Libertinus Serif"
COLOURS = ["#000000", "#4a7fb5", "#c0504d", "#9bbb59", "#8064a2", "#f79646"]


def area_chart(found: list[Outlook], index: int, f: Formatter) -> str:
    """Required (black) and each scenario's expected supply, cumulative, with its P10-P90 band when simulated."""
    first = found[0].areas[index]
    months = [label(m) for m in first.months]
    rows: list[dict[str, Any]] = [{"month": m, "series": "required", "value": v}
                                  for m, v in zip(months, first.required, strict=True)]  # fmt: skip
    bands: list[dict[str, Any]] = []
    for o in found:
        a = o.areas[index]
        rows += [{"month": m, "series": o.scenario.name, "value": v} for m, v in zip(months, a.supplied, strict=True)]
        if o.simulation is not None:
            b = o.simulation.areas[index].supplied
            bands += [{"month": m, "series": o.scenario.name, "p10": lo, "p50": mid, "p90": hi}
                      for m, lo, mid, hi in zip(months, b.p10, b.p50, b.p90, strict=True)]  # fmt: skip
    names = ["required", *(o.scenario.name for o in found)]
    colour = alt.Color("series:N", scale=alt.Scale(domain=names, range=COLOURS[: len(names)]), title=None,
                       legend=alt.Legend(orient="top"))  # fmt: skip
    x = alt.X("month:O", title=None, axis=alt.Axis(labelAngle=-45))
    lines = (
        alt.Chart(alt.InlineData(values=rows))
        .mark_line(point=False)
        .encode(x=x, y=alt.Y("value:Q", title=first.area.family), color=colour)
    )
    layers: list[Any] = [lines]
    if bands:
        data = alt.InlineData(values=bands)
        layers.insert(0, alt.Chart(data).mark_area(opacity=0.25).encode(x=x, y="p10:Q", y2="p90:Q", color=colour))
        layers.append(alt.Chart(data).mark_line(strokeDash=[4, 3]).encode(x=x, y="p50:Q", color=colour))
    chart = alt.layer(*layers).properties(width=520, height=180, description=f"{first.area.family} supply")
    return to_svg(chart, f, FONT)


def _tables(found: list[Outlook]) -> list[dict[str, Any]]:
    out = []
    for i, a in enumerate(found[0].areas):
        cells = []
        for o in found:
            x = o.areas[i]
            closes = label(x.closes) if x.closes else "open at the horizon"
            cells.append({"scenario": o.scenario.name, "supplied": x.supplied[-1], "gap": x.gap[-1], "closes": closes})
        out.append({"area": a.area.family, "capability": a.area.capability, "required": a.required[-1],
                    "cells": cells})  # fmt: skip
    return out


def render_industry(found: list[Outlook], fmt: str) -> bytes:
    f = Formatter("en")
    charts = [area_chart(found, i, f) for i in range(len(found[0].areas))]
    title = " vs ".join(o.scenario.title for o in found)
    if fmt == "pdf":
        view = {"title": title, "areas": _tables(found), "method": METHOD}
        inputs = {"view": json.dumps(view, ensure_ascii=False), "charts": json.dumps(charts)}
        template = resources.files("ramstein.reports.render").joinpath("templates/industry.typ").read_bytes()
        made = datetime.combine(found[0].model.start, time(0), tzinfo=UTC)  # the same outlook, the same bytes
        pdf: bytes = typst.compile(template, format="pdf", sys_inputs=inputs, ignore_system_fonts=True, timestamp=made)
        return pdf
    parts = [f"<!doctype html><html lang='en'><meta charset='utf-8'><title>{html.escape(title)}</title>",
             f"<h1>{html.escape(title)}</h1><p>{html.escape(METHOD)}</p>"]  # fmt: skip
    for table, svg in zip(_tables(found), charts, strict=True):
        cells = "".join(f"<li>{html.escape(c['scenario'])}: supplied {c['supplied']:,}, gap {c['gap']:,}, closes "
                        f"{html.escape(c['closes'])}</li>" for c in table["cells"])  # fmt: skip
        parts.append(f"<h2>{html.escape(table['area'])} ({html.escape(table['capability'])}), required "
                     f"{table['required']:,}</h2><ul>{cells}</ul><figure>{svg}</figure>")  # fmt: skip
    return "".join([*parts, "</html>"]).encode()


METHOD = (
    "Cumulative requirement (approved lines not yet delivered, by the month needed) against cumulative expected "
    "supply: stock and production offers by the month available, and contracts for Ukraine scheduled first come, "
    "first served on ramping production lines. Shaded: P10 to P90 of the Monte Carlo runs; dashed: P50. "
    "docs/industry.md explains every figure."
)
