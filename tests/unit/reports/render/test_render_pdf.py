"""The PDF read back as text, with its real charts: the summary, names and numbers in the reader's language."""

from __future__ import annotations

import io

import pypdf
import pytest

from ramstein.reports.render import render
from tests.report_dumps import pdf_text


@pytest.mark.parametrize(
    ("lang", "sentence", "nation", "number"),
    [
        ("en", "The coalition missed the floor of €40.0B for 2024", "United Kingdom", "112.5%"),
        ("da", "Koalitionen har ikke nået minimumsniveauet på 40,0 mia. € for 2024", "Storbritannien", "112,5 %"),
        ("nb", "Koalisjonen har ikke nådd minstenivået på € 40,0 mrd. for 2024", "Storbritannia", "112,5 %"),
    ],
)
def test_pdf_states_the_summary_in_the_readers_language(report, lang, sentence, nation, number):
    text = pdf_text(render(report, "pdf", lang)).replace("\u00a0", " ")
    assert sentence in " ".join(text.split())
    assert nation in text
    assert number in text


def test_pdf_is_a4_with_a_title_and_the_chart_labels(report):
    reader = pypdf.PdfReader(io.BytesIO(render(report, "pdf", "da")))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)) == (210, 297)
    assert reader.metadata.title.startswith("Rapport om byrdefordeling")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Milliarder euro" in text  # the chart's axis title, drawn from SVG by Typst


def test_a_met_floor_says_so(met_report):
    text = " ".join(pdf_text(render(met_report, "pdf", "en")).split())
    assert "The coalition met the floor of €40.0B for 2024: its credit of €42.7B exceeds it by €2.7B." in text
