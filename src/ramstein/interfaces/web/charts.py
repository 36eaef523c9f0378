"""The report's charts, drawn server-side as SVG (reports/render/charts: Altair + vl-convert) and inlined in
the page: no JavaScript chart library, nothing fetched. Drawing takes a noticeable fraction of a second, so
each drawing is kept, keyed by the figures it shows and the language, and reused until a figure changes."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock

from markupsafe import Markup

from ramstein.reports.burden import BurdenReport
from ramstein.reports.render import charts
from ramstein.reports.render.as_html import CHART_FONT, inline_svg
from ramstein.reports.render.locale import Formatter
from ramstein.reports.render.messages import Messages

KEPT = 64
_drawn: OrderedDict[Hashable, Markup] = OrderedDict()
_lock = Lock()
Draw = Callable[[BurdenReport, Messages, Formatter, str], str]


def allies(report: BurdenReport, t: Messages, f: Formatter) -> Markup:
    key = ("allies", f.lang, tuple((r.nation, r.credit_eur, r.fair_share_eur) for r in report.rows))
    return _kept(key, charts.allies_chart, report, t, f)


def history(report: BurdenReport, t: Messages, f: Formatter) -> Markup:
    key = ("history", f.lang, tuple((p.label, p.credit_eur, p.floor_eur) for p in report.history))
    return _kept(key, charts.history_chart, report, t, f)


def kept(key: Hashable, draw: Callable[[], str]) -> Markup:
    """Any chart, drawn by `draw` when no drawing is kept under `key` (the figures it shows and the language)."""
    with _lock:
        if key in _drawn:
            _drawn.move_to_end(key)
            return _drawn[key]
    svg = inline_svg(draw())
    with _lock:
        _drawn[key] = svg
        while len(_drawn) > KEPT:
            _drawn.popitem(last=False)
    return svg


def _kept(key: Hashable, draw: Draw, report: BurdenReport, t: Messages, f: Formatter) -> Markup:
    return kept(key, lambda: draw(report, t, f, CHART_FONT))
