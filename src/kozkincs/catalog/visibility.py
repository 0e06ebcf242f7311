"""Who sees which field of a record, and resolving stored settlement codes for display."""

from collections.abc import Callable
from typing import Any

from kozkincs.catalog.definitions import CatalogDefinition, FieldDefinition
from kozkincs.catalog.detail_reads import VALUE_SETTLEMENTS, read_once, remember
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get
from kozkincs.gazetteer.models import Settlement


def _is_staff(viewer) -> bool:
    return bool(getattr(viewer, "is_staff", False))


# Who sees the staff level: the accounts app (above the catalog) registers its moderator
# test (moderators, administrators, staff) from its AppConfig.ready().
_staff_viewer_test: Callable[[Any], bool] = _is_staff


def staff_viewer_test_register(test: Callable[[Any], bool]) -> None:
    global _staff_viewer_test
    _staff_viewer_test = test


def viewer_level(viewer) -> str:
    """``"staff"``, ``"members"`` (logged in) or ``"public"``."""
    if viewer is not None and _staff_viewer_test(viewer):
        return "staff"
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        return "members"
    return "public"


_SEES = {"public": {"public"}, "members": {"public", "members"}}


def field_is_personal(privacy: dict | None, fdef: FieldDefinition) -> bool:
    """Whether the value of ``fdef`` in a record with these privacy settings is personal data:
    always for ``personal`` fields, for ``may_be_personal`` contact fields when the record flags
    the value as a private person's."""
    if fdef.personal:
        return True
    return fdef.may_be_personal and bool(
        ((privacy or {}).get(fdef.key) or {}).get("private_person")
    )


def field_visible(record: Record, fdef: FieldDefinition, level: str = "public") -> bool:
    if level == "staff":
        return True
    if not fdef.public:
        return False
    if not field_is_personal(record.privacy, fdef):
        return True
    privacy = (record.privacy or {}).get(fdef.key) or {}
    return bool(privacy.get("consent")) and privacy.get("visibility") in _SEES[level]


def settlements_by_code(codes: set[str]) -> dict[str, Settlement]:
    if not codes:
        return {}
    found = Settlement.objects.filter(ksh_code__in=codes).defer("boundary")
    return {s.ksh_code: s for s in found}


def value_settlements(record: Record, definition: CatalogDefinition) -> dict[str, Settlement]:
    """The settlements named in the settlement fields of ``record``, by KSH code; read once
    per record instance (no query when it names none)."""
    return read_once(
        record,
        VALUE_SETTLEMENTS,
        lambda: settlements_by_code(settlement_codes(definition, [record.values or {}])),
    )


def read_value_settlements(records: list[Record]) -> None:
    """Read the settlements named in the values of all ``records`` in one query (none when
    they name none), so that :func:`value_settlements` of each reads nothing."""
    wanted: dict[int, set[str]] = {}
    for record in records:
        definition = catalog_get(record.catalog)
        wanted[record.pk] = (
            settlement_codes(definition, [record.values or {}]) if definition else set()
        )
    found = settlements_by_code(set().union(*wanted.values()))
    for record in records:
        remember(record, VALUE_SETTLEMENTS, {c: found[c] for c in wanted[record.pk] if c in found})


def settlement_fields(definition: CatalogDefinition) -> list[FieldDefinition]:
    """The fields of ``definition`` whose values are settlement KSH codes."""
    return [fdef for fdef in definition.fields if field_type(fdef.type).holds_settlements]


def settlement_codes(definition: CatalogDefinition, values_list: list[dict]) -> set[str]:
    """The KSH codes the settlement fields of ``definition`` hold in any of ``values_list``."""
    codes: set[str] = set()
    for fdef in settlement_fields(definition):
        kind = field_type(fdef.type)
        for values in values_list:
            codes |= kind.settlement_codes(values.get(fdef.key), field=fdef)
    return codes
