"""The brief as one self-contained HTML page (Jinja2): inline CSS, charts as inline SVG, nothing fetched.

A minister's office may open it offline, forward it by mail or print it; so no CDN, no web font, no script.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ramstein.reports.burden import BurdenReport
from ramstein.reports.render import charts
from ramstein.reports.render.locale import Formatter
from ramstein.reports.render.messages import Messages
from ramstein.reports.render.view import build_view

# What the reader's system offers; the same list as the page's CSS, so the chart's text matches the page's.
CHART_FONT = '"Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
# SVG inside HTML needs no namespace declarations; dropping them leaves the page without a single URL but
# the ones its text cites.
NAMESPACES = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')


def render_html(report: BurdenReport, lang: str) -> bytes:
    t, f = Messages(lang), Formatter(lang)
    page = (
        _environment()
        .get_template("burden.html.j2")
        .render(
            v=build_view(report, lang),
            css=Markup(_stylesheet()),
            allies_svg=inline_svg(charts.allies_chart(report, t, f, CHART_FONT)),
            history_svg=inline_svg(charts.history_chart(report, t, f, CHART_FONT)),
        )
    )
    return page.encode("utf-8")


def inline_svg(svg: str) -> Markup:
    """vl-convert's SVG, trusted: Vega escapes the labels it writes (our nation names and captions)."""
    return Markup(NAMESPACES.sub("", svg))


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("ramstein.reports.render", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        keep_trailing_newline=True,
    )


@cache
def _stylesheet() -> str:
    return resources.files("ramstein.reports.render").joinpath("templates/burden.css").read_text(encoding="utf-8")
