"""Records as the API shows them: plain dicts shaped like the schemas in ``api/schemas.py``.

Called inside ``translation.override(language)`` so page URLs carry the language prefix.
"""

from django.urls import reverse

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
from kozkincs.gazetteer.models import Settlement
from kozkincs.media.selectors import ImageView, images_json_ld, record_images


def settlement_reference(settlement: Settlement | None) -> dict | None:
    """How a record names its settlements (and the start of a settlement's own answer)."""
    if settlement is None:
        return None
    return {
        "ksh_code": settlement.ksh_code,
        "name": settlement.name,
        "slug": settlement.slug,
        "url": reverse("api-v1:settlement_detail", kwargs={"ksh_code": settlement.ksh_code}),
    }


def record_api_url(record: Record) -> str:
    return reverse("api-v1:record_detail", kwargs={"record_id": record.pk})


def record_summary(record: Record, language: str) -> dict:
    return {
        "id": record.pk,
        "catalog": record.catalog,
        "name": localized_attribute(record, "name", language),
        "summary": localized_attribute(record, "summary", language),
        "settlement": settlement_reference(record.settlement),
        "lat": record.lat,
        "lon": record.lon,
        "url": record_api_url(record),
        "html_url": record.get_absolute_url(),
    }


def record_item(record: Record, language: str) -> dict:
    """A search hit: the summary plus the highlighted snippet the search selector attached."""
    return {**record_summary(record, language), "snippet": str(getattr(record, "snippet", ""))}


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


def record_feature(record: Record, language: str, cover: ImageView | None = None) -> dict:
    """A search hit on the map: its own point, or its settlement's centre (``approximate``)."""
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
            "url": record_api_url(record),
            "html_url": record.get_absolute_url(),
            "image": cover_data(cover),
        },
    }


def record_reference(record: Record, language: str) -> dict:
    return {
        "id": record.pk,
        "catalog": record.catalog,
        "name": localized_attribute(record, "name", language),
        "url": record_api_url(record),
        "html_url": record.get_absolute_url(),
    }


def _field(field: PublicField) -> dict:
    return {
        "key": field.key,
        "label": field.label,
        "type": field.type,
        "value": field.value,
        "display": str(field.display),
    }


def _relation_group(group: RelationGroup, language: str) -> dict:
    return {
        "field": group.field_key,
        "source_catalog": group.source_catalog,
        "direction": group.direction,
        "label": group.label,
        "records": [record_reference(record, language) for record in group.records],
    }


def record_detail(record: Record, language: str, *, images: list[ImageView] | None = None) -> dict:
    """The record's public JSON; ``images`` (its photos in ``language``) when already read."""
    definition = catalog_get(record.catalog)
    if images is None:
        images = record_images([record.pk], language=language).get(record.pk, [])
    json_ld = record_json_ld(record=record, language=language)
    if images and json_ld:
        json_ld["image"] = images_json_ld(images)
    return {
        **record_summary(record, language),
        "catalog_label": definition.label.get(language) if definition else record.catalog,
        "schema_org_type": definition.schema_org_type if definition else "Thing",
        "description": localized_attribute(record, "description", language),
        "settlements": [settlement_reference(s) for s in record.settlements.all()],
        "priorities": [
            {"number": p.number, "name": localized_attribute(p, "name", language)}
            for p in record.priorities.all()
        ],
        "tags": [str(tag) for tag in record.tags or []],
        "sources": list(record.sources or []),
        "fields": [_field(f) for f in record_public_fields(record=record, language=language)],
        "relations": [
            _relation_group(group, language)
            for group in record_relations(record=record, public_only=True)
        ],
        "images": [image_data(image) for image in images],
        "published_at": record.published_at.isoformat() if record.published_at else None,
        "updated_at": record.updated_at.isoformat(),
        "json_ld": json_ld,
    }
