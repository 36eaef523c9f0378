"""Issue 7's scenario in a real browser (Debian's Chromium, Playwright) against `ramstein serve`: an analyst
pastes a Danish statement, sees its drafts with the amounts marked in the text, corrects one and rejects
another with the keyboard; a coordinator confirms the corrected one and finds the ledger entry with its source.
Screenshots of each step are kept (the folder is printed); fixtures are test_browser.py's."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.e2e.test_browser import PASSWORD, RAMSTEIN, artefacts, browser, server  # noqa: F401 - fixtures

STATEMENT = (
    "Regeringen giver Ukraine en ny donationspakke på 6,4 milliarder kroner, oplyste Forsvarsministeriet "
    "den 2. april 2024. USA har givet 60 milliarder dollar. Det svarer til omkring 410 milliarder kroner.\n\n"
    "Norge bidrager desuden med knap 2,5 mia. kr. til en femårig fond."
)


def _user(name: str, role: str, tmp_path: Path) -> None:
    env = {**os.environ, "RAMSTEIN_ANALYTICS_PATH": str(tmp_path / "analytics.duckdb")}
    subprocess.run([RAMSTEIN, "users", "add", name, "--role", role, "--password-stdin"], input=PASSWORD + "\n",
                   text=True, env=env, check=True, capture_output=True)  # fmt: skip


def _sign_in(page, url: str, name: str) -> None:
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(url)


def test_an_analyst_reviews_a_danish_statement_and_a_coordinator_confirms_a_draft(
    browser,  # noqa: F811 - the fixture imported above
    server,  # noqa: F811
    artefacts,  # noqa: F811
    tmp_path,
):
    _user("ida.analyst", "analyst", tmp_path)
    _user("sec.coord", "coordinator", tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/sources/new")  # leads to the sign-in form and back
    _sign_in(page, "**/sources/new", "ida.analyst")
    page.get_by_label("Title").fill("FMN, 2 April 2024")
    page.get_by_label("Text", exact=True).fill(STATEMENT)
    page.get_by_label("Language of the text").select_option("da")
    page.get_by_label("Date of the document").fill("2024-04-02")
    page.screenshot(path=artefacts / "1-pasted.png", full_page=True)
    page.get_by_role("button", name="Read and store").click()
    page.wait_for_url(re.compile(r".*/sources/\d+\?added=1"))
    assert page.get_by_role("status").inner_text() == "Stored, with 3 draft(s) to review."
    marks = page.locator(".source-text mark")
    assert marks.all_inner_texts() == ["6,4 milliarder kroner", "60 milliarder dollar", "2,5 mia. kr."]
    assert page.locator(".source-text a.draft-tag").all_inner_texts() == [
        "[draft 1: pending]", "[draft 2: pending]", "[draft 3: pending]",
    ]  # fmt: skip
    page.screenshot(path=artefacts / "2-drafts.png", full_page=True)

    norway = page.locator("article", has=page.get_by_role("heading", name="Draft 3"))
    norway.get_by_text("Edit", exact=True).click()
    norway.get_by_label("Amount").fill("2.4bn")
    norway.get_by_label("Currency").fill("NOK")
    norway.get_by_label("Donor").fill("NOR")
    norway.get_by_role("button", name="Save corrections").click()  # htmx: the card alone is answered
    saved = page.get_by_text("Corrections saved; the draft waits for someone who may confirm it.")
    saved.wait_for()
    assert page.evaluate("document.activeElement.textContent").startswith("Corrections saved")  # focus follows
    assert "read: 2,500,000,000" in norway.inner_text() and "2,400,000,000" in norway.inner_text()
    assert page.locator(".source-text a.draft-tag").nth(2).inner_text() == "[draft 3: corrected, pending]"
    page.screenshot(path=artefacts / "3-corrected.png", full_page=True)

    usa = page.locator("article", has=page.get_by_role("heading", name="Draft 2"))
    usa.locator("summary", has_text="Reject").focus()  # by keyboard: open, type the reason, submit with Enter
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("the US figure is in the Kiel data")
    page.keyboard.press("Enter")
    page.get_by_text("Rejected.", exact=True).wait_for()
    assert "Rejected by ida.analyst" in usa.inner_text()
    assert page.locator(".source-text a.draft-tag").nth(1).inner_text() == "[draft 2: rejected]"
    assert "You may not confirm this draft" in norway.inner_text()  # an analyst does not write the ledger
    page.screenshot(path=artefacts / "4-rejected.png", full_page=True)
    page.get_by_role("button", name="Log out").click()

    page.goto(server + "/sources")
    _sign_in(page, "**/sources", "sec.coord")
    page.get_by_role("link", name=re.compile("FMN, 2 April 2024")).click()
    norway = page.locator("article", has=page.get_by_role("heading", name="Draft 3"))
    token = page.evaluate("document.body.getAttribute('hx-headers')")  # as if the session had changed meanwhile:
    page.evaluate("""document.body.setAttribute('hx-headers', '{"X-CSRF-Token": "expired"}')""")
    norway.get_by_role("button", name="Confirm").click()
    problem = page.locator("#main > .problem[role=alert]")  # said above the page; the card stays as it was
    problem.wait_for()
    assert "CSRF token is missing or wrong" in problem.inner_text()
    assert norway.get_by_role("button", name="Confirm").is_visible()
    page.evaluate("(token) => document.body.setAttribute('hx-headers', token)", token)
    norway.get_by_role("button", name="Confirm").click()
    confirmed = page.get_by_text(re.compile(r"Confirmed: recorded as ledger entry #\d+\."))
    confirmed.wait_for()
    page.screenshot(path=artefacts / "5-confirmed.png", full_page=True)
    norway.get_by_role("link", name=re.compile(r"Ledger entry #\d+")).click()
    page.wait_for_url(re.compile(r".*/ledger/\d+$"))
    details = page.locator("dl.details").inner_text()
    assert "NOK2,400,000,000.00" in details and "source document #1: FMN, 2 April 2024" in details
    assert page.locator("#entry-origin mark").inner_text() == "2,5 mia. kr."
    page.screenshot(path=artefacts / "6-ledger-entry.png", full_page=True)
    page.locator("#entry-origin a").click()
    page.wait_for_url(re.compile(r".*/sources/1#draft-\d+$"))
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than a phone
    page.screenshot(path=artefacts / "7-review-phone.png", full_page=True)
    assert sorted(p.name for p in artefacts.iterdir()) == [
        "1-pasted.png", "2-drafts.png", "3-corrected.png", "4-rejected.png", "5-confirmed.png",
        "6-ledger-entry.png", "7-review-phone.png",
    ]  # fmt: skip
