"""Text, numbers, dates, yes/no, web addresses and e-mail addresses."""

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.fields.base import FieldType, field_error
from kozkincs.core.i18n import in_language
from kozkincs.core.rich_text import plain_text, rich_text_clean, rich_text_sanitize

DEFAULT_TEXT_LENGTH = 1000
DEFAULT_YEAR_RANGE = (1, 2100)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(raw: Any, field) -> str:
    if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
        raise field_error(field, _("a text is expected."))
    return _CONTROL.sub("", str(raw)).strip()


class TextField(FieldType):
    key = "text"
    identifies_records = True

    def clean_one(self, raw, *, field, catalog):
        text = _text(raw, field)
        limit = field.max_length or DEFAULT_TEXT_LENGTH
        if len(text) > limit:
            raise field_error(
                field, _("at most %(limit)d characters are allowed.") % {"limit": limit}
            )
        return text or None


class LongTextField(FieldType):
    """Rich text (``core.rich_text``): sanitised with nh3 when saved and again when shown;
    plain text becomes paragraphs. Search and JSON-LD see the text without tags."""

    key = "long_text"
    rich_text = True

    def clean_one(self, raw, *, field, catalog):
        cleaned = rich_text_clean(_text(raw, field))
        if field.max_length and len(cleaned) > field.max_length:
            raise field_error(
                field, _("at most %(limit)d characters are allowed.") % {"limit": field.max_length}
            )
        return cleaned or None

    def single_form_field(self, *, field, catalog, language):
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False)

    def display_item(self, value, *, field, catalog, language):
        return rich_text_sanitize(value)

    def display_html(self, items, *, field, catalog, language):
        # Sanitised by display_item: marked safe, as the allowlist's HTML.
        return format_html_join(
            "", '<div class="rich-text">{}</div>', ((mark_safe(item),) for item in items)
        )

    def search_item(self, value, *, field, catalog):
        return plain_text(value)

    def json_ld_item(self, value, *, field, catalog, language):
        return plain_text(value)


def _bounds(field, default: tuple[float | None, float | None]) -> tuple:
    low = field.min if field.min is not None else default[0]
    high = field.max if field.max is not None else default[1]
    return low, high


def _check_bounds(number, field, default=(None, None)) -> None:
    low, high = _bounds(field, default)
    if low is not None and number < low:
        raise field_error(field, _("the smallest allowed value is %(low)s.") % {"low": low})
    if high is not None and number > high:
        raise field_error(field, _("the largest allowed value is %(high)s.") % {"high": high})


class IntegerField(FieldType):
    key = "integer"
    identifies_records = True
    default_bounds: tuple = (None, None)

    def clean_one(self, raw, *, field, catalog):
        if isinstance(raw, bool):
            raise field_error(field, _("a whole number is expected."))
        text = re.sub(r"[\s\u00a0]", "", str(raw))
        if not re.fullmatch(r"[+-]?\d{1,15}", text):
            raise field_error(
                field, _("“%(value)s” is not a whole number.") % {"value": str(raw)[:50]}
            )
        number = int(text)
        _check_bounds(number, field, self.default_bounds)
        return number

    def single_form_field(self, *, field, catalog, language):
        return forms.IntegerField(
            required=False, min_value=field.min, max_value=field.max, localize=False
        )


class YearField(IntegerField):
    key = "year"
    identifies_records = False
    default_bounds = DEFAULT_YEAR_RANGE

    def single_form_field(self, *, field, catalog, language):
        low, high = _bounds(field, DEFAULT_YEAR_RANGE)
        return forms.IntegerField(required=False, min_value=low, max_value=high)

    def facet_value(self, raw, *, field, catalog):
        if not re.fullmatch(r"[+-]?[0-9]{1,6}", raw):
            return None
        low, high = _bounds(field, DEFAULT_YEAR_RANGE)
        return str(int(raw)) if low <= int(raw) <= high else None


class DecimalField(FieldType):
    """Stored as a string (``"12.5"``) so no precision is lost; ``12,5`` is accepted."""

    key = "decimal"

    def clean_one(self, raw, *, field, catalog):
        if isinstance(raw, bool):
            raise field_error(field, _("a number is expected."))
        text = re.sub(r"[\s\u00a0]", "", str(raw)).replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or len(text) > 30:
            raise field_error(field, _("“%(value)s” is not a number.") % {"value": str(raw)[:50]})
        _check_bounds(number, field)
        return format(number.normalize(), "f")

    def single_form_field(self, *, field, catalog, language):
        return forms.CharField(
            required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"})
        )

    def display_item(self, value, *, field, catalog, language):
        return formats.number_format(Decimal(value), use_l10n=True)

    def json_ld_item(self, value, *, field, catalog, language):
        return float(value)


