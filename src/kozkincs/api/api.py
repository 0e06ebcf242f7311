"""API v1: the read API shared by the map, outside users and anyone who wants the data.

Mounted at ``/api/v1/`` (outside the language prefixes): ``lang=hu|en|de`` chooses the
language of labels instead. Browsable docs at ``/api/v1/docs`` use the Swagger UI files
vendored under ``api/static/api/vendor/`` so the page loads nothing from a third party.
"""

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

from kozkincs.api import catalogs, records, settlements, writes  # noqa: F401 (see below)
from kozkincs.api.errors import install_error_handlers, request_language
from kozkincs.api.openapi import add_facet_parameters
from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.registry import catalog_list

SWAGGER_UI = "api/vendor/swagger-ui-5.35.0/"

DESCRIPTION = """\
Read access to the public records of the Közkincs heritage catalogs, the catalog definitions
and the gazetteer of settlements. Only published records and consented personal fields appear.

* `lang=hu|en|de` (default `hu`) chooses the language of names and labels.
* Invalid parameters give **400** with `{"detail": …, "parameter": …}` naming the parameter;
  unknown ids give **404** with `{"detail": …}`. Every other error is JSON `{"detail": …}`
  too: an unknown path (404), a method the path does not take (405), a busy database (**503**
  with `Retry-After`), a server error (500).
* Any web page may call the read API from JavaScript (CORS: any origin, no credentials).
* **Writing** (`POST /records`, `PATCH /records/{id}`, `POST /records/{id}/archive`) needs an
  API token (`Authorization: Bearer <token>`), created on the account's *API tokens* page. A
  token acts with its owner's roles: those who may publish get the record saved (201/200),
  everyone else a change request for the moderators (202). A stale `version` gives **409**;
  a missing, revoked or expired token **401**; a role that does not allow it **403**; too
  many requests **429** with `Retry-After`.
* Every facet value `GET /records` returns is the value of its filter: settlements by KSH code
  (`settlement=32054`), catalogs by key (`catalog=natural-values`), priorities by number
  (`priority=2`), and a catalog's own facets with `facet.<field>=<value>` parameters (repeat
  one for several values), e.g. `catalog=natural-values&facet.kind=cave`. The counts a facet
  shows are the totals its values give as filters.
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


class PortalAPI(NinjaAPI):
    """The API, whose OpenAPI document also lists the facet filters the catalogs define."""

    def get_openapi_schema(
        self,
        *,
        path_prefix: str | None = None,
        path_params: dict[str, Any] | None = None,
        catalogs: Iterable[CatalogDefinition] | None = None,
    ) -> dict[str, Any]:
        """The document; the facet filters of ``catalogs`` (default: every catalog)."""
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        add_facet_parameters(
            document, records.FACET_FILTERED_PATHS, catalog_list() if catalogs is None else catalogs
        )
        return document


api = PortalAPI(
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
api.add_router("", records.router)  # with the write operations of ``writes`` (same paths)
api.add_router("", settlements.router)
