"""Reads of the editing pages: the pickers' matches, the moderation queue, one's contributions,
and the field-by-field comparison of a change request with the record as it is.

The record picker never lists what the viewer may not see: published records come from the
search index (``search.selectors``, which holds only published records); drafts are added for
moderators only. Every list is bounded (``MATCH_LIMIT``) or paginated.
"""

from dataclasses import dataclass
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from kozkincs.accounts.permissions import is_moderator, moderation_scopes
from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.models import Record
from kozkincs.catalog.record_data import TEXT_COLUMNS, References, record_data_clean
from kozkincs.catalog.registry import catalog_get
from kozkincs.editing.models import ChangeRequest
from kozkincs.gazetteer.models import Settlement
from kozkincs.gazetteer.names import fold_name
from kozkincs.gazetteer.selectors import settlement_list
from kozkincs.history.selectors import ComparedField, versions_compare
from kozkincs.search.parameters import SearchInputError
from kozkincs.search.selectors import record_search_ids

MATCH_LIMIT = 20
PAGE_SIZE = 25


@dataclass(frozen=True)
class Match:
    value: str
    """What the picker puts in the text input ("Bagod (32957)", "Plébánia [#12]")."""
    label: str
    detail: str


def settlement_label(settlement: Settlement) -> str:
    return f"{settlement.name} ({settlement.ksh_code})"


def record_label(record_id: int, name: str) -> str:
    return f"{name} [#{record_id}]"


def settlement_matches(*, query: str, limit: int = MATCH_LIMIT) -> list[Match]:
    """Settlements whose name (accents ignored) or KSH code matches ``query``, names that
    start with it first; at most ``limit``."""
    if not fold_name(query or ""):
        return []
    rows = settlement_list(query=query).defer("boundary")[:limit]
    return [Match(settlement_label(s), s.name, s.county.name) for s in rows]


def settlements_named(name: str) -> list[Settlement]:
    """The settlements called exactly ``name`` (accents and case ignored); a few at most."""
    folded = fold_name(name)
    rows = Settlement.objects.filter(name_folded=folded).select_related("county")
    return list(rows.defer("boundary").order_by("name", "ksh_code")[:MATCH_LIMIT])


def _visible_records(viewer, catalog_key: str) -> QuerySet[Record]:
    records = Record.objects.filter(catalog=catalog_key)
    if is_moderator(viewer, catalog_key=catalog_key):
        return records.exclude(status=Record.Status.ARCHIVED)
    return records.filter(status=Record.Status.PUBLISHED)


def record_matches(
    *, query: str, catalog_key: str, viewer, limit: int = MATCH_LIMIT
) -> list[Match]:
    """Records of ``catalog_key`` matching ``query`` that ``viewer`` may see, at most ``limit``:
    published ones ranked by the search index, then (for moderators) drafts by name."""
    if not (query or "").strip():
        return []
    try:
        ids = record_search_ids(query=query, catalog=catalog_key, sort="relevance")[:limit]
    except SearchInputError:
        ids = []
    rows = dict(
        Record.objects.filter(pk__in=ids, status=Record.Status.PUBLISHED).values_list("id", "name")
    )
    found = [(pk, rows[pk]) for pk in ids if pk in rows]
    if len(found) < limit and is_moderator(viewer, catalog_key=catalog_key):
        drafts = (
            _visible_records(viewer, catalog_key)
            .filter(status=Record.Status.DRAFT, name__icontains=query.strip())
            .order_by("name", "id")
            .values_list("id", "name")[: limit - len(found)]
        )
        found += list(drafts)
    return [Match(record_label(pk, name), name, f"#{pk}") for pk, name in found]


def record_visible_get(*, record_id: int, catalog_key: str, viewer) -> Record | None:
    return _visible_records(viewer, catalog_key).filter(pk=record_id).first()


def records_named(*, name: str, catalog_key: str, viewer) -> list[Record]:
    """The records of ``catalog_key`` called exactly ``name`` (case ignored) that ``viewer``
    may see; a few at most."""
    rows = _visible_records(viewer, catalog_key).filter(name__iexact=name.strip())
    return list(rows.select_related("settlement").order_by("name", "id")[:MATCH_LIMIT])


def record_names(*, record_ids: list[int], viewer) -> dict[int, str]:
    """The names of those of ``record_ids`` that ``viewer`` may see (for the form's inputs)."""
    records = Record.objects.filter(pk__in=record_ids)
    if not is_moderator(viewer):
        records = records.filter(status=Record.Status.PUBLISHED)
    return dict(records.values_list("id", "name"))


# --- lists of change requests ------------------------------------------------------------------


