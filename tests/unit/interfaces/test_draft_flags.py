"""A draft's flags on the review page: the figures of a conversion or of another document's report are read
back from the stored flag and written for the reader; a detail of another shape stays as stored, in English."""

from __future__ import annotations

from ramstein.interfaces.web.draft_cards import flag
from ramstein.interfaces.web.formats import Formats
from ramstein.reports.render.locale import Formatter

DANISH = Formats(Formatter("da"))


def test_a_conversion_s_figures_are_written_the_reader_s_way():
    stored = ("conversion-off:conversion off by +12.0 %: USD 100 is DKK 700 at the ECB rate of 2024-04-02, "
              "the text says DKK 784")  # fmt: skip
    read = flag(stored, DANISH)
    assert read.code == "conversion-off"
    assert read.words == {"gap": "+12,0\xa0%", "original": "100,00\xa0US$", "expected": "700,00\xa0kr.",
                          "on": "2. apr. 2024", "stated": "784,00\xa0kr."}  # fmt: skip


def test_another_document_s_report_is_read_with_its_quote():
    stored = 'reported differently: document #3 (DR: "Pakke", 2024-04-20) says NOK 2.5 (draft 7: "2,5 mia. kr.")'
    read = flag(stored, DANISH)
    assert (read.code, read.document) == ("reported-differently", 3)
    assert read.words == {"document": "3", "title": 'DR: "Pakke"', "on": "20. apr. 2024", "other": "2,50\xa0NOK",
                          "draft": "7", "quote": "2,5 mia. kr."}  # fmt: skip


def test_a_detail_of_another_shape_stays_as_stored():
    read = flag("conversion-off:conversion off, said otherwise", DANISH)
    assert (read.code, read.detail, read.words) == ("conversion-off", "conversion off, said otherwise", {})
    assert flag("donor-unknown", DANISH).words == {}
