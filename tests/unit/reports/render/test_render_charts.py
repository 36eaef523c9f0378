"""The charts, rendered for real by vl-convert: offline SVG with the reader's words and number format."""

from __future__ import annotations

from ramstein.reports.render import charts
from ramstein.reports.render.locale import Formatter
from ramstein.reports.render.messages import Messages


def test_allies_chart_names_every_ally_in_the_readers_language(report):
    svg = charts.allies_chart(report, Messages("da"), Formatter("da"), "sans-serif")
    assert svg.startswith("<svg")
    for name in ("Danmark", "Tyskland", "Storbritannien", "USA", "Island"):
        assert f">{name}<" in svg
    assert ">Milliarder euro<" in svg
    assert ">Rimelig andel<" in svg  # the legend
    assert ">24,0<" in svg  # the axis, with a Danish decimal comma


def test_history_chart_shows_each_period_and_the_floor(report):
    svg = charts.history_chart(report, Messages("en"), Formatter("en"), "sans-serif")
    for label in ("2022", "2023", "2024", "Floor", "Credit"):
        assert f">{label}<" in svg


def test_charts_fetch_nothing(report):
    svg = charts.allies_chart(report, Messages("nb"), Formatter("nb"), "sans-serif")
    assert "href=" not in svg
    assert "@import" not in svg
