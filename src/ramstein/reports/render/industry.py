"""The industrial outlook as an HTML page or an A4 PDF: per area, requirement against supply month by month,
with the Monte Carlo band (P10 to P90) and median when a scenario was simulated; scenarios side by side.

Charts are Vega-Lite (Altair) rendered offline to SVG by vl-convert, as the burden report's; the PDF is typeset
by Typst from the same SVGs. Renderers compute nothing: every figure comes from the `Outlook`.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import UTC, datetime, time
from importlib import resources
from typing import Any

import altair as alt
import typst

from ramstein.domain.industry.months import label
from ramstein.reports.industry_outlook import Outlook
from ramstein.reports.render.charts import to_svg
from ramstein.reports.render.locale import BILLION, Formatter

FONT = "Libertinus Serif"
COLOURS = ["#000000", "#4a7fb5", "#c0504d", "#9bbb59", "#8064a2", "#f79646"]


@dataclass(frozen=True, slots=True)
class ChartWords:
    """The words the charts write, in the reader's language (the pages pass their catalogue's)."""

    required: str = "required"
    expected: str = "expected credit"
    fair_share: str = "fair share"
    floor: str = "floor"
    bn_eur: str = "EUR bn"
    area: str = "{family} supply"  # the chart's description
    allies: str = "Expected credit per ally against its fair share"
    total: str = "The coalition's expected total against the floor"


ENGLISH = ChartWords()


def area_chart(found: list[Outlook], index: int, f: Formatter, words: ChartWords = ENGLISH, font: str = "") -> str:
    """Required (black) and each scenario's expected supply, cumulative, with its P10-P90 band when simulated."""
    first = found[0].areas[index]
    months = [label(m) for m in first.months]
    rows: list[dict[str, Any]] = [{"month": m, "series": words.required, "value": v}
                                  for m, v in zip(months, first.required, strict=True)]  # fmt: skip
    bands: list[dict[str, Any]] = []
    for o in found:
        a = o.areas[index]
        rows += [{"month": m, "series": o.scenario.name, "value": v} for m, v in zip(months, a.supplied, strict=True)]
        if o.simulation is not None:
            b = o.simulation.areas[index].supplied
            bands += [{"month": m, "series": o.scenario.name, "p10": lo, "p50": mid, "p90": hi}
                      for m, lo, mid, hi in zip(months, b.p10, b.p50, b.p90, strict=True)]  # fmt: skip
    names = [words.required, *(o.scenario.name for o in found)]
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
    description = words.area.format(family=first.area.family)
    chart = alt.layer(*layers).properties(width=520, height=180, description=description)
    return to_svg(chart, f, font or FONT)


def floor_allies_chart(found: Outlook, f: Formatter, words: ChartWords = ENGLISH, font: str = "") -> str:
    """Each ally's expected credit for the year as a bar, its fair share as a black tick, and the P10-P90 range
    of the Monte Carlo runs as a line across the bar's end when simulated; in the floor forecast's order."""
    floor = found.floor
    assert floor is not None, "a floor chart needs the floor forecast"
    bands = found.simulation.floor if found.simulation is not None else None
    names = [f.nation(r.nation, r.name) for r in floor.rows]
    rows: list[dict[str, Any]] = []
    for i, (name, r) in enumerate(zip(names, floor.rows, strict=True)):
        row = {"ally": name, "expected": float(r.expected_eur / BILLION), "fair": float(r.fair_share_eur / BILLION)}
        if bands is not None:
            row |= {"p10": bands.expected.p10[i] / 1e9, "p90": bands.expected.p90[i] / 1e9}
        rows.append(row)
    data = alt.InlineData(values=rows)
    y = alt.Y("ally:N", sort=names, title=None)
    x = alt.X("expected:Q", title=words.bn_eur, axis=alt.Axis(format=",.1f"))
    colour = alt.Color("series:N", scale=alt.Scale(domain=[words.expected, words.fair_share],
                                                   range=[COLOURS[1], COLOURS[0]]), title=None,
                       legend=alt.Legend(orient="top"))  # fmt: skip
    bars = alt.Chart(data).transform_calculate(series=f"{json.dumps(words.expected)}").mark_bar(opacity=0.8)
    ticks = alt.Chart(data).transform_calculate(series=f"{json.dumps(words.fair_share)}").mark_tick(thickness=3)
    layers: list[Any] = [bars.encode(y=y, x=x, color=colour), ticks.encode(y=y, x="fair:Q", color=colour)]
    if bands is not None:
        layers.append(alt.Chart(data).mark_rule(strokeWidth=2, color=COLOURS[2]).encode(y=y, x="p10:Q", x2="p90:Q"))
    chart = alt.layer(*layers).properties(width=520, height=alt.Step(16), description=words.allies)
    return to_svg(chart, f, font or FONT)


