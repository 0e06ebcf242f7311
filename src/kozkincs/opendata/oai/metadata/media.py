"""The one place where a record's digital object (its cover image) enters the EDM records.

``{record id: absolute image URL}`` of the cover photos of the given records (published
records' public images only), read in one query; the EDM writer then adds ``edm:isShownBy``
and the records become ``edm:type`` ``IMAGE`` (unless their catalog sets ``edm_type``).
"""

from kozkincs.catalog.models import Record
from kozkincs.media.selectors import record_covers


def cover_images(records: list[Record], *, origin: str) -> dict[int, str]:
    covers = record_covers([record.pk for record in records])
    return {pk: origin + cover.url for pk, cover in covers.items()}
