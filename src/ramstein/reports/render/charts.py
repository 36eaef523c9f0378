"""The two charts of the brief as Vega-Lite specs (built with Altair), rendered to SVG offline by vl-convert.

vl-convert runs Vega in an embedded JavaScript engine inside the Python process: no browser, no CDN, no
network. Labels come from the message catalogue and axis numbers use a d3 number locale built from CLDR
(`Formatter.d3_format_locale`), so "1.234,5" on an axis matches the text beside it.

Chart values are floats in billions of euros: a chart is a picture whose resolution is a pixel, and Vega
takes JavaScript numbers anyway. Every exact figure is in the tables.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import vl_convert

from ramstein.reports.burden import BurdenReport
from ramstein.reports.render.locale import BILLION, Formatter
from ramstein.reports.render.messages import Messages

CREDIT_COLOUR = "#4a7fb5"  # mid blue: 4:1 against white and 5:1 against the black marks drawn on it
MARK_COLOUR = "#000000"
WIDTH = 560
STEP = 18  # pixels per ally, so 40 allies still get a readable label each


def allies_chart(report: BurdenReport, t: Messages, f: Formatter, font: str) -> str:
    """Credit per ally as bars, its fair share as a black tick, in the ranked order of the table."""
    credit, fair = t("chart.legend.credit"), t("chart.legend.fair_share")
    names = [f.nation(r.nation, r.name) for r in report.rows]
    values = [
        {"ally": name, "series": series, "bn": float(amount / BILLION)}
        for name, row in zip(names, report.rows, strict=True)
        for series, amount in ((credit, row.credit_eur), (fair, row.fair_share_eur))
    ]
    y = alt.Y("ally:N", sort=names, title=None)
    x = alt.X("bn:Q", title=t("chart.axis.bn_eur"), axis=alt.Axis(format=",.1f"))
    colour = _legend(credit, fair)
    data = alt.InlineData(values=values)
    bars = alt.Chart(data).mark_bar().encode(y=y, x=x, color=colour).transform_filter(alt.datum.series == credit)
    ticks = alt.Chart(data).mark_tick(thickness=3).encode(y=y, x=x, color=colour)
    ticks = ticks.transform_filter(alt.datum.series == fair)
    chart = alt.layer(bars, ticks).properties(
        width=WIDTH, height=alt.Step(STEP), description=t("chart.allies.description")
    )
    return to_svg(chart, f, font)


def history_chart(report: BurdenReport, t: Messages, f: Formatter, font: str) -> str:
    """The coalition's credit per period as bars, the floor of each period as a black tick."""
    credit, floor = t("chart.legend.credit"), t("chart.legend.floor")
    labels = [p.label for p in report.history]
    values = [
        {"period": p.label, "series": series, "bn": float(amount / BILLION)}
        for p in report.history
        for series, amount in ((credit, p.credit_eur), (floor, p.floor_eur))
    ]
    x = alt.X("period:N", sort=labels, title=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("bn:Q", title=t("chart.axis.bn_eur"), axis=alt.Axis(format=",.0f"))
    colour = _legend(credit, floor)
    data = alt.InlineData(values=values)
    bars = alt.Chart(data).mark_bar().encode(x=x, y=y, color=colour).transform_filter(alt.datum.series == credit)
    ticks = alt.Chart(data).mark_tick(thickness=3).encode(x=x, y=y, color=colour)
    ticks = ticks.transform_filter(alt.datum.series == floor)
    chart = alt.layer(bars, ticks).properties(
        width=alt.Step(72), height=240, description=t("chart.history.description")
    )
    return to_svg(chart, f, font)


def _legend(first: str, second: str) -> alt.Color:
    scale = alt.Scale(domain=[first, second], range=[CREDIT_COLOUR, MARK_COLOUR])
    return alt.Color("series:N", scale=scale, title=None, legend=alt.Legend(orient="top"))


def to_svg(chart: alt.LayerChart | alt.FacetChart, f: Formatter, font: str) -> str:
    spec: dict[str, Any] = chart.to_dict()
    spec["config"] = {"font": font, "view": {"stroke": None}, "axis": {"labelColor": "#222", "titleColor": "#222"}}
    svg: str = vl_convert.vegalite_to_svg(spec, format_locale=f.d3_format_locale())
    return svg
