"""The base class of every field type: cleaning, form field, display, search and facets.

A field type is stateless; the field's definition (``FieldDefinition``) and the catalog
(``CatalogDefinition``) are passed to every method. ``multiple: true`` is handled here once:
a list is cleaned, displayed, searched and faceted item by item.
"""

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.definitions import CatalogDefinition, FieldDefinition
from kozkincs.core.i18n import current_language, in_language


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict | set):
        return not value
    return False


def _single_as_is(value: Any) -> Any:
    """A single value's JSON-LD where it is the value itself: None when empty. Texts, the
    values most often converted, are checked without a call to :func:`is_empty`."""
    if value.__class__ is str:
        return value if value.strip() else None
    return None if is_empty(value) else value


def items_html(items: list[SafeString]) -> SafeString:
    """One item as it is, several as a list."""
    if len(items) == 1:
        return items[0]
    rows = format_html_join("", "<li>{}</li>", ((item,) for item in items))
    return format_html('<ul class="field-list">{}</ul>', rows)


def field_error(field: FieldDefinition, problem: Any, code: str = "invalid") -> ValidationError:
    """An error whose message starts with the field's label in the active language."""
    return ValidationError(
        _("%(field)s: %(problem)s"),
        code=code,
        params={"field": field.label.get(current_language()), "problem": problem},
    )


