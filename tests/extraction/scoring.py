"""Scoring the reader against a corpus of written cases: shared by the corpus test and benchmarks/extraction.py.

A finding is right when its amount, currency, qualifier and donor all equal an expected amount of the same
case (each expected amount matches at most one finding). Kind and term are scored on the right findings
whose case states them.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from ramstein.bootstrap import lexicons, shipped_rates
from ramstein.domain.extraction.reading import Finding, read_text

HERE = Path(__file__).parent
CORPUS, HELDOUT = HERE / "corpus.yaml", HERE / "heldout.yaml"


@dataclass
class Score:
    found: int = 0
    expected: int = 0
    right: int = 0
    extra_checked: int = 0
    extra_right: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def key(amount: Any, currency: Any, qualifier: Any, donor: Any) -> tuple[Decimal, Any, Any, Any]:
    return Decimal(str(amount)), currency, qualifier, donor


def score_case(case: dict[str, Any], findings: list[Finding], score: Score) -> None:
    expected = list(case["expect"] or [])
    score.found += len(findings)
    score.expected += len(expected)
    open_ = list(expected)
    for f in findings:
        got = key(f.amount, f.currency, f.qualifier, f.donor)
        match = next((e for e in open_ if key(e["amount"], e["currency"], e["qualifier"], e["donor"]) == got), None)
        if match is None:
            score.problems.append(f"  false or wrong: {case['text']!r}\n      read {got}")
            continue
        open_.remove(match)
        score.right += 1
        _score_extras(match, f, score, case)
    for e in open_:
        score.problems.append(
            f"  missed: {case['text']!r}\n      expected {key(e['amount'], e['currency'], e['qualifier'], e['donor'])}"
        )


def _score_extras(expected: dict[str, Any], f: Finding, score: Score, case: dict[str, Any]) -> None:
    checks = []
    if "kind" in expected:
        checks.append(("kind", expected["kind"], f.kind))
    if "starts" in expected:
        checks.append(
            ("term", (expected["starts"], expected["ends"]), (f.starts and f.starts.year, f.ends and f.ends.year))
        )
    for name, want, got in checks:
        score.extra_checked += 1
        if want == got:
            score.extra_right += 1
        else:
            score.problems.append(f"  {name}: {case['text']!r}\n      expected {want}, read {got}")


def run(path: Path) -> tuple[dict[str, Score], float, int]:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    rates = shipped_rates()
    scores: dict[str, Score] = defaultdict(Score)
    started = time.perf_counter()
    for case in cases:
        on = case["date"] if isinstance(case["date"], date) else date.fromisoformat(case["date"])
        reading = read_text(case["text"], lexicons().for_language(case["lang"]), on, rates)
        score_case(case, list(reading.findings), scores[case["lang"]])
    return scores, time.perf_counter() - started, len(cases)


def totals(scores: dict[str, Score]) -> Score:
    total = Score()
    for s in scores.values():
        for attr in ("found", "expected", "right", "extra_checked", "extra_right"):
            setattr(total, attr, getattr(total, attr) + getattr(s, attr))
        total.problems.extend(s.problems)
    return total
