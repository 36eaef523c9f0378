"""Every format in every language, locked: a change to any figure, word or layout shows up as a diff.

Text formats are stored as files (readable in review); XLSX as a dump of its cells and formats, PDF as its
extracted text. Charts are stubbed here (see `stub_charts`) and tested in test_render_charts.py.
Update after an intended change: `.venv/bin/pytest tests/unit/reports/render --snapshot-update`.
"""

from __future__ import annotations

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from ramstein.reports.render import render
from tests.report_dumps import pdf_text, xlsx_cells

LANGS = ["en", "da", "nb"]


class TextFile(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT

    def __init_subclass__(cls, suffix: str = "txt", **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.file_extension = suffix


class Html(TextFile, suffix="html"):
    pass


class Csv(TextFile, suffix="csv"):
    pass


class Json(TextFile, suffix="json"):
    pass


class Text(TextFile, suffix="txt"):
    pass


@pytest.mark.usefixtures("stub_charts")
@pytest.mark.parametrize("lang", LANGS)
def test_html(report, snapshot, lang):
    assert render(report, "html", lang).decode() == snapshot(extension_class=Html)


@pytest.mark.parametrize("lang", LANGS)
def test_csv(report, snapshot, lang):
    # newline="" semantics: the CRLF line ends are part of the format and kept in the snapshot as they are
    assert render(report, "csv", lang).decode().replace("\r\n", "\n") == snapshot(extension_class=Csv)


def test_json(report, snapshot):
    assert render(report, "json", "en").decode() == snapshot(extension_class=Json)


@pytest.mark.parametrize("lang", LANGS)
def test_xlsx_cells(report, snapshot, lang):
    assert xlsx_cells(render(report, "xlsx", lang)) == snapshot(extension_class=Text)


@pytest.mark.usefixtures("stub_charts")
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_text(report, snapshot, lang):
    assert pdf_text(render(report, "pdf", lang)) == snapshot(extension_class=Text)
