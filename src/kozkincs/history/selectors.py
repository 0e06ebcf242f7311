"""Reads of record versions: the history list, the comparison of two versions, the trash.

A version is a django-simple-history row of ``Record.history`` (``history_id`` names it in
addresses; ``version`` is the record's own version number). Comparisons use the values as the
public page shows them: settlement names, vocabulary labels, related records' names, rich text
as text. The history of a record costs one query however many versions it has; a comparison
adds one query each for the settlements, priorities and related records it names.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.history import REVERTED_PREFIX
from kozkincs.catalog.models import Record
from kozkincs.catalog.record_data import TEXT_COLUMNS
from kozkincs.catalog.registry import catalog_get
from kozkincs.core.i18n import current_language
from kozkincs.core.rich_text import plain_text
from kozkincs.gazetteer.models import Settlement
from kozkincs.history.text_diff import word_diff
from kozkincs.strategy.models import StrategyPriority

SHARED_KEYS = (
    *TEXT_COLUMNS, "status", "settlement", "settlements", "lat", "lon", "priorities", "tags",
    "sources",
)  # fmt: skip
VALUE_PREFIX = "value:"
PRIVACY_PREFIX = "privacy:"


class VersionNotFound(Exception):
    """A version id that is not a version of the record in question (a translated message)."""


def _reason_labels() -> dict[str, str]:
    return {
        "created": _("created"),
        "updated": _("edited"),
        "published": _("published"),
        "unpublished": _("set back to draft"),
        "archived": _("moved to the trash"),
        "restored": _("restored from the trash"),
        "related record deleted": _("a related record was deleted for good"),
        "history started": _("state when the history began"),
        "imported": _("imported from a spreadsheet"),
        "import undone": _("import undone"),
    }


def reason_label(reason: str | None, labels: dict[str, str] | None = None) -> str:
    """What happened in a version, in the active language (``labels``: the
    ``_reason_labels()`` of a caller that names many versions)."""
    reason = reason or ""
    if reason.startswith(REVERTED_PREFIX):
        return _("reverted to version %(version)s") % {"version": reason[len(REVERTED_PREFIX) :]}
    return (labels or _reason_labels()).get(reason, reason)


def user_label(user) -> str:
    if user is None:
        return _("unknown (the system or a deleted account)")
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class VersionEntry:
    history_id: int
    version: int
    date: datetime
    user: str
    what: str
    changed: list[str]

    @property
    def iso_date(self) -> str:
        return self.date.isoformat()


@dataclass(frozen=True)
class ComparedField:
    label: str
    old: SafeString
    new: SafeString


def _aspects(definition: CatalogDefinition | None, language: str) -> list[tuple[str, str]]:
    """(key, label) of everything a version can differ in, in the record page's order."""
    keys = [(key, capfirst(Record._meta.get_field(key).verbose_name)) for key in SHARED_KEYS]
    for fdef in definition.fields if definition else []:
        label = fdef.label.get(language)
        keys.append((f"{VALUE_PREFIX}{fdef.key}", label))
        if fdef.has_privacy_settings:
            keys.append(
                (f"{PRIVACY_PREFIX}{fdef.key}", _("%(field)s: consent and visibility") % {
                    "field": label})
            )  # fmt: skip
    return keys


def _raw(version, definition: CatalogDefinition | None) -> dict[str, Any]:
    """The comparable stored values of a version, by aspect key."""
    raw: dict[str, Any] = {column: getattr(version, column) for column in TEXT_COLUMNS}
    raw.update(
        status=version.status, settlement=version.settlement_id,
        settlements=sorted(version.settlement_ids or []), lat=version.lat, lon=version.lon,
        priorities=sorted(version.priority_ids or []), tags=version.tags or [],
        sources=version.sources or [],
    )  # fmt: skip
    values, relations, privacy = version.values or {}, version.relations or {}, version.privacy
    for fdef in definition.fields if definition else []:
        raw[f"{VALUE_PREFIX}{fdef.key}"] = field_type(fdef.type).stored(
            values, relations, field=fdef
        )
        if fdef.has_privacy_settings:
            raw[f"{PRIVACY_PREFIX}{fdef.key}"] = (privacy or {}).get(fdef.key)
    return raw


def _versions(record: Record):
    return Record.history.filter(id=record.pk).order_by("history_date", "history_id")


def record_versions(*, record: Record, language: str | None = None) -> list[VersionEntry]:
    """Every version of ``record``, newest first, each with the labels of the fields it
    changed (one query)."""
    language = language or current_language()
    definition = catalog_get(record.catalog)
    labels = dict(_aspects(definition, language))
    reasons, users = _reason_labels(), {}
    entries, previous = [], None
    for version in _versions(record).select_related("history_user"):
        if version.history_user_id not in users:
            users[version.history_user_id] = user_label(version.history_user)
        raw = _raw(version, definition)
        changed = [] if previous is None else [k for k in labels if raw[k] != previous[k]]
        entries.append(
            VersionEntry(
                history_id=version.history_id,
                version=version.version,
                date=version.history_date,
                user=users[version.history_user_id],
                what=reason_label(version.history_change_reason, reasons),
                changed=[labels[key] for key in changed],
            )
        )
        previous = raw
    entries.reverse()
    return entries


