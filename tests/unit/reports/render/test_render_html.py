"""The HTML brief: one file that needs nothing from the network, readable by assistive technology."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from ramstein.reports.render import render


@pytest.fixture
def page(report) -> str:
    return render(report, "html", "nb").decode()


def test_no_external_resources(page):
    """No stylesheet, script, image, font or frame is fetched: no src/href/url() to http(s), no <link>, no <script>."""
    assert not re.search(r"""(?:src|href|xlink:href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//", page, re.IGNORECASE)
    assert "@import" not in page
    assert "<script" not in page
    assert "<link" not in page
    # The only URL is the one Kiel asks to be cited with, as text
    assert re.findall(r"https?://[^\s<\"]+", page) == [
        "https://www.ifw-kiel.de/publications/ukraine-support-tracker-data-20758/"
    ]


def test_accessible_structure(page):
    assert '<html lang="nb">' in page
    assert page.count("<caption>") == 3  # allies, history, fund
    assert '<th scope="col"' in page
    assert '<th scope="row">Tyskland</th>' in page
    assert 'role="img" aria-label="Stolpediagram' in page


def test_charts_are_inline_svg_with_labels_in_the_readers_language(page):
    assert page.count("<svg") == 2
    assert "Milliarder euro" in page
    assert "Storbritannia" in page


def test_summary_figures_and_rule_set(page):
    assert "Minstenivået er ikke nådd" in page
    assert "Regelsett: Washington summit pledge, 2024 (washington-2024, versjon 1)" in page
    assert "Posteringer per 13. april 2026 kl. 12:30 UTC" in page


def test_kiel_is_cited_only_when_its_figures_are_used(report):
    without = replace(report, sources=replace(report.sources, ledger=(("Danish MoD press release", 2),)))
    assert "Antezza" not in render(without, "html", "en").decode()
    assert "Antezza" in render(report, "html", "en").decode()


def test_no_fund_section_without_a_fund(report):
    page = render(replace(report, fund=None), "html", "en").decode()
    assert "multi-year fund" not in page
    assert page.count("<caption>") == 2


def test_text_from_data_is_escaped(report):
    row = replace(report.rows[0], name="<b>Denmark</b>", nation="XXX")
    page = render(replace(report, rows=(row, *report.rows[1:])), "html", "en").decode()
    assert "<b>Denmark</b>" not in page
    assert "&lt;b&gt;Denmark&lt;/b&gt;" in page
