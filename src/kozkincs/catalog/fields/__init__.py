"""The closed set of catalog field types, registered by key.

``field_type("isbn")`` gives the one object that cleans, shows, searches and facets ISBN
values. Every ``FieldType`` literal of ``catalog/definitions.py`` has exactly one class here
(a test checks it).
"""

from typing import get_args

from kozkincs.catalog.definitions import FieldType as FieldTypeKey
from kozkincs.catalog.fields.base import FieldType, field_error, is_empty
from kozkincs.catalog.fields.choice import ChoiceField, MultiChoiceField
from kozkincs.catalog.fields.composite import GroupField, PersonField
from kozkincs.catalog.fields.identifier import (
    IsbnField,
    IssnField,
    KshCodeField,
    PhoneField,
    TaxNumberField,
)
from kozkincs.catalog.fields.period import PeriodField
from kozkincs.catalog.fields.reference import RecordReferenceField, SettlementField
from kozkincs.catalog.fields.scalar import (
    BooleanField,
    DateField,
    DecimalField,
    EmailField,
    IntegerField,
    LongTextField,
    TextField,
    UrlField,
    YearField,
)

_REGISTRY: dict[str, FieldType] = {
    kind.key: kind()
    for kind in (
        TextField, LongTextField, IntegerField, DecimalField, YearField, DateField, PeriodField,
        BooleanField, ChoiceField, MultiChoiceField, UrlField, EmailField, PhoneField, IsbnField,
        IssnField, TaxNumberField, KshCodeField, SettlementField, RecordReferenceField,
        PersonField, GroupField,
    )
}  # fmt: skip


def field_type(type_key: str) -> FieldType:
    """The field type registered for ``type_key`` (``KeyError`` for an unknown one)."""
    return _REGISTRY[type_key]


def field_type_keys() -> list[str]:
    return list(_REGISTRY)


def missing_field_types() -> set[str]:
    """``FieldType`` literals without a registered class (empty when complete)."""
    return set(get_args(FieldTypeKey)) - set(_REGISTRY)


__all__ = [
    "FieldType",
    "field_error",
    "field_type",
    "field_type_keys",
    "is_empty",
    "missing_field_types",
]
