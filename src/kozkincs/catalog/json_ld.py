"""schema.org JSON-LD of a public record: the ``@type`` comes from the catalog definition,
fields with a ``schema_property`` add their values; only what a visitor may see."""

from django.urls import NoReverseMatch

from kozkincs.catalog.fields import field_type
from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.visibility import field_visible, value_settlements
from kozkincs.core.i18n import localized_attribute


def _url(record: Record) -> str:
    try:
        return record.get_absolute_url()
    except NoReverseMatch:
        return ""


def _base(record: Record, definition, language: str, url: str | None) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": definition.schema_org_type,
        "name": localized_attribute(record, "name", language),
        "inLanguage": language,
    }
    summary = localized_attribute(record, "summary", language)
    if summary:
        data["description"] = summary
    if url := (_url(record) if url is None else url):
        data["url"] = url
    if record.lat is not None and record.lon is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": record.lat, "longitude": record.lon}
    if record.settlement_id:
        data["containedInPlace"] = {"@type": "Place", "name": record.settlement.name}
    if record.tags:
        data["keywords"] = ", ".join(record.tags)
    sources = [s["url"] for s in record.sources or [] if s.get("url")]
    if sources:
        data["citation"] = sources
    return data


def record_json_ld(*, record: Record, language: str, url: str | None = None) -> dict:
    """The JSON-LD object of ``record`` (empty for a record that is not public); ``url`` its
    page's address when the caller has it already."""
    definition = catalog_get(record.catalog)
    if definition is None or not record.is_public:
        return {}
    data = _base(record, definition, language, url)
    settlements = value_settlements(record, definition)
    for fdef in definition.fields:
        kind = field_type(fdef.type)
        # References to records live in relations, which this JSON-LD leaves out.
        if not fdef.schema_property or kind.in_relations or not field_visible(record, fdef):
            continue
        value = kind.read(record.values, {}, field=fdef, settlements=settlements)
        if value in (None, "", []):
            continue
        json_value = kind.json_ld(value, field=fdef, catalog=definition, language=language)
        if json_value not in (None, "", []):
            data[fdef.schema_property] = json_value
    return data
