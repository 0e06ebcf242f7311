"""Machine-readable endpoints outside the language prefixes (``/opendata/…``, ``/oai``)."""

from django.urls import path

from kozkincs.opendata.dcat import views as dcat_views
from kozkincs.opendata.exports import views as export_views
from kozkincs.opendata.oai import views as oai_views

app_name = "opendata"

urlpatterns: list = [
    path("oai", oai_views.oai_endpoint, name="oai"),
    path("opendata/catalog", dcat_views.catalog_document, name="dcat"),
    path("opendata/catalog.ttl", dcat_views.catalog_turtle, name="dcat_turtle"),
    path("opendata/catalog.jsonld", dcat_views.catalog_json_ld, name="dcat_json_ld"),
    path(
        "opendata/records.<slug:format_key>",
        export_views.region_download,
        name="region_download",
    ),
    path(
        "opendata/<slug:catalog>.<slug:format_key>",
        export_views.catalog_download,
        name="catalog_download",
    ),
]
