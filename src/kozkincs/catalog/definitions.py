"""Typed models of the catalog definition YAML files (one file per thematic database).

Every model forbids unknown keys, so a typo in a YAML file is an error, not a silent default.
The reference page docs/reference/catalog-yaml.md is checked against these models by a test.
"""

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kozkincs.catalog.licences import DEFAULT_LICENCE, LicenceKey

KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
CATALOG_KEY_PATTERN = r"^[a-z][a-z0-9-]*$"

FieldType = Literal[
    "text",
    "long_text",
    "integer",
    "decimal",
    "year",
    "date",
    "period",
    "boolean",
    "choice",
    "multi_choice",
    "url",
    "email",
    "phone",
    "isbn",
    "issn",
    "tax_number",
    "ksh_code",
    "settlement",
    "record",
    "person",
    "group",
]
"""The closed set of field types; each has one validator, one form field, one display."""

SubFieldType = Literal[
    "text", "integer", "decimal", "year", "date", "period", "boolean", "choice", "url", "email",
    "phone", "isbn", "issn", "tax_number", "ksh_code",
]  # fmt: skip
"""Types allowed inside a ``group`` field (no nesting, no relations, no personal data)."""

FACETABLE_TYPES = {"choice", "multi_choice", "boolean", "year"}

RESERVED_KEYS = {
    "catalog", "name", "slug", "summary", "description", "settlement", "settlements", "lat",
    "lon", "priorities", "tags", "sources", "status", "id", "q", "page", "page_size", "bbox",
    "priority", "sort", "values", "privacy", "version",
}  # fmt: skip
"""Field keys that would collide with the shared record columns or the query parameters."""

RecordKind = Literal[
    "place", "organisation", "group_or_person", "publication", "course", "association"
]

DataTheme = Literal[
    "AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "OP_DATPRO", "REGI",
    "SOCI", "TECH", "TRAN",
]  # fmt: skip
"""Codes of the EU Vocabularies data-theme table (the themes of a DCAT-AP dataset)."""

EdmType = Literal["TEXT", "IMAGE", "SOUND", "VIDEO", "3D"]
"""Europeana's ``edm:type``: the kind of digital object a record is shown as."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalizedText(Strict):
    """A text in Hungarian (required) with optional English and German translations."""

    hu: str = Field(min_length=1)
    en: str = ""
    de: str = ""

    def get(self, language: str) -> str:
        return getattr(self, language, "") or self.hu


class Term(Strict):
    """One entry of a named vocabulary."""

    key: str = Field(pattern=KEY_PATTERN)
    label: LocalizedText


class SubField(Strict):
    """A part of a ``group`` field, e.g. the level of a qualification."""

    key: str = Field(pattern=KEY_PATTERN)
    type: SubFieldType
    label: LocalizedText
    required: bool = False
    vocabulary: str | None = None

    @model_validator(mode="after")
    def _vocabulary_only_for_choice(self) -> "SubField":
        if (self.type == "choice") != (self.vocabulary is not None):
            raise ValueError("'vocabulary' is required for type choice and only allowed there")
        return self


MAY_BE_PERSONAL_TYPES = frozenset({"email", "phone", "text", "url"})
"""Contact fields of an organisation that may hold a private person's data (a chair's own
phone number): each record says whether its value is a private person's."""


