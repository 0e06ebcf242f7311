"""Catalog-specific values for synthetic records, drawn from each catalog's definition.

Every field type of ``kozkincs.catalog.definitions.FieldType`` gets a valid value (ISBNs,
ISSNs and tax numbers carry correct check digits; choices come from the field's vocabulary),
so the records pass the catalog services' validation like an editor's input would.
Optional fields are filled at a rate per type, so the data has gaps as real data does.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks import words
from benchmarks.texts import settlement_adjective, with_article
from kozkincs.catalog.definitions import CatalogDefinition, FieldDefinition, SubField
from kozkincs.catalog.identifiers import (
    isbn13_check_digit,
    issn_check_digit,
    tax_number_check_digit,
)

FILL_RATE = 0.7
"""Share of optional fields that get a value."""


@dataclass(frozen=True)
class ValueContext:
    """What a value may depend on: the record's settlement and already created records."""

    rng: random.Random
    settlement_name: str
    settlement_ksh_code: str
    slug_hint: str
    targets: dict[str, list[int]]
    """Ids of created records per catalog key, for record references."""


def isbn13(rng: random.Random) -> str:
    body = "978963" + "".join(str(rng.randint(0, 9)) for _ in range(6))
    return body + isbn13_check_digit(body)


def issn(rng: random.Random) -> str:
    body = "".join(str(rng.randint(0, 9)) for _ in range(7))
    code = body + issn_check_digit(body)
    return f"{code[:4]}-{code[4:]}"


def tax_number(rng: random.Random) -> str:
    body = "1" + "".join(str(rng.randint(0, 9)) for _ in range(6))
    return f"{body}{tax_number_check_digit(body)}-{rng.randint(1, 2)}-20"


def phone(rng: random.Random) -> str:
    return f"+36 92 {rng.randint(100, 999)} {rng.randint(100, 999)}"


def period(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(words.CENTURIES)} század"
    start = rng.randint(1450, 1950)
    return f"{start}-{start + rng.randint(1, 40)}"


def _number_range(field: FieldDefinition | SubField, low: int, high: int) -> tuple[int, int]:
    field_min = getattr(field, "min", None)
    field_max = getattr(field, "max", None)
    low = int(field_min) if field_min is not None else low
    high = int(field_max) if field_max is not None else high
    return low, max(low, high)


def _text(ctx: ValueContext, field: FieldDefinition | SubField) -> str:
    key = field.key
    if "address" in key:
        text = f"{ctx.settlement_name}, Kossuth Lajos utca {ctx.rng.randint(1, 120)}."
    elif "parcel" in key:
        text = f"{ctx.rng.randint(1, 2500)}/{ctx.rng.randint(1, 12)}"
    elif "register" in key or "number" in key:
        text = str(ctx.rng.randint(1000, 99999))
    else:
        text = (
            f"{ctx.rng.choice(words.FAMILY_NAMES)} {ctx.rng.choice(words.GIVEN_NAMES)}"
            if ctx.rng.random() < 0.5
            else f"{settlement_adjective(ctx.settlement_name)} "
            f"{ctx.rng.choice(words.FEATURES['built-values'])}"
        )
    max_length = getattr(field, "max_length", None)
    return text[:max_length] if max_length else text


def _choice(ctx: ValueContext, catalog: CatalogDefinition, vocabulary: str) -> str:
    return ctx.rng.choice(catalog.vocabularies[vocabulary]).key


def _scalar(
    ctx: ValueContext, catalog: CatalogDefinition, field: FieldDefinition | SubField
) -> Any:
    rng = ctx.rng
    makers: dict[str, Callable[[], Any]] = {
        "text": lambda: _text(ctx, field),
        "long_text": lambda: (
            "<p>Nyitva tartás: előzetes bejelentkezéssel, "
            f"{with_article(settlement_adjective(ctx.settlement_name))} "
            "polgármesteri hivatalban.</p>"
        ),
        "integer": lambda: rng.randint(*_number_range(field, 1, 300)),
        "year": lambda: rng.randint(*_number_range(field, 1850, 2024)),
        "decimal": lambda: f"{rng.uniform(0.5, 900):.2f}",
        "date": lambda: (
            datetime.date(1990, 1, 1) + datetime.timedelta(days=rng.randint(0, 12000))
        ).isoformat(),
        "period": lambda: period(rng),
        "boolean": lambda: rng.random() < 0.5,
        "choice": lambda: _choice(ctx, catalog, field.vocabulary),
        "url": lambda: f"https://www.{ctx.slug_hint}.hu/",
        "email": lambda: f"info@{ctx.slug_hint}.hu",
        "phone": lambda: phone(rng),
        "isbn": lambda: isbn13(rng),
        "issn": lambda: issn(rng),
        "tax_number": lambda: tax_number(rng),
        "ksh_code": lambda: ctx.settlement_ksh_code,
        "settlement": lambda: ctx.settlement_ksh_code,
    }
    maker = makers.get(field.type)
    return maker() if maker else None


def _group(ctx: ValueContext, catalog: CatalogDefinition, field: FieldDefinition) -> Any:
    def one() -> dict:
        return {
            sub.key: _scalar(ctx, catalog, sub)
            for sub in field.fields or []
            if sub.required or ctx.rng.random() < FILL_RATE
        }

    return [one() for _ in range(ctx.rng.randint(1, 3))] if field.multiple else one()


def field_value(ctx: ValueContext, catalog: CatalogDefinition, field: FieldDefinition) -> Any:
    """A valid value for ``field``, or ``None`` when the generator leaves it empty."""
    rng = ctx.rng
    if field.type == "person":
        return None  # personal data: synthetic records carry none
    if field.type == "record":
        ids = ctx.targets.get(field.target_catalog or "", [])
        if not ids or (not field.required and rng.random() >= 0.3):
            return None
        return [rng.choice(ids)]
    if field.type == "multi_choice":
        terms = [term.key for term in catalog.vocabularies[field.vocabulary]]
        return rng.sample(terms, rng.randint(1, min(3, len(terms))))
    if field.type == "group":
        return _group(ctx, catalog, field)
    if field.multiple:
        return [_scalar(ctx, catalog, field) for _ in range(rng.randint(1, 2))]
    return _scalar(ctx, catalog, field)


def catalog_values(ctx: ValueContext, catalog: CatalogDefinition) -> dict[str, Any]:
    """Values for every required field and a share of the optional ones."""
    values: dict[str, Any] = {}
    for field in catalog.fields:
        if not field.required and ctx.rng.random() >= FILL_RATE:
            continue
        value = field_value(ctx, catalog, field)
        if value is not None and value != []:
            values[field.key] = value
    return values
