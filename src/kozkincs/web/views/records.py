"""A record's page, and the permanent link that always finds it by id."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.selectors import (
    record_get_public,
    record_json_ld,
    record_public_fields,
    record_public_queryset,
    record_relations,
)
from kozkincs.core.i18n import current_language, localized_attribute
from kozkincs.media.selectors import images_json_ld, record_media
from kozkincs.web.geojson import record_location_collection


def record_detail(request: HttpRequest, catalog: str, slug: str) -> HttpResponse:
    definition = catalog_get(catalog)
    if definition is None:
        raise Http404("catalog")
    try:
        record = record_get_public(catalog=catalog, slug=slug)
    except Record.DoesNotExist:
        raise Http404("record") from None
    language = current_language()
    catalog_label = definition.label.get(language)
    json_ld = record_json_ld(record=record, language=language)
    if json_ld.get("url"):
        json_ld["url"] = request.build_absolute_uri(json_ld["url"])
    media = record_media(record=record, viewer=request.user, language=language)
    if media.images:
        json_ld["image"] = images_json_ld(media.images, absolute=request.build_absolute_uri)
    permalink = reverse("web:record_permalink", kwargs={"record_id": record.pk})
    context = {
        "record": record,
        "catalog": definition,
        "catalog_label": catalog_label,
        # The public page shows what every visitor may see, whoever is logged in.
        "fields": record_public_fields(record=record, language=language, viewer=None),
        "relations": record_relations(record=record, public_only=True),
        "json_ld": json_ld,
        "media": media,
        "location": record_location_collection(
            record, name=localized_attribute(record, "name", language)
        ),
        "permanent_url": request.build_absolute_uri(permalink),
        "crumbs": [
            (catalog_label, reverse("web:catalog_detail", kwargs={"catalog": catalog})),
            (localized_attribute(record, "name", language), None),
        ],
    }
    return render(request, "web/catalog/record_detail.html", context)


def record_permalink(request: HttpRequest, record_id: int) -> HttpResponse:
    """``/r/<id>/``: stays valid when a record's name, slug or catalog label changes."""
    found = record_public_queryset().filter(pk=record_id).values_list("catalog", "slug").first()
    if found is None:
        raise Http404(_("There is no public record with this number."))
    catalog, slug = found
    return redirect("web:record_detail", catalog=catalog, slug=slug)
