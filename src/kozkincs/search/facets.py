"""Facet values with their display labels, in the order a visitor expects them."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.registry import catalog_get, catalog_list
from kozkincs.core.i18n import localized_attribute
from kozkincs.gazetteer.models import Settlement
from kozkincs.strategy.models import StrategyPriority

SHARED_FACETS = ("catalog", "settlement", "priority")
FACET_VALUE_LIMIT = 100
"""At most this many values per facet (the most frequent; selected values always stay)."""


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


def facet_names(catalog: CatalogDefinition | None) -> list[str]:
    """The shared facets, plus the catalog's own when one catalog is searched."""
    return [*SHARED_FACETS, *(catalog.facets if catalog else [])]


def _catalog_labels(values: list[str], language: str) -> dict[str, tuple[str, tuple]]:
    order = {definition.key: index for index, definition in enumerate(catalog_list())}
    labels = {}
    for value in values:
        definition = catalog_get(value)
        label = definition.label.get(language) if definition else value
        labels[value] = (label, (order.get(value, len(order)), label))
    return labels


def _settlement_labels(values: list[str], language: str) -> dict[str, tuple[str, tuple]]:
    ids = [int(value) for value in values if value.isdigit()]
    names = dict(Settlement.objects.filter(id__in=ids).values_list("id", "name"))
    return {value: (names.get(int(value), value), None) for value in values if value.isdigit()}


def _priority_labels(values: list[str], language: str) -> dict[str, tuple[str, tuple]]:
    numbers = [int(value) for value in values if value.isdigit()]
    labels = {}
    for priority in StrategyPriority.objects.filter(number__in=numbers):
        name = localized_attribute(priority, "name", language)
        labels[str(priority.number)] = (f"{priority.number}. {name}", (priority.number,))
    return labels


def _field_labels(
    catalog: CatalogDefinition, name: str, values: list[str], language: str
) -> dict[str, tuple[str, tuple | None]]:
    field = catalog.field_map[name]
    if field.vocabulary:
        terms = catalog.terms(field.vocabulary)
        order = {key: index for index, key in enumerate(terms)}
        return {
            v: (terms[v].get(language) if v in terms else v, (order.get(v, len(order)),))
            for v in values
        }
    if field.type == "boolean":
        with translation.override(language):
            words = {"true": gettext("yes"), "false": gettext("no")}
        return {v: (words.get(v, v), (v != "true",)) for v in values}
    return {v: (v, None) for v in values}


def facet_values(
    counts: dict[str, dict[str, int]],
    *,
    catalog: CatalogDefinition | None,
    selected: dict[str, set[str]],
    language: str,
) -> dict[str, list[FacetValue]]:
    """Turn raw counts into labelled, ordered, capped ``FacetValue`` lists."""
    result = {}
    for name, value_counts in counts.items():
        values = sorted(set(value_counts) | selected.get(name, set()))
        if name == "catalog":
            labels = _catalog_labels(values, language)
        elif name == "settlement":
            labels = _settlement_labels(values, language)
        elif name == "priority":
            labels = _priority_labels(values, language)
        else:
            labels = _field_labels(catalog, name, values, language)
        result[name] = _ordered(name, values, value_counts, labels, selected.get(name, set()))
    return result


def _ordered(name, values, counts, labels, selected) -> list[FacetValue]:
    items = [
        FacetValue(
            value=value,
            label=labels.get(value, (value, None))[0],
            count=counts.get(value, 0),
            selected=value in selected,
        )
        for value in values
    ]
    by_count = sorted(items, key=lambda item: (-item.count, item.label, item.value))
    kept = {item.value for item in by_count[:FACET_VALUE_LIMIT]} | selected
    items = [item for item in items if item.value in kept]
    if all(labels.get(item.value, (None, None))[1] is not None for item in items):
        return sorted(items, key=lambda item: labels[item.value][1])
    return sorted(items, key=lambda item: (-item.count, item.label, item.value))
