"""Removing accents: deleting the combining characters that a Unicode decomposition (NFD or
NFKD) leaves after the letters they belonged to.

``str.translate`` with a table filled per character as it is first met: a dictionary
look-up per character instead of a Python call to ``unicodedata.combining`` (the folding of
every name an import reads, and of every record's text the search index keeps).
"""

import unicodedata


class _CombiningMarks(dict):
    """Code point → ``None`` (deleted) for a combining character, itself otherwise."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_COMBINING_MARKS = _CombiningMarks()


def without_combining_marks(text: str) -> str:
    """``text`` without its combining characters (those of non-zero combining class)."""
    return text.translate(_COMBINING_MARKS)
