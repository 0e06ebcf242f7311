"""Records as the API shows them: plain dicts shaped like the schemas in ``api/schemas.py``.

Called inside ``translation.override(language)`` so page URLs carry the language prefix.
Many records at once (a page of results, a batch of stored JSON) share one
:class:`RecordAddresses`, so each URL pattern is reversed once, not once per link.
"""

from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.selectors import (
    PublicField,
    RelationGroup,
    record_json_ld,
    record_public_fields,
    record_relations,
)
from kozkincs.core.i18n import localized_attribute
from kozkincs.core.reversed_urls import ReversedUrl
from kozkincs.gazetteer.models import Settlement
from kozkincs.media.selectors import ImageView, images_json_ld, record_images


class RecordAddresses:
    """The API and page addresses of records and settlements in the active language."""

    def __init__(self) -> None:
        self._record_api = ReversedUrl("api-v1:record_detail", record_id=918273645)
        self._record_page = ReversedUrl("web:record_detail", catalog="catalogkey", slug="slugtext")
        self._settlement_api = ReversedUrl("api-v1:settlement_detail", ksh_code="kshcode")

    def record_api(self, record: Record) -> str:
        return self._record_api.fill(record_id=record.pk)

    def record_page(self, record: Record) -> str:
        """``record.get_absolute_url()``."""
        return self._record_page.fill(catalog=record.catalog, slug=record.slug)

    def settlement_api(self, settlement: Settlement) -> str:
        return self._settlement_api.fill(ksh_code=settlement.ksh_code)


def settlement_reference(
    settlement: Settlement | None, addresses: RecordAddresses | None = None
) -> dict | None:
    """How a record names its settlements (and the start of a settlement's own answer)."""
    if settlement is None:
        return None
    return {
        "ksh_code": settlement.ksh_code,
        "name": settlement.name,
        "slug": settlement.slug,
        "url": (addresses or RecordAddresses()).settlement_api(settlement),
    }


def record_summary(record: Record, language: str, addresses: RecordAddresses | None = None) -> dict:
    addresses = addresses or RecordAddresses()
    return {
        "id": record.pk,
        "catalog": record.catalog,
        "name": localized_attribute(record, "name", language),
        "summary": localized_attribute(record, "summary", language),
        "settlement": settlement_reference(record.settlement, addresses),
        "lat": record.lat,
        "lon": record.lon,
        "url": addresses.record_api(record),
        "html_url": addresses.record_page(record),
    }


def record_item(record: Record, language: str, addresses: RecordAddresses | None = None) -> dict:
    """A search hit: the summary plus the highlighted snippet the search selector attached."""
    return {
        **record_summary(record, language, addresses),
        "snippet": str(getattr(record, "snippet", "")),
    }


def image_data(image: ImageView) -> dict:
    return {
        "id": image.id,
        "url": image.url,
        "width": image.width,
        "height": image.height,
        "alt": image.alt,
        "alt_lang": image.alt_language,
        "credit": image.credit,
        "licence": {
            "key": image.licence.key,
            "label": str(image.licence.label),
            "url": image.licence.url,
        },
        "is_cover": image.is_cover,
        "thumbnails": [
            {"width": r.width, "height": r.height, "url": r.url} for r in image.renditions
        ],
    }


def cover_data(cover: ImageView | None) -> dict | None:
    if cover is None:
        return None
    thumbnail = cover.thumbnail
    return {
        "url": thumbnail.url,
        "width": thumbnail.width,
        "height": thumbnail.height,
        "alt": cover.alt,
    }


def record_feature(
    record: Record,
    language: str,
    cover: ImageView | None = None,
    addresses: RecordAddresses | None = None,
) -> dict:
    """A search hit on the map: its own point, or its settlement's centre (``approximate``)."""
    addresses = addresses or RecordAddresses()
    return {
        "type": "Feature",
        "id": record.pk,
        "geometry": {"type": "Point", "coordinates": [record.map_lon, record.map_lat]},
        "properties": {
            "id": record.pk,
            "approximate": record.map_approximate,
            "catalog": record.catalog,
            "name": localized_attribute(record, "name", language),
            "settlement": record.settlement.name if record.settlement else None,
            "url": addresses.record_api(record),
            "html_url": addresses.record_page(record),
            "image": cover_data(cover),
        },
    }


def record_reference(record: Record, language: str, addresses: RecordAddresses) -> dict:
    return {
        "id": record.pk,
        "catalog": record.catalog,
        "name": localized_attribute(record, "name", language),
        "url": addresses.record_api(record),
        "html_url": addresses.record_page(record),
    }


def _field(field: PublicField) -> dict:
    return {
        "key": field.key,
        "label": field.label,
        "type": field.type,
        "value": field.value,
        "display": str(field.display),
    }


def _relation_group(group: RelationGroup, language: str, addresses: RecordAddresses) -> dict:
    return {
        "field": group.field_key,
        "source_catalog": group.source_catalog,
        "direction": group.direction,
        "label": group.label,
        "records": [record_reference(record, language, addresses) for record in group.records],
    }


def record_detail(
    record: Record,
    language: str,
    *,
    images: list[ImageView] | None = None,
    addresses: RecordAddresses | None = None,
) -> dict:
    """The record's public JSON; ``images`` (its photos in ``language``) when already read,
    ``addresses`` when shared by a batch."""
    definition = catalog_get(record.catalog)
    addresses = addresses or RecordAddresses()
    if images is None:
        images = record_images([record.pk], language=language).get(record.pk, [])
    page = addresses.record_page(record)
    json_ld = record_json_ld(record=record, language=language, url=page)
    if images and json_ld:
        json_ld["image"] = images_json_ld(images)
    return {
        **record_summary(record, language, addresses),
        "catalog_label": definition.label.get(language) if definition else record.catalog,
        "schema_org_type": definition.schema_org_type if definition else "Thing",
        "description": localized_attribute(record, "description", language),
        "settlements": [settlement_reference(s, addresses) for s in record.settlements.all()],
        "priorities": [
            {"number": p.number, "name": localized_attribute(p, "name", language)}
            for p in record.priorities.all()
        ],
        "tags": [str(tag) for tag in record.tags or []],
        "sources": list(record.sources or []),
        "fields": [_field(f) for f in record_public_fields(record=record, language=language)],
        "relations": [
            _relation_group(group, language, addresses)
            for group in record_relations(record=record, public_only=True)
        ],
        "images": [image_data(image) for image in images],
        "published_at": record.published_at.isoformat() if record.published_at else None,
        "updated_at": record.updated_at.isoformat(),
        "json_ld": json_ld,
    }