# Hungarian month names and their usual abbreviations ("2010. május 13.", "2010. máj. 13.").
HUNGARIAN_MONTHS = {
    "január": 1, "jan": 1, "február": 2, "febr": 2, "feb": 2, "március": 3, "márc": 3,
    "április": 4, "ápr": 4, "május": 5, "máj": 5, "június": 6, "jún": 6, "július": 7,
    "júl": 7, "augusztus": 8, "aug": 8, "szeptember": 9, "szept": 9, "szep": 9, "október": 10,
    "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_NUMERIC_DATE = re.compile(r"\s*(\d{4})[-./]\s*(\d{1,2})[-./]\s*(\d{1,2})\.?\s*")
_WORDED_DATE = re.compile(r"\s*(\d{4})\.?\s+([^\W\d_]+)\.?\s+(\d{1,2})\.?\s*")


def _date_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of ``2010-05-13``, ``2010.05.13.`` or ``2010. május 13.``."""
    if match := _NUMERIC_DATE.fullmatch(text):
        return tuple(int(part) for part in match.groups())
    if (match := _WORDED_DATE.fullmatch(text)) and match[2].lower() in HUNGARIAN_MONTHS:
        return int(match[1]), HUNGARIAN_MONTHS[match[2].lower()], int(match[3])
    return None


class DateField(FieldType):
    """An exact day, stored as ISO ``YYYY-MM-DD``; ``2020.05.01.`` and ``2010. május 13.``
    are accepted."""

    key = "date"

    def clean_one(self, raw, *, field, catalog):
        if isinstance(raw, datetime.datetime):
            raw = raw.date()
        if isinstance(raw, datetime.date):
            return raw.isoformat()
        parts = _date_parts(str(raw))
        try:
            if parts is None:
                raise ValueError
            return datetime.date(*parts).isoformat()
        except ValueError:
            raise field_error(
                field, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": str(raw)[:50]}
            ) from None

    def single_form_field(self, *, field, catalog, language):
        return forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def display_item(self, value, *, field, catalog, language):
        return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")

    def facet_values(self, value, *, field, catalog):
        return [item[:4] for item in self.items(value, field=field)]


TRUE_WORDS = {"true", "1", "yes", "igen", "ja", "on", "i"}
FALSE_WORDS = {"false", "0", "no", "nem", "nein", "off", "n"}


class BooleanField(FieldType):
    key = "boolean"
    supports_multiple = False

    def clean_one(self, raw, *, field, catalog):
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise field_error(field, _("“%(value)s” is neither yes nor no.") % {"value": str(raw)[:50]})

    def single_form_field(self, *, field, catalog, language):
        return forms.NullBooleanField(required=False)

    def spreadsheet_choices(self, *, field, catalog, part=None):
        return ["igen", "nem"]

    def display_item(self, value, *, field, catalog, language):
        return gettext_now("yes") if value else gettext_now("no")

    def search_item(self, value, *, field, catalog):
        return ""

    def facet_values(self, value, *, field, catalog):
        return [] if value is None else ["true" if value else "false"]

    def facet_choices(self, *, field, catalog):
        return ["true", "false"]

    def facet_labels(self, values, *, field, catalog, language):
        with in_language(language):
            words = {"true": str(_("yes")), "false": str(_("no"))}
        return {value: words.get(value, value) for value in values}


class UrlField(FieldType):
    key = "url"
    identifies_records = True
    _validator = URLValidator(schemes=["http", "https"])

    def clean_one(self, raw, *, field, catalog):
        url = _text(raw, field)
        if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
            url = "https://" + url
        try:
            self._validator(url)
        except ValidationError:
            raise field_error(
                field, _("“%(value)s” is not a web address.") % {"value": str(raw)[:80]}
            ) from None
        return url

    def single_form_field(self, *, field, catalog, language):
        return forms.CharField(required=False, widget=forms.URLInput())

    def item_html(self, item):
        return format_html('<a href="{}" rel="noopener noreferrer nofollow">{}</a>', item, item)


class EmailField(FieldType):
    key = "email"
    identifies_records = True

    def clean_one(self, raw, *, field, catalog):
        email = _text(raw, field)
        try:
            validate_email(email)
        except ValidationError:
            raise field_error(
                field, _("“%(value)s” is not an e-mail address.") % {"value": email[:80]}
            ) from None
        local, _at, domain = email.rpartition("@")
        return f"{local}@{domain.lower()}"

    def single_form_field(self, *, field, catalog, language):
        return forms.CharField(required=False, widget=forms.EmailInput())

    def item_html(self, item):
        return format_html('<a href="mailto:{}">{}</a>', item, item)