class FieldDefinition(Strict):
    """One catalog-specific field of a record."""

    key: str = Field(pattern=KEY_PATTERN)
    type: FieldType
    label: LocalizedText
    help: LocalizedText | None = None
    required: bool = False
    multiple: bool = False
    personal: bool = False
    may_be_personal: bool = False
    public: bool = True
    searchable: bool = True
    vocabulary: str | None = None
    target_catalog: str | None = Field(default=None, pattern=CATALOG_KEY_PATTERN)
    inverse_label: LocalizedText | None = None
    fields: list[SubField] | None = None
    min: float | None = None
    max: float | None = None
    max_length: int | None = Field(default=None, gt=0)
    schema_property: str | None = None

    @property
    def has_privacy_settings(self) -> bool:
        """Whether records keep consent and visibility for this field (``record.privacy``)."""
        return self.personal or self.may_be_personal

    @field_validator("key")
    @classmethod
    def _not_reserved(cls, key: str) -> str:
        if key in RESERVED_KEYS:
            raise ValueError(f"'{key}' is reserved for a shared record column or parameter")
        return key

    @model_validator(mode="after")
    def _type_specific_options(self) -> "FieldDefinition":
        is_choice = self.type in {"choice", "multi_choice"}
        if is_choice != (self.vocabulary is not None):
            raise ValueError(
                "'vocabulary' is required for choice and multi_choice and only allowed there"
            )
        is_record = self.type == "record"
        if is_record != (self.target_catalog is not None):
            raise ValueError("'target_catalog' is required for type record and only allowed there")
        if self.inverse_label is not None and not is_record:
            raise ValueError("'inverse_label' is only allowed for type record")
        if (self.type == "group") != (self.fields is not None):
            raise ValueError("'fields' is required for type group and only allowed there")
        if self.fields is not None:
            if not self.fields:
                raise ValueError("a group needs at least one field")
            keys = [sub.key for sub in self.fields]
            if len(keys) != len(set(keys)):
                raise ValueError("the keys of a group's fields must be unique")
        if (self.min is not None or self.max is not None) and self.type not in {
            "integer",
            "decimal",
            "year",
        }:
            raise ValueError("'min' and 'max' are only allowed for integer, decimal and year")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("'min' is greater than 'max'")
        if self.type == "person" and not self.personal:
            raise ValueError("a person field holds personal data: set 'personal: true'")
        if self.may_be_personal and self.personal:
            raise ValueError("a field is either 'personal' or 'may_be_personal', not both")
        if self.may_be_personal and self.type not in MAY_BE_PERSONAL_TYPES:
            raise ValueError(
                "'may_be_personal' is for contact fields: "
                + ", ".join(sorted(MAY_BE_PERSONAL_TYPES))
            )
        if self.multiple and self.type in {"boolean", "multi_choice"}:
            raise ValueError(f"type {self.type} cannot be 'multiple'")
        return self


class CatalogDefinition(Strict):
    """A thematic database: its labels, schema.org type, kind of record and fields."""

    schema_version: Literal[1]
    key: str = Field(pattern=CATALOG_KEY_PATTERN, max_length=64)
    label: LocalizedText
    record_label: LocalizedText
    description: LocalizedText
    schema_org_type: str = Field(pattern=r"^[A-Z][A-Za-z]+$")
    record_kind: RecordKind
    order: int = 100
    fields: list[FieldDefinition]
    facets: list[str] = []
    default_priorities: list[int] = []
    vocabularies: dict[str, list[Term]] = {}
    licence: LicenceKey = DEFAULT_LICENCE
    data_themes: list[DataTheme] = Field(default=["EDUC"], min_length=1)
    edm_type: EdmType | None = None

    @field_validator("data_themes")
    @classmethod
    def _themes_unique(cls, themes: list[str]) -> list[str]:
        if len(themes) != len(set(themes)):
            raise ValueError("data themes must not repeat")
        return themes

    @field_validator("default_priorities")
    @classmethod
    def _priorities_exist(cls, numbers: list[int]) -> list[int]:
        for number in numbers:
            if not 1 <= number <= 5:
                raise ValueError(f"strategy priority {number} does not exist (1-5)")
        return numbers

    @field_validator("vocabularies")
    @classmethod
    def _vocabularies_well_formed(cls, vocabularies: dict[str, list[Term]]) -> dict:
        for name, terms in vocabularies.items():
            if not re.match(KEY_PATTERN, name):
                raise ValueError(f"vocabulary name '{name}' must match {KEY_PATTERN}")
            if not terms:
                raise ValueError(f"vocabulary '{name}' has no terms")
            keys = [term.key for term in terms]
            if len(keys) != len(set(keys)):
                raise ValueError(f"vocabulary '{name}' has duplicate term keys")
        return vocabularies

    @model_validator(mode="after")
    def _fields_consistent(self) -> "CatalogDefinition":
        keys = [field.key for field in self.fields]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise ValueError(f"duplicate field keys: {', '.join(duplicates)}")
        by_key = self.field_map
        for facet in self.facets:
            field = by_key.get(facet)
            if field is None:
                raise ValueError(f"facet '{facet}' is not a field of this catalog")
            if field.type not in FACETABLE_TYPES:
                raise ValueError(
                    f"facet '{facet}' has type {field.type}; facets must be one of "
                    f"{', '.join(sorted(FACETABLE_TYPES))}"
                )
            if field.has_privacy_settings:
                raise ValueError(f"facet '{facet}' is a personal field and cannot be a facet")
        for field in self.fields:
            names = [field.vocabulary] + [sub.vocabulary for sub in field.fields or []]
            for name in filter(None, names):
                if name not in self.vocabularies:
                    raise ValueError(f"field '{field.key}': unknown vocabulary '{name}'")
        return self

    @property
    def field_map(self) -> dict[str, FieldDefinition]:
        return {field.key: field for field in self.fields}

    def terms(self, vocabulary: str) -> dict[str, LocalizedText]:
        return {term.key: term.label for term in self.vocabularies[vocabulary]}
