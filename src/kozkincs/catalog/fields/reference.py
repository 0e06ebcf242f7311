"""References to settlements (by KSH code) and to records of another catalog.

Cleaning checks the form of a reference; the services check in one query per kind that the
referenced settlements and records exist (and that records belong to ``target_catalog``).
Record references are never stored in ``values``: the services turn them into
``RecordRelation`` rows. Selectors pass resolved objects (``Settlement``, ``Record``) to
:meth:`display` and :meth:`search_text`.
"""

from django import forms
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.fields.base import FieldType, field_error, is_empty
from kozkincs.core.i18n import current_language
from kozkincs.gazetteer.identifiers import is_valid_ksh_code


def object_url(obj) -> str:
    """The public address of ``obj``; empty while the public site does not serve it."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""


def link_html(item: dict) -> SafeString:
    """A shown reference (``{"text", "href"}``): a link when the site serves its page."""
    if item["href"]:
        return format_html('<a href="{}">{}</a>', item["href"], item["text"])
    return conditional_escape(item["text"])


def _listed(value) -> list:
    if is_empty(value):
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


class SettlementField(FieldType):
    key = "settlement"
    holds_settlements = True
    item_html = staticmethod(link_html)

    def resolve(self, value, *, field, settlements):
        if isinstance(value, list):
            return [settlements.get(code, code) for code in value]
        return settlements.get(value, value)

    def settlement_codes(self, value, *, field):
        return {getattr(item, "ksh_code", None) or str(item).strip() for item in _listed(value)}

    def check_references(self, value, *, field, references, record_id):
        unknown = [code for code in _listed(value) if code not in references.settlements]
        if not unknown:
            return None
        return _("%(field)s: unknown settlement (KSH code %(codes)s).") % {
            "field": field.label.get(current_language()),
            "codes": ", ".join(unknown),
        }

    def clean_one(self, raw, *, field, catalog):
        code = getattr(raw, "ksh_code", None) or str(raw).strip()
        if not is_valid_ksh_code(code):
            raise field_error(
                field, _("“%(value)s” is not a settlement's KSH code.") % {"value": code[:20]}
            )
        return code

    def single_form_field(self, *, field, catalog, language):
        return forms.ChoiceField(choices=settlement_choices, required=False)

    def display_item(self, value, *, field, catalog, language):
        if hasattr(value, "ksh_code"):
            return {"text": value.name, "href": object_url(value)}
        return {"text": str(value), "href": ""}

    def search_item(self, value, *, field, catalog):
        return getattr(value, "name", "")

    def facet_values(self, value, *, field, catalog):
        return [getattr(item, "ksh_code", item) for item in self.items(value, field=field)]

    def json_ld_item(self, value, *, field, catalog, language):
        if hasattr(value, "ksh_code"):
            return {"@type": "Place", "name": value.name}
        return value


def settlement_choices() -> list[tuple[str, str]]:
    from kozkincs.gazetteer.models import Settlement

    rows = Settlement.objects.order_by("name").values_list("ksh_code", "name")
    return [("", "—"), *((code, f"{name} ({code})") for code, name in rows)]


class RecordReferenceField(FieldType):
    """Cleaned into a list of record ids (a list even when not ``multiple``)."""

    key = "record"
    item_html = staticmethod(link_html)
    supports_multiple = False
    accepts_list = True
    in_relations = True

    def spreadsheet_several(self, *, field):
        return True

    def stored(self, values, relations, *, field):
        return (relations or {}).get(field.key, [])

    def record_ids(self, value, *, field):
        found = (getattr(item, "pk", item) for item in _listed(value))
        return {int(item) for item in found if str(item).isdigit()}

    def check_references(self, value, *, field, references, record_id):
        label = field.label.get(current_language())
        for target_id in value:
            target = references.records.get(target_id)
            if target is None:
                return _("%(field)s: record %(id)s does not exist.") % {
                    "field": label,
                    "id": target_id,
                }
            if target[0] != field.target_catalog:
                return _(
                    "%(field)s: “%(name)s” is a record of catalog “%(catalog)s”, not of "
                    "“%(target)s”."
                ) % {"field": label, "name": target[1], "catalog": target[0],
                     "target": field.target_catalog}  # fmt: skip
            if target_id == record_id:
                return _("%(field)s: a record cannot refer to itself.") % {"field": label}
        return None

    def initial(self, value, *, field):
        targets = [getattr(item, "pk", item) for item in value or []]
        return targets if field.multiple else (targets[0] if targets else None)

    def clean(self, raw, *, field, catalog):
        if is_empty(raw):
            return None
        items = raw if isinstance(raw, list | tuple) else [raw]
        ids: list[int] = []
        for item in items:
            if is_empty(item):
                continue
            record_id = getattr(item, "pk", item)
            if isinstance(record_id, bool) or not str(record_id).strip().isdigit():
                raise field_error(
                    field, _("“%(value)s” is not a record.") % {"value": str(item)[:60]}
                )
            if int(record_id) not in ids:
                ids.append(int(record_id))
        if len(ids) > 1 and not field.multiple:
            raise field_error(field, _("only one record can be chosen."))
        return ids or None

    def items(self, value, *, field):
        return list(value) if isinstance(value, list | tuple) else []

    def form_field(self, *, field, catalog, language):
        def choices():
            return record_choices(field.target_catalog)

        if field.multiple:
            form_field = forms.TypedMultipleChoiceField(choices=choices, coerce=int, required=False)
        else:
            form_field = forms.TypedChoiceField(
                choices=lambda: [("", "—"), *choices()],
                coerce=int,
                required=False,
                empty_value=None,
            )
        form_field.label = field.label.get(language)
        form_field.help_text = field.help.get(language) if field.help else ""
        return form_field

    def display_item(self, value, *, field, catalog, language):
        if hasattr(value, "display_name"):
            return {"text": value.display_name, "href": object_url(value)}
        return {"text": str(value), "href": ""}

    def search_item(self, value, *, field, catalog):
        return getattr(value, "name", "")

    def facet_values(self, value, *, field, catalog):
        return []

    def json_ld(self, value, *, field, catalog, language):
        items = [
            {"@type": "Thing", "name": item.display_name, "url": object_url(item)}
            for item in self.items(value, field=field)
            if hasattr(item, "display_name")
        ]
        return items if field.multiple else (items[0] if items else None)


def record_choices(catalog_key: str) -> list[tuple[int, str]]:
    from kozkincs.catalog.models import Record

    rows = Record.objects.filter(catalog=catalog_key).order_by("name", "id")
    return [(pk, name) for pk, name in rows.values_list("id", "name")]
