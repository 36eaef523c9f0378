"""Use cases: load through ports, check, call the domain, commit."""
