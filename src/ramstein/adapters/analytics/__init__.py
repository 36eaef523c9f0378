"""The analytic store: `stage_sums` over millions of ledger entries, in DuckDB, fed incrementally."""

from __future__ import annotations

from ramstein.adapters.analytics.store import DuckDbAnalytics, analytics_path

__all__ = ["DuckDbAnalytics", "analytics_path"]
