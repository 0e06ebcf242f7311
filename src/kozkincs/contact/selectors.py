"""Whom a visitor can write to through the relay: the persons and private e-mail addresses of a
published record, named only as far as their consent allows."""

from dataclasses import dataclass

from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.visibility import field_is_personal, field_visible
from kozkincs.core.i18n import current_language


@dataclass(frozen=True)
class Contact:
    key: str
    """``<field key>`` or ``<field key>-<position>`` for a field with several persons."""
    label: str
    """The field's label (e.g. "Contact person")."""
    name: str
    """The person's name when it may be shown publicly, else empty."""
    address: str


def _people(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def record_contacts(*, record: Record) -> list[Contact]:
    """The relay contacts of ``record``: person fields with an e-mail address, and e-mail fields
    that hold a private person's address (``personal: true``, or ``may_be_personal`` and
    flagged so in the record). None for a record that is not public."""
    if record.status != Record.Status.PUBLISHED:
        return []
    definition = catalog_get(record.catalog)
    if definition is None:
        return []
    language = current_language()
    contacts = []
    for fdef in definition.fields:
        if fdef.type != "person" and not (
            fdef.type == "email" and field_is_personal(record.privacy, fdef)
        ):
            continue
        visible = field_visible(record, fdef)
        people = _people(record.values.get(fdef.key))
        for position, item in enumerate(people):
            address = item.get("email", "") if isinstance(item, dict) else str(item)
            if not address:
                continue
            name = item.get("name", "") if isinstance(item, dict) and visible else ""
            key = fdef.key if len(people) == 1 else f"{fdef.key}-{position + 1}"
            contacts.append(Contact(key, fdef.label.get(language), name, address))
    return contacts


def record_contact(*, record: Record, key: str) -> Contact | None:
    return next((c for c in record_contacts(record=record) if c.key == key), None)
