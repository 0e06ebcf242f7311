"""Writes to the gazetteer: the data import and staff edits of settlements."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kozkincs.gazetteer.datafiles import read_gazetteer_data
from kozkincs.gazetteer.hooks import settlements_changed
from kozkincs.gazetteer.importing import ImportReport, apply_gazetteer_data
from kozkincs.gazetteer.models import County, Settlement
from kozkincs.gazetteer.names import fold_name, settlement_slug
from kozkincs.gazetteer.validation import settlement_value_errors

# In the order the admin form shows them.
EDITABLE_FIELDS = (
    "ksh_code",
    "name",
    "slug",
    "status",
    "county",
    "population",
    "population_year",
    "area_ha",
    "lat",
    "lon",
    "boundary",
    "wikidata_id",
)


def gazetteer_import(*, data_dir: Path | None = None, overwrite: bool = False) -> ImportReport:
    """Load the shipped (or ``data_dir``'s) gazetteer files; safe to run again.

    The files are read and checked first (``GazetteerDataError`` names file, line and
    problem); then everything is written in one transaction. Existing values that differ
    from the files are kept unless ``overwrite``. See docs/how-to/import-the-gazetteer.md.
    """
    data = read_gazetteer_data(data_dir)
    with transaction.atomic():
        report = apply_gazetteer_data(data, overwrite=overwrite)
        changed = report.settlements.updated_keys
        if changed:
            # Renamed or moved settlements: the documents of their records change with them.
            settlements_changed(
                list(Settlement.objects.filter(ksh_code__in=changed).values_list("pk", flat=True))
            )
        return report


def _unique_slug(name: str, county: County | None, exclude_pk: int | None) -> str:
    taken = Settlement.objects.exclude(pk=exclude_pk)
    candidates = [settlement_slug(name)]
    if county is not None:
        candidates.append(settlement_slug(name, county.name))
    for candidate in candidates:
        if not taken.filter(slug=candidate).exists():
            return candidate
    number = 2
    while taken.filter(slug=f"{candidates[-1]}-{number}").exists():
        number += 1
    return f"{candidates[-1]}-{number}"


def _validate(settlement: Settlement) -> None:
    """Model field checks (KSH code, choices, uniqueness) plus the shared settlement rules."""
    errors: dict[str, list[str]] = {}
    try:
        settlement.full_clean()
    except ValidationError as error:
        errors = {field: list(messages) for field, messages in error.message_dict.items()}
    values = {field: getattr(settlement, field) for field in EDITABLE_FIELDS if field != "county"}
    for field, message in settlement_value_errors(values).items():
        if field not in errors:
            errors[field] = [message]
    if errors:
        raise ValidationError(errors)


def _history_user(settlement: Settlement, user) -> None:
    """The user simple-history records for the next save (its documented attribute)."""
    if user is not None and getattr(user, "is_authenticated", False):
        settlement._history_user = user


@transaction.atomic
def settlement_create(
    *,
    ksh_code: str,
    name: str,
    county: County,
    status: str = Settlement.Status.VILLAGE,
    slug: str = "",
    population: int | None = None,
    population_year: int | None = None,
    area_ha: int | None = None,
    lat: float | None = None,
    lon: float | None = None,
    boundary: dict[str, Any] | None = None,
    wikidata_id: str = "",
    user=None,
) -> Settlement:
    settlement = Settlement(
        ksh_code=(ksh_code or "").strip(),
        name=(name or "").strip(),
        county=county,
        status=status,
        population=population,
        population_year=population_year,
        area_ha=area_ha,
        lat=lat,
        lon=lon,
        boundary=boundary,
        wikidata_id=(wikidata_id or "").strip(),
    )
    settlement.slug = slug or _unique_slug(settlement.name, county, None)
    settlement.name_folded = fold_name(settlement.name)
    _validate(settlement)
    _history_user(settlement, user)
    settlement.save()
    return settlement


@transaction.atomic
def settlement_update(*, settlement: Settlement, user=None, **changes: Any) -> Settlement:
    """Change the given fields; on a ValidationError neither the database nor ``settlement``
    changes. The save writes a version (django-simple-history) naming ``user``."""
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationError({field: _("This field cannot be changed here.") for field in unknown})
    candidate = Settlement.objects.get(pk=settlement.pk)
    for field, value in changes.items():
        setattr(candidate, field, value.strip() if isinstance(value, str) else value)
    if "name" in changes and "slug" not in changes and not candidate.slug:
        candidate.slug = _unique_slug(candidate.name, candidate.county, candidate.pk)
    candidate.name_folded = fold_name(candidate.name)
    _validate(candidate)
    _history_user(candidate, user)
    candidate.save()
    settlements_changed([candidate.pk])
    settlement.refresh_from_db()
    return settlement
