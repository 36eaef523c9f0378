"""Rendering time of the burden report per format for 40 nations (issue 3): cold first call and warm median.

    .venv/bin/python benchmarks/render.py [--lang da] [--repeat 5]

The cold call includes importing the format's libraries and, for HTML and PDF, starting vl-convert's
JavaScript engine once per process; warm calls are what a server pays per request.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the report builder lives with the tests

from ramstein.reports.render import FORMATS, render
from tests.report_builders import forty_nation_report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="da")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    report = forty_nation_report()
    print(f"{len(report.rows)} nations, {len(report.history)} periods, language {args.lang}")
    print(f"{'format':<6} {'cold':>9} {'warm (median)':>14} {'size':>10}")
    for fmt in FORMATS:
        start = time.perf_counter()
        data = render(report, fmt, args.lang)
        cold = time.perf_counter() - start
        warm = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            render(report, fmt, args.lang)
            warm.append(time.perf_counter() - start)
        print(f"{fmt:<6} {cold * 1000:>7.0f}ms {statistics.median(warm) * 1000:>12.0f}ms {len(data):>9,}B")


if __name__ == "__main__":
    main()
