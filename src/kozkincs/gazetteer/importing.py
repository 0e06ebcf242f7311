"""Applying the gazetteer data to the database: idempotent, in bulk.

Policy for rows that already exist: a value equal to the shipped one is left alone, an empty
value is filled, and a value that differs (a staff correction) is kept unless ``overwrite``.
Nothing is ever deleted, so settlements and memberships added by staff survive a re-import.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kozkincs.gazetteer.datafiles import (
    DISTRICTS_VALID_FROM,
    MICRO_REGIONS_VALID_FROM,
    MICRO_REGIONS_VALID_TO,
    POPULATION_YEAR,
    GazetteerData,
    SettlementRow,
)
from kozkincs.gazetteer.models import County, Region, RegionMembership, Settlement
from kozkincs.gazetteer.names import fold_name, settlement_slug

BATCH_SIZE = 500
IMPORT_CHANGE_REASON = "gazetteer import"


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    updated_keys: list[Any] = field(default_factory=list, repr=False)
    """The keys (KSH codes for settlements) of the updated objects."""

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class ImportReport:
    counties: Counts = field(default_factory=Counts)
    settlements: Counts = field(default_factory=Counts)
    boundaries: Counts = field(default_factory=Counts)
    regions: Counts = field(default_factory=Counts)
    memberships: Counts = field(default_factory=Counts)
    # Values that differ from the shipped data and were kept (only without ``overwrite``).
    kept_local_values: int = 0

    @property
    def changed(self) -> bool:
        return any(
            counts.created or counts.updated
            for counts in (
                self.counties,
                self.settlements,
                self.boundaries,
                self.regions,
                self.memberships,
            )
        )

    def lines(self) -> list[str]:
        return [
            f"counties: {self.counties}",
            f"settlements: {self.settlements}",
            f"boundaries: {self.boundaries}",
            f"regions: {self.regions}",
            f"memberships: {self.memberships}",
            f"local values kept: {self.kept_local_values}",
        ]


def _merge(obj: models.Model, desired: dict[str, Any], overwrite: bool) -> tuple[list[str], int]:
    """Set the fields of ``obj`` the policy allows; return (changed fields, kept differences)."""
    changed, kept = [], 0
    for name, value in desired.items():
        current = getattr(obj, name)
        if current == value:
            continue
        if overwrite or current in (None, ""):
            setattr(obj, name, value)
            changed.append(name)
        else:
            kept += 1
    return changed, kept


def _sync(
    model: type[models.Model],
    existing: dict[Any, models.Model],
    desired: dict[Any, dict[str, Any]],
    build: Any,
    overwrite: bool,
    report: ImportReport,
) -> Counts:
    """Create the missing objects and update the existing ones of one model."""
    counts, to_create, to_update, fields = Counts(), [], [], set()
    for key, values in desired.items():
        obj = existing.get(key)
        if obj is None:
            to_create.append(build(key, values))
            continue
        changed, kept = _merge(obj, values, overwrite)
        report.kept_local_values += kept
        if changed:
            to_update.append(obj)
            counts.updated_keys.append(key)
            fields.update(changed)
        else:
            counts.unchanged += 1
    if model is Settlement:  # versioned: the rows and their versions in bulk
        reason = IMPORT_CHANGE_REASON
        bulk_create_with_history(
            to_create, model, batch_size=BATCH_SIZE, default_change_reason=reason
        )
        if to_update:
            bulk_update_with_history(
                to_update, model, sorted(fields), batch_size=BATCH_SIZE,
                default_change_reason=reason,
            )  # fmt: skip
    else:
        model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        if to_update:
            model.objects.bulk_update(to_update, sorted(fields), batch_size=BATCH_SIZE)
    counts.created, counts.updated = len(to_create), len(to_update)
    return counts


def apply_gazetteer_data(data: GazetteerData, *, overwrite: bool = False) -> ImportReport:
    report = ImportReport()
    before = {
        code: (name, seat)
        for code, name, seat in County.objects.values_list("code", "name", "seat_id")
    }
    county_ids = _apply_counties(data, overwrite, report)
    settlement_ids = _apply_settlements(data, county_ids, overwrite, report)
    _apply_county_seats(data, settlement_ids, overwrite, report)
    report.counties = _county_counts(before, set(county_ids))
    memberships = _apply_regions(data, county_ids, settlement_ids, overwrite, report)
    _apply_memberships(memberships, overwrite, report)
    return report


def _apply_counties(data: GazetteerData, overwrite: bool, report: ImportReport) -> dict:
    desired = {row.county_code: {"name": row.county_name} for row in data.settlements}
    existing = {county.code: county for county in County.objects.all()}
    report.counties = _sync(
        County, existing, desired, lambda code, v: County(code=code, **v), overwrite, report
    )
    return dict(County.objects.filter(code__in=desired).values_list("code", "id"))


def _slugs(rows: list[SettlementRow]) -> dict[str, str]:
    """Stable slugs: the name; where names slugify alike (Komló, Komlós) "name-county"; where
    even that repeats (Komoró, Kömörő, both in Szabolcs) "name-kshcode"."""
    plain = Counter(settlement_slug(row.name) for row in rows)
    with_county = Counter(settlement_slug(row.name, row.county_name) for row in rows)
    slugs = {}
    for row in rows:
        slug = settlement_slug(row.name)
        if plain[slug] > 1:
            slug = settlement_slug(row.name, row.county_name)
            if with_county[slug] > 1:
                slug = f"{settlement_slug(row.name)}-{row.ksh_code}"
        slugs[row.ksh_code] = slug
    return slugs


def _settlement_values(row: SettlementRow, county_id: int) -> dict[str, Any]:
    return {
        "name": row.name,
        "status": row.status,
        "county_id": county_id,
        "population": row.population,
        "population_year": POPULATION_YEAR,
        "area_ha": row.area_ha,
        "lat": row.lat,
        "lon": row.lon,
    }


def _apply_settlements(data, county_ids, overwrite, report) -> dict[str, int]:
    existing = {settlement.ksh_code: settlement for settlement in Settlement.objects.all()}
    slugs = _slugs(data.settlements)
    taken = {s.slug: s.ksh_code for s in existing.values()}
    desired = {
        row.ksh_code: _settlement_values(row, county_ids[row.county_code])
        for row in data.settlements
    }
    boundaries = _boundary_changes(existing, data.boundaries, overwrite, report)

    def build(code: str, values: dict[str, Any]) -> Settlement:
        slug = slugs[code]
        if taken.get(slug, code) != code:  # a staff-made settlement already has this slug
            slug = f"{slug}-{code}"
        return Settlement(
            ksh_code=code,
            slug=slug,
            name_folded=fold_name(values["name"]),
            boundary=data.boundaries.get(code),
            **values,
        )

    for code, settlement in existing.items():
        if code in desired:
            desired[code]["name_folded"] = fold_name(
                desired[code]["name"] if overwrite or not settlement.name else settlement.name
            )
            if code in boundaries:
                desired[code]["boundary"] = boundaries[code]
    report.settlements = _sync(Settlement, existing, desired, build, overwrite, report)
    report.boundaries.created += sum(1 for code in data.boundaries if code not in existing)
    return dict(Settlement.objects.values_list("ksh_code", "id"))


def _boundary_changes(existing, boundaries, overwrite, report) -> dict[str, Any]:
    """Count boundary changes apart from other fields; return those the policy applies."""
    applied = {}
    for code, geometry in boundaries.items():
        settlement = existing.get(code)
        if settlement is None:
            continue
        if settlement.boundary == geometry:
            report.boundaries.unchanged += 1
        elif settlement.boundary is None:
            report.boundaries.created += 1
            applied[code] = geometry
        elif overwrite:
            report.boundaries.updated += 1
            applied[code] = geometry
        else:
            report.kept_local_values += 1
    return applied


def _apply_county_seats(data, settlement_ids, overwrite, report) -> None:
    seats = {
        row.county_code: settlement_ids[row.ksh_code]
        for row in data.settlements
        if row.is_county_seat
    }
    updated = []
    for county in County.objects.filter(code__in=seats):
        changed, kept = _merge(county, {"seat_id": seats[county.code]}, overwrite)
        report.kept_local_values += kept
        if changed:
            updated.append(county)
    County.objects.bulk_update(updated, ["seat_id"], batch_size=BATCH_SIZE)


def _county_counts(before: dict[str, tuple], codes: set[str]) -> Counts:
    """Counties are written in two steps (the seat needs the settlements), so count at the end."""
    after = {
        code: (name, seat)
        for code, name, seat in County.objects.filter(code__in=codes).values_list(
            "code", "name", "seat_id"
        )
    }
    counts = Counts()
    for code, state in after.items():
        if code not in before:
            counts.created += 1
        elif before[code] != state:
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts


Membership = tuple[int, int, date | None, date | None]


def _apply_regions(data, county_ids, settlement_ids, overwrite, report) -> list[Membership]:
    desired: dict[str, dict[str, Any]] = {}
    members: dict[str, list[str]] = defaultdict(list)
    for row in data.settlements:
        if not row.district_code:
            continue
        key = settlement_slug(row.district_name) + "-jaras"
        members[key].append(row.ksh_code)
        values = desired.setdefault(
            key,
            {
                "name": f"{row.district_name} járás",
                "code": row.district_code,
                "kind": Region.Kind.DISTRICT,
                "county_id": county_ids[row.county_code],
                "valid_from": DISTRICTS_VALID_FROM,
                "valid_to": None,
            },
        )
        if row.is_district_seat:
            values["seat_id"] = settlement_ids[row.ksh_code]
    names = {row.name: row.ksh_code for row in data.settlements}
    for micro in data.micro_regions:
        members[micro.key] = list(micro.member_codes)
        desired[micro.key] = {
            "name": f"{micro.name} kistérség",
            "kind": Region.Kind.MICRO_REGION,
            "county_id": county_ids[_row_by_code(data, micro.member_codes[0]).county_code],
            "seat_id": settlement_ids[names[micro.seat_name]],
            "valid_from": MICRO_REGIONS_VALID_FROM,
            "valid_to": MICRO_REGIONS_VALID_TO,
        }
    existing = {region.key: region for region in Region.objects.all()}
    report.regions = _sync(
        Region, existing, desired, lambda key, v: Region(key=key, **v), overwrite, report
    )
    region_ids = dict(Region.objects.filter(key__in=desired).values_list("key", "id"))
    return [
        (region_ids[key], settlement_ids[code], values["valid_from"], values["valid_to"])
        for key, values in desired.items()
        for code in members[key]
    ]


def _row_by_code(data: GazetteerData, code: str) -> SettlementRow:
    return next(row for row in data.settlements if row.ksh_code == code)


def _apply_memberships(memberships: list[Membership], overwrite, report) -> None:
    existing = {
        (m.region_id, m.settlement_id, m.valid_from): m
        for m in RegionMembership.objects.filter(region_id__in={m[0] for m in memberships})
    }
    desired = {(r, s, start): {"valid_to": end} for r, s, start, end in memberships}
    report.memberships = _sync(
        RegionMembership,
        existing,
        desired,
        lambda key, v: RegionMembership(
            region_id=key[0], settlement_id=key[1], valid_from=key[2], **v
        ),
        overwrite,
        report,
    )
