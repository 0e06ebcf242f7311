"""The parts of the OpenAPI document that come from the catalog definitions.

The ``facet.<field>`` filters of ``/records`` and ``/records.geojson`` are not Python parameters
(each catalog YAML file defines its own), so they are added to the generated document here, one
optional, repeatable query parameter per facet field key, with the values each catalog allows.
Adding a facet to a catalog documents it.
"""

from collections.abc import Iterable
from typing import Any

from kozkincs.api.filters import FACET_PREFIX
from kozkincs.catalog.definitions import CatalogDefinition, FieldDefinition
from kozkincs.catalog.fields import field_type

type FacetUse = tuple[CatalogDefinition, FieldDefinition, list[str] | None]


def _uses(catalogs: Iterable[CatalogDefinition]) -> dict[str, list[FacetUse]]:
    """Facet field key → (catalog, field, allowed values or None) of every catalog using it."""
    uses: dict[str, list[FacetUse]] = {}
    for catalog in catalogs:
        for key in catalog.facets:
            field = catalog.field_map[key]
            choices = field_type(field.type).facet_choices(field=field, catalog=catalog)
            uses.setdefault(key, []).append((catalog, field, choices))
    return uses


def _described(uses: list[FacetUse]) -> str:
    """The catalogs that have the facet, each with the values it allows."""
    parts = []
    for catalog, field, choices in uses:
        values = ", ".join(f"`{value}`" for value in choices or []) or f"any {field.type}"
        parts.append(f"`{catalog.key}` ({field.label.get('en')}): {values}")
    return "; ".join(parts)


def facet_parameters(catalogs: Iterable[CatalogDefinition]) -> list[dict[str, Any]]:
    """The ``facet.<field>`` query parameters the ``catalogs`` define, sorted by name."""
    parameters = []
    for key, uses in sorted(_uses(catalogs).items()):
        items: dict[str, Any] = {"type": "string"}
        if all(choices is not None for _catalog, _field, choices in uses):
            items["enum"] = list(dict.fromkeys(v for *_rest, choices in uses for v in choices))
        description = (
            "Facet filter (needs `catalog`; repeat for several values, which are OR-ed). "
            f"Values by catalog: {_described(uses)}."
        )
        parameters.append(
            {
                "in": "query",
                "name": FACET_PREFIX + key,
                "required": False,
                "style": "form",
                "explode": True,
                "schema": {"type": "array", "items": items},
                "description": description,
            }
        )
    return parameters


def add_facet_parameters(
    document: dict[str, Any], paths: Iterable[str], catalogs: Iterable[CatalogDefinition]
) -> None:
    """Add the facet filters to the GET operations of the paths ending in one of ``paths``."""
    parameters = facet_parameters(catalogs)
    endings = tuple(paths)
    for path, operations in document.get("paths", {}).items():
        if path.endswith(endings) and "get" in operations:
            operations["get"].setdefault("parameters", []).extend(parameters)
