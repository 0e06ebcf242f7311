"""Közkincs: the cultural heritage and cultural network portal of a Hungarian micro-region."""

__version__ = "0.1.0"
