"""Validation of the catalog-specific part of a record: ``values`` and record references.

Each value goes through its field type. Record references become ``relations``
(field key → target ids), checked against ``target_catalog``. Required fields are checked
over the record as it will be after the change, so a required field added to the YAML
later bites on the next edit of an old record, with a message naming the field, and never
before.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.core.i18n import current_language


def _messages(error: ValidationError) -> list[str]:
    return list(error.messages)


def _existing_relation_keys(existing: Record | None) -> set[str]:
    if existing is None:
        return set()
    return set(RecordRelation.objects.filter(source=existing).values_list("field_key", flat=True))


def clean_values(
    *, definition: CatalogDefinition, data, references, existing: Record | None,
    errors: dict, cleaned,
) -> None:  # fmt: skip
    """Fill ``cleaned.values`` (the merged values) and ``cleaned.relations`` or ``errors``."""
    given = data.get("values")
    if given is None and existing is not None:
        return
    given = given or {}
    if not isinstance(given, dict):
        errors["values"] = _("The catalog values must be a mapping of field keys.")
        return
    fields = definition.field_map
    unknown = sorted(set(given) - set(fields))
    if unknown:
        errors["values"] = _("Unknown fields in catalog “%(catalog)s”: %(keys)s.") % {
            "catalog": definition.key,
            "keys": ", ".join(unknown),
        }
    # Keys not (or no longer) in the definition stay as they were: nothing is lost.
    values = dict(existing.values) if existing is not None else {}
    record_id = existing.pk if existing is not None else None
    for key, raw in given.items():
        fdef = fields.get(key)
        if fdef is None:
            continue
        kind = field_type(fdef.type)
        try:
            value = references.cleaner(definition, fdef)(raw)
        except ValidationError as error:
            errors[key] = _messages(error)
            continue
        problem = value is not None and kind.check_references(
            value, field=fdef, references=references, record_id=record_id
        )
        if problem:
            errors[key] = problem
            continue
        if kind.in_relations:
            cleaned.relations[key] = value or []
            values.pop(key, None)
        elif value is None:
            values.pop(key, None)
        else:
            values[key] = value
    cleaned.values = values
    _check_required(definition, values, cleaned.relations, existing, errors)


def _check_required(definition, values: dict, relations: dict, existing, errors: dict) -> None:
    related = _existing_relation_keys(existing) - {k for k, ids in relations.items() if not ids}
    related |= {key for key, ids in relations.items() if ids}
    for fdef in definition.fields:
        if not fdef.required or fdef.key in errors:
            continue
        in_relations = field_type(fdef.type).in_relations
        present = fdef.key in (related if in_relations else values)
        if not present:
            errors[fdef.key] = _("%(field)s is required.") % {
                "field": fdef.label.get(current_language())
            }
