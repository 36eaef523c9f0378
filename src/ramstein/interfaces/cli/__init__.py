"""The `ramstein` command line (Typer + Rich)."""
