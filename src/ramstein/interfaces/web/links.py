"""Where a figure leads: every amount on a page links to the ledger entries it sums (the drill-down)."""

from __future__ import annotations

from ramstein.domain.ledger import EntryKind
from ramstein.interfaces.web.burden_choice import Choice
from ramstein.interfaces.web.page import query
from ramstein.reports.burden import BurdenReport
from ramstein.reports.render.view import ALLY_COLUMNS

COLUMN = {name: i for i, name in enumerate(ALLY_COLUMNS)}
STAGE_COLUMNS = {"col.pledged": EntryKind.PLEDGE, "col.committed": EntryKind.COMMITMENT,
                 "col.delivered": EntryKind.DELIVERY}  # fmt: skip


def nation(code: str, chosen: Choice) -> str:
    return f"/nations/{code}" + query(**chosen.params())


def explain(code: str, chosen: Choice, stage: EntryKind | None = None) -> str:
    """The entries one ally's figure sums, as the report counts them (phased pledges with their share)."""
    return "/ledger/explain" + query(nation=code, stage=stage.value if stage else None, **chosen.params())


def ally_links(report: BurdenReport, chosen: Choice, credit_stage: EntryKind) -> list[dict[int, str]]:
    rows = []
    for row in report.rows:
        links = {COLUMN["col.nation"]: nation(row.nation, chosen)}
        links |= {COLUMN[col]: explain(row.nation, chosen, stage) for col, stage in STAGE_COLUMNS.items()}
        links[COLUMN["col.credit"]] = explain(row.nation, chosen, credit_stage)
        rows.append(links)
    return rows


def history_links(report: BurdenReport, chosen: Choice) -> list[dict[int, str]]:
    """A year of the history leads to the overview of that year."""
    return [{0: "/" + query(rules=chosen.rules, period=p.label)} for p in report.history]
