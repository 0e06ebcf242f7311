"""API v1: the read API shared by the map, outside users and anyone who wants the data.

Mounted at ``/api/v1/`` (outside the language prefixes): ``lang=hu|en|de`` chooses the
language of labels instead. Browsable docs at ``/api/v1/docs`` use the Swagger UI files
vendored under ``api/static/api/vendor/`` so the page loads nothing from a third party.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

from kozkincs.api import catalogs, records, settlements
from kozkincs.api.errors import install_error_handlers, request_language

SWAGGER_UI = "api/vendor/swagger-ui-5.35.0/"

DESCRIPTION = """\
Read access to the public records of the Közkincs heritage catalogs, the catalog definitions
and the gazetteer of settlements. Only published records and consented personal fields appear.

* `lang=hu|en|de` (default `hu`) chooses the language of names and labels.
* Invalid parameters give **400** with `{"detail": …, "parameter": …}` naming the parameter;
  unknown ids give **404** with `{"detail": …}`.
* `GET /records` filters by the facet fields of a catalog with `facet.<field>=<value>`
  parameters (repeat one for several values), e.g. `catalog=natural-values&facet.kind=cave`.
"""


class VendoredSwagger(DocsBase):
    """Swagger UI from the project's own static files (no CDN, CSP-friendly)."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        context = {
            "title": api.title,
            "language": request_language(request),
            "openapi_url": self.get_openapi_url(api, kwargs),
            "swagger_css": SWAGGER_UI + "swagger-ui.css",
            "swagger_js": SWAGGER_UI + "swagger-ui-bundle.js",
        }
        return render(request, "api/docs.html", context)


api = NinjaAPI(
    title="Közkincs API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs=VendoredSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)
api.add_router("", catalogs.router)
api.add_router("", records.router)
api.add_router("", settlements.router)
