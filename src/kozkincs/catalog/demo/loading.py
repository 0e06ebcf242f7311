"""``load_demo``: create the sourced items and the demo entries through the catalog services.

Records are created with ``record_create`` as drafts, their relations are set with
``record_update`` once every target exists (relations may point both ways between two
entries), and then they are published with ``record_publish`` — the same calls an editor's
actions make. All of it runs in one transaction: a problem anywhere leaves nothing behind.
Entries whose catalog and slug already exist are left alone, so a second run creates nothing.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kozkincs.catalog.demo.entries import DemoDataError, DemoEntry, demo_entries
from kozkincs.catalog.demo.extensions import demo_loaders
from kozkincs.catalog.models import Record
from kozkincs.catalog.services import record_create, record_publish, record_update
from kozkincs.gazetteer.models import Settlement

GAZETTEER_COUNTY_CODE = "20"
"""The sourced rows name their settlement; names are unique within Zala county (code 20)."""


@dataclass
class DemoReport:
    """What one run of :func:`load_demo` did."""

    created: Counter = field(default_factory=Counter)  # catalog key → records created
    existing: int = 0  # entries found already loaded and left alone
    relations: int = 0  # relations set on the records created
    extra: list[str] = field(default_factory=list)  # lines of the apps' demo loaders

    @property
    def changed(self) -> bool:
        return bool(self.created) or bool(self.extra)

    @property
    def created_total(self) -> int:
        return sum(self.created.values())

    def lines(self) -> list[str]:
        if not self.changed:
            return [
                _("Demo data already loaded: nothing created (%(count)d entries exist).")
                % {"count": self.existing}
            ]
        lines = [
            _("%(catalog)s: %(count)d created") % {"catalog": catalog, "count": count}
            for catalog, count in sorted(self.created.items())
        ]
        lines.append(
            _(
                "%(created)d records created and published, %(relations)d relations, "
                "%(existing)d already existed."
            )
            % {
                "created": self.created_total,
                "relations": self.relations,
                "existing": self.existing,
            }
        )
        return lines + self.extra


def _check_gazetteer() -> None:
    if not Settlement.objects.exists():
        raise DemoDataError(
            _(
                "The gazetteer is empty: run `kozkincs import_gazetteer` before "
                "`kozkincs load_demo`."
            )
        )


def _settlement_codes(entries: list[DemoEntry]) -> dict[str, str]:
    """Settlement name → KSH code for the names the sourced rows use."""
    names = {entry.settlement_name for entry in entries if entry.settlement_name}
    found = dict(
        Settlement.objects.filter(name__in=names, county__code=GAZETTEER_COUNTY_CODE).values_list(
            "name", "ksh_code"
        )
    )
    missing = sorted(names - set(found))
    if missing:
        raise DemoDataError(
            _("Settlements missing from the gazetteer: %(names)s. Run `kozkincs import_gazetteer`.")
            % {"names": ", ".join(missing)}
        )
    return found


def _existing_records(entries: list[DemoEntry]) -> dict[str, Record]:
    slugs = {entry.slug for entry in entries}
    catalogs = {entry.catalog for entry in entries}
    records = Record.objects.filter(catalog__in=catalogs, slug__in=slugs)
    return {f"{record.catalog}/{record.slug}": record for record in records}


def _entry_error(entry: DemoEntry, error: ValidationError) -> DemoDataError:
    problems = "; ".join(
        f"{key}: {' '.join(str(m) for m in messages)}"
        for key, messages in error.message_dict.items()
    )
    return DemoDataError(f"{entry.ref}: {problems}")


def _create(entry: DemoEntry, codes: dict[str, str], user) -> Record:
    data = dict(entry.data)
    data["settlement"] = entry.settlement_code or codes[entry.settlement_name]
    try:
        record = record_create(
            catalog=entry.catalog, data=data, user=user, status="draft", is_demo=entry.is_demo
        )
    except ValidationError as error:
        raise _entry_error(entry, error) from error
    if record.slug != entry.slug:
        raise DemoDataError(f"{entry.ref}: created with the unexpected slug '{record.slug}'.")
    return record


def _relate(entry: DemoEntry, record: Record, records: dict[str, Record], user) -> int:
    values = {
        key: [records[target].pk for target in targets] for key, targets in entry.relations.items()
    }
    try:
        record_update(record=record, data={"values": values}, user=user)
    except ValidationError as error:
        raise _entry_error(entry, error) from error
    return sum(len(ids) for ids in values.values())


@transaction.atomic
def load_demo(*, user=None) -> DemoReport:
    """Create and publish every demo entry not yet loaded; raise ``DemoDataError`` (and
    change nothing) when the gazetteer is missing or an entry is refused."""
    entries = demo_entries()
    _check_gazetteer()
    codes = _settlement_codes(entries)
    records = _existing_records(entries)
    report = DemoReport(existing=len(records))
    new = [entry for entry in entries if entry.ref not in records]
    for entry in new:
        records[entry.ref] = _create(entry, codes, user)
        report.created[entry.catalog] += 1
    for entry in new:
        if entry.relations:
            report.relations += _relate(entry, records[entry.ref], records, user)
    for entry in new:
        record_publish(record=records[entry.ref], user=user)
    for loader in demo_loaders():
        report.extra.extend(loader())
    return report
