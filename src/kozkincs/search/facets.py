"""Facet values with their display labels, in the order a visitor expects them.

A facet value is the identifier its filter takes (catalog key, settlement KSH code, priority
number, vocabulary key, ``true``/``false``, year), so any value can be fed back as a filter.
"""

import heapq
from dataclasses import dataclass

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.registry import catalog_get, catalog_list
from kozkincs.core.i18n import localized_attribute
from kozkincs.gazetteer.models import Settlement
from kozkincs.strategy.models import StrategyPriority

SHARED_FACETS = ("catalog", "settlement", "priority")
FACET_VALUE_LIMIT = 100
"""At most this many values per facet: the most frequent, ties by value; selected values always
stay. Only these are labelled (a common word's hits lie in thousands of settlements)."""


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
    names = dict(Settlement.objects.filter(ksh_code__in=values).values_list("ksh_code", "name"))
    return {code: (name, None) for code, name in names.items()}


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
    kind = field_type(field.type)
    labels = kind.facet_labels(values, field=field, catalog=catalog, language=language)
    choices = kind.facet_choices(field=field, catalog=catalog)
    if choices is None:
        return {value: (labels[value], None) for value in values}
    order = {value: index for index, value in enumerate(choices)}
    return {value: (labels[value], (order.get(value, len(order)),)) for value in values}


def _most_frequent(counts: dict[str, int], chosen: set[str]) -> dict[str, int]:
    """The ``FACET_VALUE_LIMIT`` most frequent values (ties by value) and the chosen ones."""
    lowest = heapq.nlargest(FACET_VALUE_LIMIT, counts.values())[-1]
    candidates = sorted(((-count, value) for value, count in counts.items() if count >= lowest))[
        :FACET_VALUE_LIMIT
    ]
    return {value: -count for count, value in candidates} | {
        value: counts[value] for value in chosen if value in counts
    }


def _remembered(memo: dict | None, name: str, values: list[str], language: str, lookup):
    """``lookup(values, language)``, asking the database only for values not in ``memo``."""
    if memo is None:
        return lookup(values, language)
    known = memo.setdefault(("labels", name, language), {})
    missing = [value for value in values if value not in known]
    if missing:
        found = lookup(missing, language)
        known.update({value: found.get(value) for value in missing})
    return {value: known[value] for value in values if known[value] is not None}


def facet_values(
    counts: dict[str, dict[str, int]],
    *,
    catalog: CatalogDefinition | None,
    selected: dict[str, set[str]],
    language: str,
    memo: dict | None = None,
) -> dict[str, list[FacetValue]]:
    """Turn raw counts into labelled, ordered, capped ``FacetValue`` lists.

    Settlement and priority labels found once are kept in ``memo`` (the index snapshot's, so
    they are read again after the next index change).
    """
    result = {}
    for name, value_counts in counts.items():
        chosen = selected.get(name, set())
        if len(value_counts) > FACET_VALUE_LIMIT:
            value_counts = _most_frequent(value_counts, chosen)
        values = sorted(set(value_counts) | chosen)
        if name == "catalog":
            labels = _catalog_labels(values, language)
        elif name == "settlement":
            labels = _remembered(memo, name, values, language, _settlement_labels)
        elif name == "priority":
            labels = _remembered(memo, name, values, language, _priority_labels)
        else:
            labels = _field_labels(catalog, name, values, language)
        result[name] = _ordered(values, value_counts, labels, chosen)
    return result


def _ordered(values, counts, labels, selected) -> list[FacetValue]:
    items = [
        FacetValue(
            value=value,
            label=labels.get(value, (value, None))[0],
            count=counts.get(value, 0),
            selected=value in selected,
        )
        for value in values
    ]
    if all(labels.get(item.value, (None, None))[1] is not None for item in items):
        return sorted(items, key=lambda item: labels[item.value][1])
    return sorted(items, key=lambda item: (-item.count, item.label, item.value))