def record_version_get(*, record: Record, history_id: Any):
    """The version ``history_id`` of ``record``; ``VersionNotFound`` for any other id."""
    version = None
    if isinstance(history_id, int) or (isinstance(history_id, str) and history_id.isdigit()):
        version = _versions(record).filter(history_id=int(history_id)).first()
    if version is None:
        raise VersionNotFound(
            _("“%(id)s” is not a version of this record.") % {"id": str(history_id)[:20]}
        )
    return version


def record_latest_version_id(*, record: Record) -> int | None:
    return _versions(record).values_list("history_id", flat=True).last()


class _Names:
    """Names of what two versions refer to, loaded at once."""

    def __init__(self, versions, definition: CatalogDefinition | None):
        settlement_ids, codes, priority_ids, record_ids = set(), set(), set(), set()
        for version in versions:
            settlement_ids.update([version.settlement_id, *(version.settlement_ids or [])])
            priority_ids.update(version.priority_ids or [])
            for ids in (version.relations or {}).values():
                record_ids.update(ids)
            for fdef in definition.fields if definition else []:
                value = (version.values or {}).get(fdef.key)
                codes |= field_type(fdef.type).settlement_codes(value, field=fdef)
        settlement_ids.discard(None)
        settlements = Settlement.objects.filter(pk__in=settlement_ids) if settlement_ids else []
        self.settlements = {s.pk: s.name for s in settlements}
        by_code = Settlement.objects.filter(ksh_code__in=codes) if codes else []
        self.settlements_by_code = {s.ksh_code: s for s in by_code}
        priorities = StrategyPriority.objects.filter(pk__in=priority_ids) if priority_ids else []
        self.priorities = {p.pk: str(p) for p in priorities}
        records = Record.objects.filter(pk__in=record_ids).only(
            "id", "name", "name_en", "name_de"
        ) if record_ids else []  # fmt: skip
        self.records = {r.pk: r.display_name for r in records}

    def record(self, pk: int) -> str:
        return self.records.get(pk) or _("a deleted record (no. %(id)s)") % {"id": pk}


def _shown_shared(version, key: str, names: _Names) -> str:
    if key in TEXT_COLUMNS:
        return plain_text(getattr(version, key))
    if key == "status":
        return str(Record.Status(version.status).label) if version.status else ""
    if key == "settlement":
        return names.settlements.get(version.settlement_id, "")
    if key == "settlements":
        return ", ".join(names.settlements.get(pk, "?") for pk in version.settlement_ids or [])
    if key in ("lat", "lon"):
        value = getattr(version, key)
        return "" if value is None else str(value)
    if key == "priorities":
        return ", ".join(names.priorities.get(pk, "?") for pk in version.priority_ids or [])
    if key == "tags":
        return ", ".join(version.tags or [])
    sources = version.sources or []
    return "; ".join(" ".join(filter(None, [s.get("title"), s.get("url")])) for s in sources)


def _shown_value(version, key: str, names: _Names, definition, language: str) -> str:
    if key.startswith(PRIVACY_PREFIX):
        privacy = (version.privacy or {}).get(key[len(PRIVACY_PREFIX) :]) or {}
        if not privacy:
            return ""
        consent = _("consented") if privacy.get("consent") else _("no consent")
        visibility = {
            "public": _("public"), "members": _("members only"), "staff": _("staff only")
        }.get(privacy.get("visibility"), "")  # fmt: skip
        return f"{consent}; {visibility}"
    fdef = definition.field_map[key[len(VALUE_PREFIX) :]]
    kind = field_type(fdef.type)
    value = kind.read(
        version.values, version.relations, field=fdef, settlements=names.settlements_by_code
    )
    if kind.in_relations:  # ids: the names of records that may be deleted by now
        return ", ".join(names.record(pk) for pk in value)
    html = kind.display(value, field=fdef, catalog=definition, language=language)
    return plain_text(html.replace("</", " </"))


def versions_compare(
    *, record: Record, older, newer, language: str | None = None
) -> list[ComparedField]:
    """The fields in which ``older`` and ``newer`` differ, each shown both ways with the
    changed words marked."""
    language = language or current_language()
    definition = catalog_get(record.catalog)
    old_raw, new_raw = _raw(older, definition), _raw(newer, definition)
    names = _Names([older, newer], definition)
    rows = []
    for key, label in _aspects(definition, language):
        if old_raw[key] == new_raw[key]:
            continue
        if key in SHARED_KEYS:
            old, new = _shown_shared(older, key, names), _shown_shared(newer, key, names)
        else:
            old = _shown_value(older, key, names, definition, language)
            new = _shown_value(newer, key, names, definition, language)
        marked_old, marked_new = word_diff(old, new)
        rows.append(ComparedField(label=label, old=marked_old, new=marked_new))
    return rows


def trash_list() -> list[Record]:
    """The records in the trash (archived), the most recently removed first."""
    return list(
        Record.objects.filter(status=Record.Status.ARCHIVED)
        .select_related("updated_by", "settlement")
        .only("id", "catalog", "name", "slug", "status", "updated_at", "settlement__name",
              "updated_by__username", "updated_by__first_name", "updated_by__last_name")
        .order_by("-updated_at", "-id")
    )  # fmt: skip


def status_before_trash(*, record: Record) -> str:
    """The status ``record`` had before it went to the trash (draft when it never had one)."""
    earlier = (
        _versions(record).exclude(status=Record.Status.ARCHIVED).values_list("status", flat=True)
    )
    return earlier.last() or Record.Status.DRAFT
