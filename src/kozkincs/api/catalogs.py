"""``/catalogs``: the thematic databases, their fields and facets, with record counts."""

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.decorators import decorate_view

from kozkincs.api.errors import ERROR_RESPONSES, NOT_FOUND_RESPONSES
from kozkincs.api.filters import FACET_PREFIX
from kozkincs.api.schemas import CatalogOut, LanguageOption
from kozkincs.catalog.definitions import CatalogDefinition, FieldDefinition, LocalizedText
from kozkincs.catalog.registry import catalog_get, catalog_list
from kozkincs.catalog.selectors import record_counts_by_catalog
from kozkincs.core.i18n import CONTENT_LANGUAGES
from kozkincs.search.cache import public_read

router = Router(tags=["catalogs"])


def labels(text: LocalizedText) -> dict[str, str]:
    return {language: text.get(language) for language in CONTENT_LANGUAGES}


def serialize_field(definition: CatalogDefinition, field: FieldDefinition, language: str) -> dict:
    terms = definition.terms(field.vocabulary) if field.vocabulary else {}
    return {
        "key": field.key,
        "type": field.type,
        "label": field.label.get(language),
        "labels": labels(field.label),
        "help": field.help.get(language) if field.help else "",
        "required": field.required,
        "multiple": field.multiple,
        "personal": field.personal,
        "may_be_personal": field.may_be_personal,
        "facet": field.key in definition.facets,
        "terms": [{"key": key, "label": text.get(language)} for key, text in terms.items()],
        "target_catalog": field.target_catalog,
        "subfields": [sub.key for sub in field.fields or []],
        "schema_property": field.schema_property,
    }


def serialize_catalog(definition: CatalogDefinition, language: str, record_count: int) -> dict:
    fields = definition.field_map
    return {
        "key": definition.key,
        "label": definition.label.get(language),
        "labels": labels(definition.label),
        "record_label": definition.record_label.get(language),
        "description": definition.description.get(language),
        "schema_org_type": definition.schema_org_type,
        "record_kind": definition.record_kind,
        "record_count": record_count,
        "facets": [
            {
                "key": key,
                "label": fields[key].label.get(language),
                "parameter": FACET_PREFIX + key,
            }
            for key in definition.facets
        ],
        # Fields that are never public are not part of the public description either.
        "fields": [
            serialize_field(definition, field, language)
            for field in definition.fields
            if field.public
        ],
        "url": reverse("api-v1:catalog_detail", kwargs={"key": definition.key}),
    }


@router.get(
    "/catalogs",
    response={200: list[CatalogOut], **ERROR_RESPONSES},
    url_name="catalog_list",
    summary="List the thematic databases",
)
@decorate_view(public_read)
def catalog_list_endpoint(request: HttpRequest, options: Query[LanguageOption]) -> list[dict]:
    """Every catalog with its field definitions, facets, schema.org type and record count."""
    lang = options.lang
    counts = record_counts_by_catalog()
    return [
        serialize_catalog(definition, lang, counts.get(definition.key, 0))
        for definition in catalog_list()
    ]


@router.get(
    "/catalogs/{key}",
    response={200: CatalogOut, **NOT_FOUND_RESPONSES},
    url_name="catalog_detail",
    summary="One thematic database",
)
@decorate_view(public_read)
def catalog_detail_endpoint(
    request: HttpRequest, key: Path[str], options: Query[LanguageOption]
) -> dict:
    lang = options.lang
    definition = catalog_get(key)
    if definition is None:
        with translation.override(lang):
            raise Http404(_("There is no catalog '%(key)s'.") % {"key": key})
    counts = record_counts_by_catalog()
    return serialize_catalog(definition, lang, counts.get(definition.key, 0))
