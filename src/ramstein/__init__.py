"""ramstein: coordinates long-term, fairly shared, multinational military support for Ukraine."""

__version__ = "0.1.0"