class FieldType:
    """One type of catalog field. Subclasses implement :meth:`clean_one` at least."""

    key: ClassVar[str]
    template_name: ClassVar[str | None] = None
    """The template of the display (a project may override it); ``None``: :meth:`item_html`."""
    supports_multiple: ClassVar[bool] = True
    # Values are HTML of the rich-text allowlist (``core.rich_text``): sanitised by ``clean``
    # and by ``display``, searched without tags. Stored values of such a type are sanitised
    # again by the catalog's data migrations when the allowlist changes.
    rich_text: ClassVar[bool] = False

    # --- cleaning -----------------------------------------------------------------------------

    def clean(self, raw: Any, *, field: FieldDefinition, catalog: CatalogDefinition) -> Any:
        """The normalised JSON value of ``raw``, ``None`` when empty; ``ValidationError``
        (naming the field) when invalid."""
        return self.clean_items(
            raw, field=field, clean_one=partial(self.clean_one, field=field, catalog=catalog)
        )

    def clean_items(
        self, raw: Any, *, field: FieldDefinition, clean_one: Callable[[Any], Any]
    ) -> Any:
        """:meth:`clean` with ``clean_one`` cleaning each single value."""
        if field.multiple and self.supports_multiple:
            items = raw if isinstance(raw, list | tuple) else [raw]
            cleaned = [clean_one(item) for item in items if not is_empty(item)]
            cleaned = [item for item in cleaned if item is not None]
            return cleaned or None
        if is_empty(raw):
            return None
        if isinstance(raw, list | tuple) and not self.accepts_list:
            raise field_error(field, _("only one value is allowed."))
        return clean_one(raw)

    def cleaner(
        self, *, field: FieldDefinition, catalog: CatalogDefinition
    ) -> Callable[[Any], Any]:
        """:meth:`clean` of values of one field, as a function of the raw value alone: a type
        whose cleaning looks something up in the field or the catalog (a vocabulary's labels)
        prepares it here once, and validating many records (``References.cleaner``) cleans
        each field's values with one cleaner. Returns what :meth:`clean` returns.

        Here: :meth:`clean` as it is."""
        return partial(self.clean, field=field, catalog=catalog)

    accepts_list: ClassVar[bool] = False

    def clean_one(self, raw: Any, *, field: FieldDefinition, catalog: CatalogDefinition) -> Any:
        raise NotImplementedError

    def items(self, value: Any, *, field: FieldDefinition) -> list:
        """The single values inside a stored value (a list when ``multiple``)."""
        if is_empty(value):
            return []
        if field.multiple and self.supports_multiple and isinstance(value, list):
            return value
        return [value]

    # --- storage and references --------------------------------------------------------------

    # References to other records are kept as ``RecordRelation`` rows (field key → target ids),
    # never in ``Record.values``.
    in_relations: ClassVar[bool] = False
    # Values are settlements' KSH codes, read as ``Settlement`` objects (see :meth:`resolve`).
    holds_settlements: ClassVar[bool] = False

    def stored(self, values: dict, relations: dict, *, field: FieldDefinition) -> Any:
        """The value of ``field`` out of a record's (or a version's) ``values`` and
        ``relations`` (field key → related ids or records)."""
        return (values or {}).get(field.key)

    def resolve(self, value: Any, *, field: FieldDefinition, settlements: dict) -> Any:
        """``value`` with the settlements it names replaced by the objects of ``settlements``
        (KSH code → ``Settlement``), as display, search and JSON-LD expect them."""
        return value

    def read(
        self, values: dict, relations: dict, *, field: FieldDefinition, settlements: dict
    ) -> Any:
        """:meth:`stored` then :meth:`resolve`: the value display, search and JSON-LD take."""
        return self.resolve(
            self.stored(values, relations, field=field), field=field, settlements=settlements
        )

    def settlement_codes(self, value: Any, *, field: FieldDefinition) -> set[str]:
        """The KSH codes a stored or raw value refers to."""
        return set()

    def record_ids(self, value: Any, *, field: FieldDefinition) -> set[int]:
        """The ids of the records a raw value refers to (malformed items left out)."""
        return set()

    def check_references(
        self, value: Any, *, field: FieldDefinition, references, record_id: int | None
    ) -> str | None:
        """A message when the cleaned ``value`` names something that does not exist (checked
        against ``references``, loaded once per save: ``record_data.References``)."""
        return None

    # --- spreadsheets (kozkincs.imports) ------------------------------------------------------

    # A value of this type can identify the record a spreadsheet row updates.
    identifies_records: ClassVar[bool] = False

    def spreadsheet_several(self, *, field: FieldDefinition) -> bool:
        """Does one cell hold several values (separated by semicolons or line breaks)?"""
        return field.multiple and self.supports_multiple

    def spreadsheet_parts(self, *, field: FieldDefinition) -> list[tuple[str, dict[str, str]]]:
        """Parts written in columns of their own: ``(key, {language: label})``; none when the
        value fits one column."""
        return []

    def spreadsheet_choices(
        self, *, field: FieldDefinition, catalog: CatalogDefinition, part: str | None = None
    ) -> list[str]:
        """The Hungarian words a template offers in a drop-down list (empty: free input)."""
        return []

    # --- forms --------------------------------------------------------------------------------

    def form_field(
        self, *, field: FieldDefinition, catalog: CatalogDefinition, language: str
    ) -> forms.Field:
        from kozkincs.catalog.fields.widgets import RowsField

        single = self.single_form_field(field=field, catalog=catalog, language=language)
        if field.multiple and self.supports_multiple:
            single = RowsField(row_field=single)
        single.label = field.label.get(language)
        single.help_text = field.help.get(language) if field.help else ""
        single.required = False  # the services check required fields, with one message
        return single

    def single_form_field(
        self, *, field: FieldDefinition, catalog: CatalogDefinition, language: str
    ) -> forms.Field:
        max_length = field.max_length
        return forms.CharField(max_length=max_length, required=False)

    def initial(self, value: Any, *, field: FieldDefinition) -> Any:
        """The stored value as the form field expects it."""
        return value

    # --- display, search, facets, JSON-LD ----------------------------------------------------

    def display_item(
        self, value: Any, *, field: FieldDefinition, catalog: CatalogDefinition, language: str
    ) -> Any:
        return str(value)

    def display(
        self, value: Any, *, field: FieldDefinition, catalog: CatalogDefinition, language: str
    ) -> SafeString:
        items = self.items(value, field=field)
        if not items:
            return SafeString("")
        with in_language(language):
            shown = [
                self.display_item(item, field=field, catalog=catalog, language=language)
                for item in items
            ]
            return SafeString(
                self.display_html(shown, field=field, catalog=catalog, language=language).strip()
            )

    def display_html(
        self, items: list, *, field: FieldDefinition, catalog: CatalogDefinition, language: str
    ) -> str:
        """The HTML of the shown ``items`` (:meth:`display_item` of each): the type's template
        when it has one, else :meth:`item_html` of each, several in a list. Markup of one
        element per item is built with ``format_html``: a template per value cost more than the
        rest of a record's JSON (docs/explanation/performance.md)."""
        if self.template_name:
            context = {"items": items, "field": field, "catalog": catalog, "language": language}
            return render_to_string(self.template_name, context)
        return items_html([self.item_html(item) for item in items])

    def item_html(self, item: Any) -> SafeString:
        """One shown item as HTML: the text, escaped."""
        return conditional_escape(item)

    def search_item(self, value: Any, *, field: FieldDefinition, catalog: CatalogDefinition) -> str:
        return str(value)

    def search_text(self, value: Any, *, field: FieldDefinition, catalog: CatalogDefinition) -> str:
        parts = (
            self.search_item(item, field=field, catalog=catalog)
            for item in self.items(value, field=field)
        )
        return " ".join(part for part in parts if part)

    def facet_values(
        self, value: Any, *, field: FieldDefinition, catalog: CatalogDefinition
    ) -> list[str]:
        """The facet values of a stored value, as the search index writes them."""
        return [str(item) for item in self.items(value, field=field)]

    def facet_choices(
        self, *, field: FieldDefinition, catalog: CatalogDefinition
    ) -> list[str] | None:
        """Every facet value the field can have, in display order; None when open-ended."""
        return None

    def facet_value(
        self, raw: str, *, field: FieldDefinition, catalog: CatalogDefinition
    ) -> str | None:
        """The facet value a filter's ``raw`` text names (as ``facet_values`` writes it), or
        None when the field can never have it."""
        choices = self.facet_choices(field=field, catalog=catalog)
        return raw if choices is None or raw in choices else None

    def facet_labels(
        self,
        values: list[str],
        *,
        field: FieldDefinition,
        catalog: CatalogDefinition,
        language: str,
    ) -> dict[str, str]:
        """A label in ``language`` for each of the facet ``values``."""
        return {value: value for value in values}

    def json_ld(
        self, value: Any, *, field: FieldDefinition, catalog: CatalogDefinition, language: str
    ) -> Any:
        items = [
            self.json_ld_item(item, field=field, catalog=catalog, language=language)
            for item in self.items(value, field=field)
        ]
        if field.multiple and self.supports_multiple:
            return items
        return items[0] if items else None

    def json_ld_item(
        self, value: Any, *, field: FieldDefinition, catalog: CatalogDefinition, language: str
    ) -> Any:
        return value

    def json_ld_function(
        self, *, field: FieldDefinition, catalog: CatalogDefinition, language: str
    ) -> Callable[[Any], Any]:
        """:meth:`json_ld` of values of one field, as a function of the value alone (the
        exports convert every record's value of each field): a type whose conversion needs
        something derived from the field, the catalog or the language (vocabulary labels,
        sub-field definitions) prepares it here once. Returns what :meth:`json_ld` returns.

        Here: :meth:`json_ld` without its keyword arguments per value, and without a call
        per item where :meth:`json_ld_item` is this class's (the value as it is). A type with
        its own :meth:`json_ld` or :meth:`items` gets :meth:`json_ld` as it is."""
        cls = type(self)
        if cls.json_ld is not FieldType.json_ld or cls.items is not FieldType.items:
            return partial(self.json_ld, field=field, catalog=catalog, language=language)
        as_is = cls.json_ld_item is FieldType.json_ld_item
        item = partial(self.json_ld_item, field=field, catalog=catalog, language=language)
        if field.multiple and self.supports_multiple:
            if as_is:
                return lambda value: list(self.items(value, field=field))
            return lambda value: [item(one) for one in self.items(value, field=field)]
        # One value: items() is [value], or [] when it is empty.
        if as_is:
            return _single_as_is
        return lambda value: None if is_empty(value) else item(value)
