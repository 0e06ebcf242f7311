"""Settlement names: accent folding for lookups and stable slugs."""

import unicodedata

from django.utils.text import slugify


def fold_name(text: str) -> str:
    """Lower-case ``text`` and drop accents: "Őriszentpéter" -> "oriszentpeter"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()


def settlement_slug(name: str, county_name: str = "") -> str:
    """The slug of a settlement; with ``county_name`` the disambiguated form "komlo-baranya"."""
    base = slugify(name) or "telepules"
    return f"{base}-{slugify(county_name)}" if county_name else base
