"""The one place where a record's digital object (its cover image) enters the EDM records.

Photos arrive with issue 8. Until then no record has a cover image: this returns an empty
mapping, and every record is shown at its page (``edm:isShownAt``) only. When images exist,
return ``{record id: absolute image URL}`` for the given records, read in one query; the EDM
writer then adds ``edm:isShownBy`` and the records become ``edm:type`` ``IMAGE`` (unless
their catalog sets ``edm_type``).
"""

from kozkincs.catalog.models import Record


def cover_images(records: list[Record], *, origin: str) -> dict[int, str]:
    return {}
