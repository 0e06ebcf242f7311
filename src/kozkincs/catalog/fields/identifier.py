"""Phone numbers, ISBN, ISSN, Hungarian tax numbers and KSH settlement codes."""

from collections.abc import Callable

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog import identifiers
from kozkincs.catalog.fields.base import FieldType, field_error
from kozkincs.catalog.fields.scalar import _text
from kozkincs.gazetteer.identifiers import is_valid_ksh_code


class IdentifierField(FieldType):
    """A code with a normal form; ``normalize`` returns ``None`` for an invalid one."""

    normalize: Callable[[str], str | None]
    problem = _("“%(value)s” is not valid.")
    input_mode = "text"

    def clean_one(self, raw, *, field, catalog):
        text = _text(raw, field)
        normalized = type(self).normalize(text)
        if normalized is None:
            raise field_error(field, self.problem % {"value": text[:60]})
        return normalized

    def single_form_field(self, *, field, catalog, language):
        return forms.CharField(
            required=False, widget=forms.TextInput(attrs={"inputmode": self.input_mode})
        )

    def facet_values(self, value, *, field, catalog):
        return []


class PhoneField(IdentifierField):
    key = "phone"
    normalize = staticmethod(identifiers.normalize_phone)
    problem = _("“%(value)s” is not a Hungarian phone number (e.g. +36 92 510 123).")
    input_mode = "tel"

    def single_form_field(self, *, field, catalog, language):
        return forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "tel"}))

    def display_item(self, value, *, field, catalog, language):
        return {"text": value, "href": "tel:" + value.replace(" ", "")}

    def item_html(self, item):
        return format_html('<a href="{}">{}</a>', item["href"], item["text"])

    def search_item(self, value, *, field, catalog):
        return ""


class IsbnField(IdentifierField):
    key = "isbn"
    identifies_records = True
    normalize = staticmethod(identifiers.normalize_isbn)
    problem = _("“%(value)s” is not a valid ISBN-10 or ISBN-13 (check the last digit).")

    def search_item(self, value, *, field, catalog):
        if len(value) == 10:
            return f"{value} {identifiers.isbn10_to_isbn13(value)}"
        return value

    def json_ld_item(self, value, *, field, catalog, language):
        return value


class IssnField(IdentifierField):
    key = "issn"
    identifies_records = True
    normalize = staticmethod(identifiers.normalize_issn)
    problem = _("“%(value)s” is not a valid ISSN (NNNN-NNNC, check the last digit).")


class TaxNumberField(IdentifierField):
    key = "tax_number"
    identifies_records = True
    normalize = staticmethod(identifiers.normalize_tax_number)
    problem = _(
        "“%(value)s” is not a valid Hungarian tax number (xxxxxxxx-y-zz: check digit, "
        "VAT code 1-5, territorial code)."
    )
    input_mode = "numeric"


def _normalize_ksh_code(value: str) -> str | None:
    code = value.strip()
    return code if is_valid_ksh_code(code) else None


class KshCodeField(IdentifierField):
    key = "ksh_code"
    identifies_records = True
    normalize = staticmethod(_normalize_ksh_code)
    problem = _("“%(value)s” is not a valid KSH code (5 digits, the last one a check digit).")
    input_mode = "numeric"
