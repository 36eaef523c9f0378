"""Thin entry points (CLI now; API and web pages later): parse input, one service call, render."""
