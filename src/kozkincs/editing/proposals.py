"""Proposals kept as JSON: what a change request stores, and the form's data made from it."""

from typing import Any

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.forms import VALUE_PREFIX, privacy_initial
from kozkincs.catalog.record_data import TEXT_COLUMNS, RecordData
from kozkincs.gazetteer.models import Settlement
from kozkincs.strategy.models import StrategyPriority


def _jsonable(value: Any) -> Any:
    if isinstance(value, Settlement):
        return value.ksh_code
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def record_data_json(data: RecordData) -> dict:
    """``data`` as JSON the services take back as it is (settlements as KSH codes)."""
    return _jsonable(dict(data))


def proposal_form_initial(data: dict, definition: CatalogDefinition) -> dict:
    """The form's initial data for a stored proposal (``record_data_json``)."""
    initial: dict[str, Any] = {column: data.get(column, "") for column in TEXT_COLUMNS}
    numbers = data.get("priorities") or []
    initial.update(
        settlement=data.get("settlement") or "",
        settlements=list(data.get("settlements") or []),
        lat=data.get("lat"),
        lon=data.get("lon"),
        priorities=list(StrategyPriority.objects.filter(number__in=numbers)),
        tags=", ".join(data.get("tags") or []),
        sources=data.get("sources") or [],
    )
    values = data.get("values") or {}
    privacy = data.get("privacy") or {}
    for fdef in definition.fields:
        kind = field_type(fdef.type)
        value = values.get(fdef.key)
        if kind.in_relations and value is not None and not isinstance(value, list):
            value = [value]  # the form sent one id for a single relation
        initial[f"{VALUE_PREFIX}{fdef.key}"] = kind.initial(value, field=fdef)
        initial.update(privacy_initial(fdef, privacy))
    return initial
