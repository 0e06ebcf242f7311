"""Writes of the strategy: indicator values, entered by staff or computed from the data.

Keyword-only, atomic, validate first: a refused value raises ``ValidationError`` keyed by
field and changes nothing (the database's constraints back the same rules).
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kozkincs.strategy.models import Indicator, IndicatorValue


@transaction.atomic
def indicator_value_add(
    *,
    indicator: Indicator,
    year: int,
    value: Decimal,
    measured_on: date | None = None,
    source_note: str = "",
    user=None,
) -> IndicatorValue:
    """Record a value entered by hand. It replaces a computed value of the same year (staff's
    figure wins); a year that already has a value entered by hand is refused (change it in
    the admin, where its history is kept)."""
    row = IndicatorValue(
        indicator=indicator, year=year, value=value, measured_on=measured_on,
        source_note=source_note, recorded_by=user if getattr(user, "pk", None) else None,
    )  # fmt: skip
    row.full_clean(validate_unique=False, validate_constraints=False)
    existing = IndicatorValue.objects.filter(indicator=indicator, year=year).first()
    if existing is not None and not existing.is_computed:
        raise ValidationError({"year": [_("This indicator already has a value for that year.")]})
    if existing is not None:
        row.pk, row.created_at = existing.pk, existing.created_at
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise ValidationError(
            {"year": [_("This indicator already has a value for that year.")]}
        ) from None
    return row


@transaction.atomic
def indicator_value_store_computed(
    *, indicator: Indicator, year: int, value: Decimal, source_note: str
) -> IndicatorValue:
    """Write (or rewrite) the computed value of ``indicator`` for ``year``. A value entered
    by hand for that year is kept: the computation never overwrites staff's figures."""
    existing = IndicatorValue.objects.filter(indicator=indicator, year=year).first()
    if existing is not None and not existing.is_computed:
        return existing
    row = existing or IndicatorValue(indicator=indicator, year=year, is_computed=True)
    row.value, row.source_note = value, source_note
    row.full_clean(validate_unique=False, validate_constraints=False)
    row.save()
    return row
