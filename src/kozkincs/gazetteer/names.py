"""Settlement names: accent folding for lookups and stable slugs."""

import unicodedata

from django.utils.text import slugify

from kozkincs.core.accents import without_combining_marks


def fold_name(text: str) -> str:
    """Lower-case ``text`` and drop accents: "Őriszentpéter" -> "oriszentpeter"."""
    if text.isascii():  # nothing to decompose (a shortcut for the import's many cells)
        return text.casefold().strip()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return without_combining_marks(decomposed).strip()


def settlement_slug(name: str, county_name: str = "") -> str:
    """The slug of a settlement; with ``county_name`` the disambiguated form "komlo-baranya"."""
    base = slugify(name) or "telepules"
    return f"{base}-{slugify(county_name)}" if county_name else base
