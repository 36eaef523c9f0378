"""Adapters: the implementations of the service ports (SQL storage, in-memory fakes, importers, solvers)."""
