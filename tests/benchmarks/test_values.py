import random

import pytest
from benchmarks.values import ValueContext, catalog_values, isbn13, issn, period, phone, tax_number

from kozkincs.catalog.identifiers import (
    normalize_isbn,
    normalize_issn,
    normalize_phone,
    normalize_tax_number,
)
from kozkincs.catalog.periods import parse_period
from kozkincs.catalog.registry import catalog_get

BUILT_IN = [
    "natural-values", "built-values", "civil-organisations", "amateur-art", "traditions",
    "publications", "courses", "education-associations", "cultural-centres", "cultural-services",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(20))
def test_identifiers_pass_the_projects_checks(seed):
    rng = random.Random(seed)
    assert normalize_isbn(isbn13(rng))
    assert normalize_issn(issn(rng))
    assert normalize_tax_number(tax_number(rng))
    number = phone(rng)
    assert normalize_phone(number) == number
    assert parse_period(period(rng))


@pytest.mark.parametrize("key", BUILT_IN)
def test_values_come_from_the_catalogs_vocabularies(key):
    definition = catalog_get(key)
    assert definition is not None, f"built-in catalog {key} is missing"
    rng = random.Random(1)
    context = ValueContext(
        rng=rng, settlement_name="Bak", settlement_ksh_code="02176", slug_hint="bak1", targets={}
    )
    seen_required = set()
    for _ in range(30):
        values = catalog_values(context, definition)
        for field in definition.fields:
            if field.required and field.type not in {"person", "record"}:
                assert field.key in values
                seen_required.add(field.key)
            if field.key in values and field.type == "choice":
                assert values[field.key] in definition.terms(field.vocabulary)
            if field.key in values and field.type == "multi_choice":
                assert set(values[field.key]) <= set(definition.terms(field.vocabulary))
        assert all(definition.field_map[name].type != "person" for name in values)
