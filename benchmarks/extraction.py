"""Precision and recall of the extraction reader on the corpus written for the project.

    python benchmarks/extraction.py [--corpus tests/extraction/corpus.yaml] [--heldout tests/extraction/heldout.yaml]
                                    [--verbose]

A finding is right when its amount, currency, qualifier and donor all equal an expected amount of the same
case (each expected amount matches at most one finding). Precision: right findings / findings; recall: right
findings / expected amounts; per language and overall, for the corpus and the held-out part apart. Kind and
term are scored on the right findings whose case states them. `--verbose` lists every miss and false find.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the scoring is shared with the corpus test

from ramstein.bootstrap import lexicons  # noqa: E402 - after the path is set
from tests.extraction.scoring import CORPUS, HELDOUT, Score, run  # noqa: E402

LANGS = ("en", "da", "nb", "sv", "de")


def report(name: str, scores: dict[str, Score], seconds: float, cases: int, verbose: bool) -> None:
    total = Score()
    print(f"\n{name}: {cases} cases, read in {seconds * 1000:.0f} ms (lexicons built beforehand)")
    print(f"{'lang':6} {'expected':>8} {'found':>6} {'right':>6} {'precision':>9} {'recall':>7} {'kind/term':>10}")
    for lang in [*LANGS, "all"]:
        s = total if lang == "all" else scores.get(lang, Score())
        if lang != "all":
            for attr in ("found", "expected", "right", "extra_checked", "extra_right"):
                setattr(total, attr, getattr(total, attr) + getattr(s, attr))
            total.problems.extend(s.problems)
        extras = f"{s.extra_right}/{s.extra_checked}"
        print(f"{lang:6} {s.expected:8} {s.found:6} {s.right:6} {s.precision:9.3f} {s.recall:7.3f} {extras:>10}")
    if verbose:
        print("\n".join(total.problems))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--heldout", type=Path, default=HELDOUT)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    for lang in LANGS:
        lexicons().for_language(lang)
    print(f"lexicons of {len(LANGS)} languages built from CLDR in {time.perf_counter() - started:.2f} s")
    for name, path in (("corpus", args.corpus), ("held-out", args.heldout)):
        if path.exists():
            report(name, *run(path), verbose=args.verbose)


if __name__ == "__main__":
    main(sys.argv[1:])
