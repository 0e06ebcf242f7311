"""A catalog's page: its records with facets, sorting and pages."""

from django.http import Http404, HttpRequest, HttpResponse

from kozkincs.catalog.registry import catalog_get
from kozkincs.core.i18n import current_language
from kozkincs.web.views.listings import render_listing


def catalog_detail(request: HttpRequest, catalog: str) -> HttpResponse:
    definition = catalog_get(catalog)
    if definition is None:
        raise Http404("catalog")
    label = definition.label.get(current_language())
    context = {
        "catalog": definition,
        "catalog_label": label,
        "crumbs": [(label, None)],
        "query_in_form": True,
    }
    return render_listing(
        request,
        "web/catalog/catalog_detail.html",
        context,
        definition=definition,
        hidden_facets=("catalog",),
    )
