"""The intake of texts on the pages, through HTTP on the shipped data: an analyst pastes or uploads a text and
corrects and rejects drafts, a coordinator or the donor's representative confirms one, the ledger entry leads
back to the quote; each problem is said beside its field in the reader's language and nothing is written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.e2e.web import CSRF, client_as, pages_app

DANISH = (
    "Regeringen giver Ukraine en ny donationspakke på 6,4 milliarder kroner, oplyste Forsvarsministeriet "
    "den 2. april 2024. USA har givet 60 milliarder dollar. Det svarer til omkring 410 milliarder kroner.\n"
    "Norge bidrager desuden med knap 2,5 mia. kr. til en femårig fond."
)
DAY = "2024-04-02"


@pytest.fixture
def app(database: Path) -> FastAPI:
    return pages_app()


def token(client: TestClient, path: str = "/sources") -> str:
    found = CSRF.search(client.get(path).text)
    assert found is not None
    return found[1]


def add(client: TestClient, text: str = DANISH, **fields: str) -> object:
    data = {"title": "FMN", "text": text, "language": "da", "date": DAY, **fields}
    return client.post("/sources/new", data={**data, "csrf_token": token(client)})


def drafts_of(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<article class="draft[^"]*" id="draft-(\d+)"', html)]


def test_an_analyst_pastes_a_text_and_reviews_its_drafts_and_a_coordinator_confirms_one(app):
    analyst = client_as(app, "analyst")
    form = analyst.get("/sources/new")
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.text
    added = add(analyst)
    assert added.status_code == 303, added.text
    page = analyst.get(added.headers["location"])
    html = page.text
    assert "Stored, with 3 draft(s) to review." in html
    package, usa, fund = drafts_of(html)
    # the text with each amount marked and labelled (not by colour only), each label leading to its draft
    assert f'<mark id="quote-{package}" class="status-waiting">6,4 milliarder kroner</mark>' in html
    assert f'href="#draft-{usa}"><span aria-hidden="true">[</span>draft 2: pending' in html
    assert "60.000.000.000" not in html and "60,000,000,000" in html  # the reader's number format (en)
    usa_card = html.split(f'id="draft-{usa}"')[1].split("</article>")[0]
    assert "Flags" not in usa_card  # its restatement in kroner agrees with the ECB rate: nothing to flag
    assert 'name="csrf_token"' in html and 'hx-post="/sources/drafts/' in html
    assert "You may not confirm this draft: an analyst may not record ledger" in html  # asked of the policy

    htmx = {"HX-Request": "true", "X-CSRF-Token": token(analyst)}
    corrected = analyst.post(f"/sources/drafts/{fund}/edit", headers=htmx,
                             data={"amount": "2.4bn", "currency": "NOK", "donor": "NOR", "recipient": "UKR",
                                   "on": DAY, "aid_type": "military", "note": "the ministry says 2,4"})  # fmt: skip
    assert corrected.status_code == 200 and corrected.text.lstrip().startswith('<article class="draft status-revised"')
    assert "Corrections saved" in corrected.text and "read: 2,500,000,000" in corrected.text
    assert f'id="tag-{fund}" href="#draft-{fund}" hx-swap-oob="true"' in corrected.text  # the label in the text too
    rejected = analyst.post(f"/sources/drafts/{usa}/reject", data={"reason": "the US figure is Kiel's",
                                                                    "csrf_token": token(analyst)})  # fmt: skip
    assert rejected.status_code == 303 and rejected.headers["location"].endswith(f"?done={usa}#draft-{usa}")
    assert "Rejected by analyst" in analyst.get(rejected.headers["location"]).text

    coordinator = client_as(app, "secretariat")
    confirmed = coordinator.post(f"/sources/drafts/{fund}/confirm", data={"csrf_token": token(coordinator)})
    assert confirmed.status_code == 303
    html = coordinator.get(confirmed.headers["location"]).text
    seq = re.search(r"Confirmed: recorded as ledger entry #(\d+)\.", html)
    assert seq is not None and f'<a href="/ledger/{seq[1]}">Ledger entry #{seq[1]}</a>' in html
    entry = coordinator.get(f"/ledger/{seq[1]}").text
    assert "NOK" in entry and "2,400,000,000" in entry and "FMN, draft 3" in entry
    assert f'href="/sources/1#draft-{fund}"' in entry and "knap <mark>2,5 mia. kr.</mark>" in entry
    listed = coordinator.get("/sources").text
    assert re.search(r"#1: FMN</a></th>\s*<td>Danish</td>\s*<td>2 Apr 2024</td>\s*<td class=\"num\">1</td>\s*"
                     r"<td class=\"num\">1</td>\s*<td class=\"num\">1</td>", listed)  # fmt: skip


def test_a_representative_confirms_only_its_own_nation_s_drafts(app):
    add(client_as(app, "analyst"))
    rep = client_as(app, "dk-rep")
    html = rep.get("/sources/1").text
    package, usa, _ = drafts_of(html)
    assert 'href="/sources/new"' not in html and "/edit" not in html and "/reject" not in html
    assert f'action="/sources/drafts/{package}/confirm"' in html  # Denmark's (the text's own kroner)
    assert f'action="/sources/drafts/{usa}/confirm"' not in html
    forged = rep.post(f"/sources/drafts/{usa}/confirm", headers={"HX-Request": "true", "X-CSRF-Token": token(rep)})
    assert forged.status_code == 403 and "may not record ledger for USA" in forged.text
    assert 'role="alert"' in forged.text and forged.text.lstrip().startswith("<article")
    assert rep.post("/sources/new", data={"text": DANISH, "date": DAY, "csrf_token": token(rep)}).status_code == 403
    stale = rep.post(f"/sources/drafts/{package}/confirm", headers={"HX-Request": "true", "X-CSRF-Token": "old"})
    assert stale.status_code == 403 and stale.text.lstrip().startswith('<div class="problem" role="alert">')
    assert "CSRF token is missing or wrong" in stale.text and "<html" not in stale.text
    assert (stale.headers["HX-Retarget"], stale.headers["HX-Reswap"]) == ("#main", "afterbegin")  # card kept
    done = rep.post(f"/sources/drafts/{package}/confirm", data={"csrf_token": token(rep)})
    assert done.status_code == 303


@pytest.mark.parametrize(
    ("lang", "text", "fields", "field", "message"),
    [
        ("en", "", {}, "text", "The text is empty."),
        ("da", "", {}, "text", "Teksten er tom."),
        ("nb", "Danmark har sendt 19 F-16-fly og 100 kampvogne til Ukraine.", {}, "text",
         "Det ble ikke funnet noen pengebeløp i teksten"),
        ("da", DANISH, {"language": "fr"}, "language", "Sproget “fransk” understøttes ikke."),
        ("nb", "Le gouvernement a promis 5 milliards d'euros pour la défense du pays.", {"language": "auto"},
         "language", "Teksten ser ut som fransk, som ramstein ikke leser."),
        ("da", "Norge giver 1,2,3 mia. kr. til Ukraine.", {}, "text", "Linje 1: “1,2,3 mia. kr.” er ikke et tal"),
        ("da", DANISH, {"date": "2026-11-22"}, "date",
         "Dokumentets dato 22. nov. 2026 ligger uden for valutakursdataene (4. jan. 1999 til 13. apr. 2026)."),
        ("en", DANISH, {"date": "2 April"}, "date", "“2 April” is not a date"),
        ("en", DANISH, {"date": ""}, "date", "Give the date the document was published."),
    ],
)  # fmt: skip
def test_bad_input_is_said_beside_its_field_in_the_readers_language_and_nothing_is_stored(
    app, lang, text, fields, field, message
):
    client = client_as(app, "analyst", lang)
    answer = add(client, text, **fields)
    assert answer.status_code in (400, 409, 422), answer.text[:300]
    html = answer.text.replace("&#34;", '"').replace("&#39;", "'")
    assert re.search(rf'<p class="field-error" id="err-{field}">[^<]*{re.escape(message)}', html), html[-3000:]
    assert f'id="s-{field}"' in html and 'aria-invalid="true"' in html
    assert "No source documents yet." in client_as(app, "analyst").get("/sources").text


def test_an_uploaded_file_is_read_and_a_second_copy_refused(app):
    analyst = client_as(app, "analyst", "da")
    files = {"file": ("fmn-2024-04-02.txt", DANISH.encode("utf-8"), "text/plain")}
    data = {"language": "auto", "date": DAY, "csrf_token": token(analyst)}
    first = analyst.post("/sources/new", data=data, files=files)
    assert first.status_code == 303
    assert "fmn-2024-04-02.txt" in analyst.get("/sources").text
    again = analyst.post("/sources/new", data=data, files=files)
    assert again.status_code == 409 and "Den samme tekst er allerede gemt, som kildedokument nr. 1." in again.text
    binary = analyst.post("/sources/new", data=data, files={"file": ("x.txt", b"\xff\xfe\x00bad", "text/plain")})
    assert binary.status_code == 422 and "x.txt er ikke en UTF-8-tekstfil" in binary.text


def test_a_bad_correction_is_said_beside_its_field_and_writes_nothing(app):
    analyst = client_as(app, "analyst", "nb")
    add(analyst)
    _, _, fund = drafts_of(analyst.get("/sources/1").text)
    headers = {"HX-Request": "true", "X-CSRF-Token": token(analyst)}
    fields = {"amount": "mange", "donor": "XYZ", "ends": "2020-01-01", "starts": "2024-01-01"}
    bad = analyst.post(f"/sources/drafts/{fund}/edit", headers=headers, data=fields)
    assert bad.status_code == 422
    assert f'id="err-{fund}-amount">“mange” er ikke et mulig beløp' in bad.text
    assert f'id="err-{fund}-ends">Perioden slutter før den begynner.' in bad.text
    assert "<details open>" in bad.text and 'aria-invalid="true"' in bad.text
    unknown = analyst.post(f"/sources/drafts/{fund}/edit", headers=headers, data={"donor": "XYZ"})
    assert unknown.status_code == 422 and f'id="err-{fund}-donor">“XYZ” er ikke en kjent nasjon' in unknown.text
    same = analyst.post(f"/sources/drafts/{fund}/edit", headers=headers, data={"amount": "2500000000"})
    assert same.status_code == 422 and "Rettelsene endrer ingenting" in same.text
    no_reason = analyst.post(f"/sources/drafts/{fund}/reject", headers=headers, data={"reason": " "})
    assert no_reason.status_code == 422 and "En avvisning krever en begrunnelse." in no_reason.text
    assert "venter på gjennomgang" in analyst.get("/sources/1").text
    assert "Rettet av" not in analyst.get("/sources/1").text


def test_the_flags_say_a_wrong_conversion_and_a_figure_another_document_gives_differently(app):
    analyst = client_as(app, "analyst", "da")
    add(analyst)
    later = ("Regeringen giver Ukraine en ny donationspakke på 7,5 milliarder kroner. "
             "USA har givet 60 milliarder dollar. Det svarer til omkring 300 milliarder kroner.")  # fmt: skip
    second = add(analyst, later, title="DR", date="2024-04-20")
    html = analyst.get(second.headers["location"]).text
    package, usa = drafts_of(html)
    card = html.split(f'id="draft-{package}"')[1].split("</article>")[0]
    assert "Angivet anderledes i et andet dokument" in card and '<a href="/sources/1">se dokument nr. 1</a>' in card
    assert "dokument nr. 1 (FMN, 2. apr. 2024) siger 6.400.000.000,00\xa0kr." in card  # in Danish, its figures too
    card = html.split(f'id="draft-{usa}"')[1].split("</article>")[0]
    assert "Tekstens egen omregning afviger mere end 5 % fra ECB" in card
    assert "60.000.000.000,00\xa0US$ er " in card and "; teksten siger 300.000.000.000,00\xa0kr. (-" in card
    assert 'lang="en"' not in card.split('class="flags"')[1].split("</ul>")[0]  # no English left in the flags