def floor_total_chart(found: list[Outlook], f: Formatter, words: ChartWords = ENGLISH, font: str = "") -> str:
    """Each scenario's expected coalition total as a bar, its floor as a black tick, P10-P90 when simulated."""
    rows: list[dict[str, Any]] = []
    for o in found:
        if o.floor is None:
            continue
        row = {"scenario": o.scenario.name, "expected": float(o.floor.expected_eur / BILLION),
               "floor": float(o.floor.floor_eur / BILLION)}  # fmt: skip
        if o.simulation is not None and o.simulation.floor is not None:
            row |= {"p10": o.simulation.floor.total[0] / 1e9, "p90": o.simulation.floor.total[2] / 1e9}
        rows.append(row)
    data = alt.InlineData(values=rows)
    x = alt.X("scenario:N", sort=[r["scenario"] for r in rows], title=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("expected:Q", title=words.bn_eur, axis=alt.Axis(format=",.0f"))
    colour = alt.Color("series:N", scale=alt.Scale(domain=[words.expected, words.floor],
                                                   range=[COLOURS[1], COLOURS[0]]), title=None,
                       legend=alt.Legend(orient="top"))  # fmt: skip
    bars = alt.Chart(data).transform_calculate(series=f"{json.dumps(words.expected)}").mark_bar(opacity=0.8)
    ticks = alt.Chart(data).transform_calculate(series=f"{json.dumps(words.floor)}").mark_tick(thickness=3)
    layers: list[Any] = [bars.encode(x=x, y=y, color=colour), ticks.encode(x=x, y="floor:Q", color=colour)]
    if any("p10" in r for r in rows):
        layers.append(alt.Chart(data).mark_rule(strokeWidth=2, color=COLOURS[2]).encode(x=x, y="p10:Q", y2="p90:Q"))
    chart = alt.layer(*layers).properties(width=alt.Step(90), height=220, description=words.total)
    return to_svg(chart, f, font or FONT)


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


def _floor_sections(found: list[Outlook], f: Formatter) -> list[dict[str, str]]:
    """The floor's charts: the coalition's totals side by side, and each simulated outlook's allies with bands."""
    if not any(o.floor is not None for o in found):
        return []
    sections = [{"heading": ENGLISH.total, "text": _floor_text(found), "svg": floor_total_chart(found, f)}]
    for o in found:
        if o.floor is not None and o.simulation is not None and o.simulation.floor is not None:
            sections.append({"heading": f"{ENGLISH.allies}: {o.scenario.name}", "text": FLOOR_METHOD,
                             "svg": floor_allies_chart(o, f)})  # fmt: skip
    return sections


def _floor_text(found: list[Outlook]) -> str:
    parts = []
    for o in found:
        if o.floor is None:
            continue
        text = f"{o.scenario.name}: expected EUR {o.floor.expected_eur / BILLION:,.2f} bn against a floor of EUR "
        text += f"{o.floor.floor_eur / BILLION:,.2f} bn"
        if o.simulation is not None and o.simulation.floor is not None:
            lo, mid, hi = (v / 1e9 for v in o.simulation.floor.total)
            text += f" (P10 {lo:,.2f}, P50 {mid:,.2f}, P90 {hi:,.2f}; reached in "
            text += f"{o.simulation.floor.meets_floor:.0%} of {o.simulation.runs:,} runs)"
        parts.append(text)
    return "; ".join(parts) + "."


def render_industry(found: list[Outlook], fmt: str) -> bytes:
    f = Formatter("en")
    charts = [area_chart(found, i, f) for i in range(len(found[0].areas))]
    floors = _floor_sections(found, f)
    title = " vs ".join(o.scenario.title for o in found)
    if fmt == "pdf":
        view = {"title": title, "areas": _tables(found), "method": METHOD}
        inputs = {"view": json.dumps(view, ensure_ascii=False), "charts": json.dumps(charts),
                  "floor": json.dumps(floors, ensure_ascii=False)}  # fmt: skip
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
    for section in floors:
        parts.append(f"<h2>{html.escape(section['heading'])}</h2><p>{html.escape(section['text'])}</p>"
                     f"<figure>{section['svg']}</figure>")  # fmt: skip
    return "".join([*parts, "</html>"]).encode()


METHOD = (
    "Cumulative requirement (approved lines not yet delivered, by the month needed) against cumulative expected "
    "supply: stock and production offers by the month available, and contracts for Ukraine scheduled first come, "
    "first served on ramping production lines. Shaded: P10 to P90 of the Monte Carlo runs; dashed: P50. "
    "docs/industry.md explains every figure."
)
FLOOR_METHOD = (
    "Bars: each ally's expected credit for the year (recorded so far, plus its pace of the last 12 months for the "
    "months left); black ticks: its fair share; red lines: P10 to P90 of the Monte Carlo runs, in which each "
    "ally's further credit starts a random number of months late."
)
