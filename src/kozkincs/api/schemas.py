"""Response schemas of API v1: what the OpenAPI document promises and the tests check.

Every answer is a dict our own code builds (``api/representations.py``), so the response
schemas are plain pydantic models (:class:`Out`): ninja's ``Schema`` reads each field through
a getter made for Django objects, which cost more than the rest of a stored record's JSON.
Query parameters stay ninja ``Schema`` classes.
"""

from datetime import date
from typing import Any, Literal

from ninja import Schema
from pydantic import BaseModel, Field

from kozkincs.core.parameters import Language


class LanguageOption(Schema):
    lang: Language = Field("hu", description="Language of names and labels.")


class Out(BaseModel):
    """A response (or a part of one), validated and serialised by pydantic alone."""


class Labels(Out):
    """A text in all three content languages (missing translations fall back to Hungarian)."""

    hu: str
    en: str
    de: str


class Term(Out):
    key: str
    label: str


class CatalogFieldOut(Out):
    key: str
    type: str
    label: str
    labels: Labels
    help: str
    required: bool
    multiple: bool
    personal: bool = Field(description="Shown only with the person's consent.")
    may_be_personal: bool = Field(
        description="A contact field that a record may flag as a private person's "
        "(privacy.<key>.private_person); then shown only with the person's consent."
    )
    facet: bool
    terms: list[Term] = Field(description="The vocabulary of a choice field, else empty.")
    target_catalog: str | None
    subfields: list[str] = Field(description="Keys of the parts of a group field.")
    schema_property: str | None


class FacetFieldOut(Out):
    key: str
    label: str
    parameter: str = Field(description="The query parameter that filters by it on /records.")


class CatalogOut(Out):
    key: str
    label: str
    labels: Labels
    record_label: str
    description: str
    schema_org_type: str
    record_kind: str
    record_count: int = Field(description="Published records.")
    facets: list[FacetFieldOut]
    fields: list[CatalogFieldOut]
    url: str


class SettlementRef(Out):
    ksh_code: str
    name: str
    slug: str
    url: str


class PriorityRef(Out):
    number: int
    name: str


class RecordSummaryOut(Out):
    id: int
    catalog: str
    name: str
    summary: str
    settlement: SettlementRef | None
    lat: float | None
    lon: float | None
    url: str
    html_url: str


class RecordItemOut(RecordSummaryOut):
    snippet: str = Field(
        description="An excerpt (HTML) with the matched words in <mark>; all else escaped."
    )


class FacetValueOut(Out):
    value: str
    label: str
    count: int
    selected: bool


class RecordPageOut(Out):
    items: list[RecordItemOut]
    total: int
    page: int
    page_size: int
    num_pages: int
    facets: dict[str, list[FacetValueOut]]


class RecordFieldOut(Out):
    key: str
    label: str
    type: str
    value: Any = Field(
        description="The stored value; its shape follows the field type (record ids for "
        "record references)."
    )
    display: str = Field(description="The value rendered as HTML in the requested language.")


class RecordRefOut(Out):
    id: int
    catalog: str
    name: str
    url: str
    html_url: str


class RelationGroupOut(Out):
    field: str = Field(description="The record-reference field (in `source_catalog`).")
    source_catalog: str
    direction: Literal["outgoing", "incoming"] = Field(
        description="outgoing: this record refers to them; incoming: they refer to it."
    )
    label: str
    records: list[RecordRefOut]


class LicenceOut(Out):
    key: str = Field(description="SPDX identifier, or `all-rights-reserved`.")
    label: str
    url: str = Field(description="The licence deed; empty for all rights reserved.")


class ImageFileOut(Out):
    width: int
    height: int
    url: str


class ImageOut(Out):
    id: int
    url: str = Field(description="The full-size photo (re-encoded, without EXIF or GPS data).")
    width: int
    height: int
    alt: str = Field(description="Alternative text in the requested language (or Hungarian).")
    alt_lang: Language
    credit: str
    licence: LicenceOut
    is_cover: bool = Field(description="The cover image is always the first photo.")
    thumbnails: list[ImageFileOut] = Field(description="Smaller WebP copies, narrowest first.")


class CoverOut(Out):
    url: str = Field(description="The smallest thumbnail of the cover photo.")
    width: int
    height: int
    alt: str


class RecordDetailOut(Out):
    id: int
    catalog: str
    catalog_label: str
    schema_org_type: str
    name: str
    summary: str
    description: str
    settlement: SettlementRef | None
    settlements: list[SettlementRef]
    lat: float | None
    lon: float | None
    priorities: list[PriorityRef]
    tags: list[str]
    sources: list[Any]
    fields: list[RecordFieldOut]
    relations: list[RelationGroupOut]
    images: list[ImageOut] = Field(description="The photos, cover first.")
    published_at: str | None
    updated_at: str
    url: str
    html_url: str
    json_ld: dict[str, Any] = Field(description="schema.org description of the record.")


class PointGeometry(Out):
    type: Literal["Point"]
    coordinates: list[float] = Field(description="[longitude, latitude] (WGS84)")


class FeatureProperties(Out):
    id: int
    approximate: bool = Field(
        description=(
            "True when the record has no coordinates of its own and is shown at its "
            "settlement's centre."
        )
    )
    catalog: str
    name: str
    settlement: str | None
    url: str
    html_url: str
    image: CoverOut | None = Field(None, description="The record's cover photo, if any.")


class FeatureOut(Out):
    type: Literal["Feature"]
    id: int
    geometry: PointGeometry
    properties: FeatureProperties


class FeatureCollectionOut(Out):
    type: Literal["FeatureCollection"]
    features: list[FeatureOut]
    total: int = Field(
        description=(
            "Records matching the filters that can be placed on a map (with their own "
            "coordinates or at their settlement's centre)."
        )
    )
    page: int
    page_size: int
    num_pages: int


class SettlementOut(Out):
    ksh_code: str
    name: str
    slug: str
    status: str
    status_label: str
    county: str
    population: int | None
    population_year: int | None
    area_ha: int | None
    lat: float | None
    lon: float | None
    url: str
    html_url: str


class SettlementPageOut(Out):
    items: list[SettlementOut]
    total: int
    page: int
    page_size: int
    num_pages: int


class RegionMembershipOut(Out):
    key: str
    name: str
    kind: str
    valid_from: date | None
    valid_to: date | None


class SettlementDetailOut(SettlementOut):
    wikidata_id: str
    regions: list[RegionMembershipOut] = Field(description="Dated memberships, oldest first.")
    record_count: int = Field(
        description="Published records located in the settlement (as their main or a further "
        "settlement): the `total` of `/records?settlement=<ksh_code>`."
    )
    boundary: dict[str, Any] | None = Field(description="GeoJSON geometry of the boundary.")
