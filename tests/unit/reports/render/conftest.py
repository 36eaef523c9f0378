"""Fixtures of the renderers' tests: the hand-built coalition report (tests/report_builders.py) and chart stubs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ramstein.reports.burden import BurdenReport
from tests.report_builders import BN, coalition_report


@pytest.fixture
def report() -> BurdenReport:
    return coalition_report()


@pytest.fixture
def met_report() -> BurdenReport:
    """The same coalition with a larger German credit: the floor is met by 2.7 bn."""
    base = coalition_report()
    return replace(base, credit_eur=base.credit_eur + 5 * BN)


STUB_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text y="12">chart</text></svg>'


@pytest.fixture
def stub_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Charts replaced by a fixed SVG, for snapshots of the documents around them.

    vl-convert lays text out with the fonts the machine has, so chart coordinates may move between machines;
    the charts are tested on their own (test_render_charts.py) and the snapshots stay stable.
    """
    from ramstein.reports.render import charts

    monkeypatch.setattr(charts, "allies_chart", lambda *args: STUB_SVG)
    monkeypatch.setattr(charts, "history_chart", lambda *args: STUB_SVG)