def change_request_queue(
    *, viewer=None, catalog_key: str | None = None, settlement: Settlement | None = None,
    page: int = 1,
) -> Page:  # fmt: skip
    """The change requests waiting for a moderator, oldest first, ``PAGE_SIZE`` a page; with
    ``viewer``, only those within the viewer's moderation scope."""
    requests = ChangeRequest.objects.filter(state=ChangeRequest.State.SUBMITTED)
    scopes = moderation_scopes(viewer) if viewer is not None else None
    if scopes is not None:
        within = Q(pk__in=[])
        for catalogs, settlement_ids in scopes:
            scope = Q()
            if catalogs:
                scope &= Q(catalog__in=catalogs)
            if settlement_ids:
                scope &= Q(settlement_id__in=settlement_ids)
            within |= scope
        requests = requests.filter(within)
    if catalog_key:
        requests = requests.filter(catalog=catalog_key)
    if settlement is not None:
        requests = requests.filter(settlement=settlement)
    requests = requests.select_related("author", "record", "settlement").defer(
        "data", "settlement__boundary"
    )
    return Paginator(requests.order_by("submitted_at", "id"), PAGE_SIZE).get_page(page)


def change_requests_of(*, user, page: int = 1) -> Page:
    """``user``'s change requests, the most recent first."""
    requests = (
        ChangeRequest.objects.filter(author=user)
        .select_related("record", "settlement")
        .defer("data", "settlement__boundary")
        .order_by("-updated_at", "-id")
    )
    return Paginator(requests, PAGE_SIZE).get_page(page)


# --- the comparison ----------------------------------------------------------------------------

EMPTY_VERSION = {
    **dict.fromkeys(TEXT_COLUMNS, ""),
    "status": "", "settlement_id": None, "settlement_ids": [], "priority_ids": [], "lat": None,
    "lon": None, "tags": [], "sources": [], "values": {}, "relations": {}, "privacy": {},
}  # fmt: skip


def current_version(record: Record | None):
    """The record as it is now, as a version (the newest history row), or an empty one."""
    if record is None:
        return SimpleNamespace(**EMPTY_VERSION)
    latest = Record.history.filter(id=record.pk).order_by("history_date", "history_id").last()
    return latest or SimpleNamespace(**EMPTY_VERSION)


def proposed_version(change_request: ChangeRequest, definition: CatalogDefinition, current):
    """The record as the change request would leave it, as a version (``ValidationError`` when
    the proposal is no longer valid, e.g. a related record was deleted meanwhile)."""
    data = change_request.data
    cleaned = record_data_clean(
        definition=definition, data=data, references=References.for_items(definition, [data]),
        existing=change_request.record,
    )  # fmt: skip
    columns = cleaned.columns
    proposed = {key: getattr(current, key) for key in EMPTY_VERSION}
    proposed.update({key: value for key, value in columns.items() if key != "settlement"})
    if "settlement" in columns:
        proposed["settlement_id"] = getattr(columns["settlement"], "pk", None)
    if cleaned.settlements is not None:
        proposed["settlement_ids"] = sorted(s.pk for s in cleaned.settlements)
    if cleaned.priorities is not None:
        proposed["priority_ids"] = sorted(p.pk for p in cleaned.priorities)
    if cleaned.values is not None:
        proposed["values"] = cleaned.values
    proposed["relations"] = {**(current.relations or {}), **cleaned.relations}
    proposed["privacy"] = {**(current.privacy or {}), **(cleaned.privacy or {})}
    if change_request.record is None:
        proposed["status"] = Record.Status.PUBLISHED
    return SimpleNamespace(**proposed)


@dataclass
class Comparison:
    rows: list[ComparedField]
    errors: list[str]
    stale: bool
    """The record was saved after the version the proposal was based on."""
    current_version: int | None


def change_request_compare(*, change_request: ChangeRequest) -> Comparison:
    """The fields the change request would change, each with the saved and the proposed
    value (labels from the catalog definition)."""
    definition = catalog_get(change_request.catalog)
    record = change_request.record
    stale = record is not None and record.version != change_request.base_version
    current_number = record.version if record is not None else None
    if definition is None:
        return Comparison(
            [], [str(_unknown_catalog(change_request.catalog))], stale, current_number
        )
    current = current_version(record)
    try:
        proposed = proposed_version(change_request, definition, current)
    except ValidationError as error:
        errors = [m for messages in error.message_dict.values() for m in messages]
        return Comparison([], errors, stale, current_number)
    subject = record if record is not None else SimpleNamespace(catalog=change_request.catalog)
    rows = versions_compare(record=subject, older=current, newer=proposed)
    return Comparison(rows, [], stale, current_number)


def _unknown_catalog(key: str):
    from django.utils.translation import gettext as _

    return _("Unknown catalog: “%(key)s”.") % {"key": key}
