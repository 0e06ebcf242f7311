"""What the repository says about a public record, before it is written as DC or EDM.

The shared record columns map to fixed elements (name → title, summary and description →
description, tags → subject, sources → source, settlements → places). Catalog fields map by
their ``schema_property`` (:data:`ELEMENT_BY_PROPERTY`), else by their type
(:data:`ELEMENT_BY_TYPE`); other fields are not described. Every field passes
``field_visible`` first, so a personal field appears only with consent and public
visibility; contact people (type ``person``) never do. Values come from the field types'
``json_ld`` hook, in each content language.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from kozkincs.catalog.definitions import CatalogDefinition, FieldDefinition
from kozkincs.catalog.fields import FieldType, field_type
from kozkincs.catalog.licences import licence_get
from kozkincs.catalog.visibility import field_visible
from kozkincs.core.i18n import CONTENT_LANGUAGES
from kozkincs.core.rich_text import plain_text
from kozkincs.opendata.links import SiteLinks
from kozkincs.opendata.oai.items import HarvestedRecord

ELEMENT_BY_PROPERTY = {
    "creator": "creators",
    "author": "creators",
    "publisher": "publishers",
    "datePublished": "issued",
    "foundingDate": "created",
    "temporalCoverage": "temporal",
    "inLanguage": "languages",
    "isbn": "identifiers",
    "issn": "identifiers",
    "additionalType": "types",
    "alternativeHeadline": "alternatives",
}
ELEMENT_BY_TYPE = {
    "choice": "subjects",
    "multi_choice": "subjects",
    "period": "created",
    "settlement": "places",
}
NEVER_DESCRIBED = {"person", "record", "group", "long_text"}
IDENTIFIER_PREFIXES = {"isbn": "urn:isbn:", "issn": "urn:issn:"}
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class Text:
    value: str
    language: str | None = None


@dataclass(frozen=True)
class Place:
    uri: str
    name: str
    ksh_code: str
    lat: float | None
    lon: float | None
    wikidata_id: str


@dataclass
class Description:
    record_id: int
    catalog: str
    datestamp: datetime
    page_url: str
    object_uri: str
    aggregation_uri: str
    edm_type: str
    rights_uri: str
    licence_url: str
    cover_image: str | None
    titles: list[Text] = field(default_factory=list)
    alternatives: list[Text] = field(default_factory=list)
    descriptions: list[Text] = field(default_factory=list)
    subjects: list[Text] = field(default_factory=list)
    types: list[Text] = field(default_factory=list)
    creators: list[Text] = field(default_factory=list)
    publishers: list[Text] = field(default_factory=list)
    created: list[Text] = field(default_factory=list)
    issued: list[Text] = field(default_factory=list)
    temporal: list[Text] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)


def one_line(rich: str) -> str:
    """Stored rich or plain text as one line of plain text (paragraphs joined by spaces)."""
    return " ".join(plain_text(rich).split())


@dataclass(frozen=True)
class CatalogContext:
    """What every record of one catalog shares, worked out once per response."""

    definition: CatalogDefinition
    types: tuple[Text, ...]
    rights_uri: str
    licence_url: str
    mapped: tuple[tuple[FieldDefinition, FieldType, str], ...]
    texts: dict[tuple[str, str], list[Text]] = field(default_factory=dict, compare=False)
    """The texts of a field value, by (field key, ``repr(value)``): choice values repeat."""

    def field_texts(self, fdef: FieldDefinition, kind: FieldType, value) -> list[Text]:
        key = (fdef.key, repr(value))
        found = self.texts.get(key)
        if found is None:
            found = self.texts[key] = _field_texts(kind, value, fdef, self.definition)
        return found

    @classmethod
    def of(cls, definition: CatalogDefinition) -> "CatalogContext":
        licence = licence_get(definition.licence)
        mapped = []
        for fdef in definition.fields:
            element = ELEMENT_BY_PROPERTY.get(fdef.schema_property or "")
            element = element or ELEMENT_BY_TYPE.get(fdef.type)
            if element and fdef.type not in NEVER_DESCRIBED:
                mapped.append((fdef, field_type(fdef.type), element))
        return cls(
            definition,
            tuple(_localized(definition.record_label.model_dump())),
            licence.rights_uri,
            licence.url,
            tuple(mapped),
        )


def _localized(texts: dict[str, str]) -> list[Text]:
    """One text per language, leaving out translations that repeat the Hungarian one."""
    result = [Text(texts["hu"], "hu")] if texts.get("hu") else []
    for language in CONTENT_LANGUAGES[1:]:
        value = texts.get(language)
        if value and value != texts.get("hu"):
            result.append(Text(value, language))
    return result


def _scalars(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [
        str(item)
        for item in values
        if isinstance(item, str | int | float) and not isinstance(item, bool) and item != ""
    ]


def _field_texts(kind: FieldType, value, fdef: FieldDefinition, definition) -> list[Text]:
    """The field's value in each language (choice labels differ, most values do not)."""
    by_language = {
        language: _scalars(kind.json_ld(value, field=fdef, catalog=definition, language=language))
        for language in CONTENT_LANGUAGES
    }
    hungarian = by_language["hu"]
    if by_language["en"] == hungarian and by_language["de"] == hungarian:
        return [Text(item) for item in hungarian]
    texts = [Text(item, "hu") for item in hungarian]
    for language in CONTENT_LANGUAGES[1:]:
        texts += [Text(item, language) for item in by_language[language] if item not in hungarian]
    return texts


def _place(settlement, links: SiteLinks) -> Place:
    return Place(
        links.settlement_page(settlement.slug),
        settlement.name,
        settlement.ksh_code,
        settlement.lat,
        settlement.lon,
        settlement.wikidata_id,
    )


def _add_fields(description: Description, harvested: HarvestedRecord, context, links) -> None:
    record = harvested.record
    values = record.values or {}
    for fdef, kind, element in context.mapped:
        value = values.get(fdef.key)
        if value in (None, "", []) or not field_visible(record, fdef):
            continue
        if element == "places":
            found = [harvested.by_code.get(code) for code in kind.items(value, field=fdef)]
            description.places += [_place(s, links) for s in found if s is not None]
        elif element == "languages":
            codes = kind.items(value, field=fdef)
            description.languages += [c for c in codes if LANGUAGE_CODE.fullmatch(str(c))]
        elif element == "identifiers":
            prefix = IDENTIFIER_PREFIXES.get(fdef.type, "")
            description.identifiers += [prefix + str(v) for v in kind.items(value, field=fdef)]
        else:
            getattr(description, element).extend(context.field_texts(fdef, kind, value))


def _texts(record, column: str, convert=None) -> list[Text]:
    texts = {}
    for language in CONTENT_LANGUAGES:
        value = getattr(record, column if language == "hu" else f"{column}_{language}") or ""
        texts[language] = convert(value) if convert and value else value.strip()
    return _localized(texts)


def _source(source: dict) -> str:
    title, url = source.get("title", ""), source.get("url", "")
    return f"{title} ({url})" if title and url else title or url


def record_description(
    harvested: HarvestedRecord,
    *,
    datestamp: datetime,
    context: CatalogContext,
    links: SiteLinks,
    cover_image: str | None,
) -> Description:
    record = harvested.record
    permalink = links.record_permalink(record.pk)
    page_url = links.record_page(record.catalog, record.slug)
    description = Description(
        record_id=record.pk,
        catalog=record.catalog,
        datestamp=datestamp,
        page_url=page_url,
        object_uri=permalink + "#object",
        aggregation_uri=permalink + "#aggregation",
        edm_type=context.definition.edm_type or ("IMAGE" if cover_image else "TEXT"),
        rights_uri=context.rights_uri,
        licence_url=context.licence_url,
        cover_image=cover_image,
        titles=_texts(record, "name"),
        descriptions=_texts(record, "summary") + _texts(record, "description", one_line),
        subjects=[Text(tag, "hu") for tag in record.tags or []],
        types=list(context.types),
        languages=["hu"],
        identifiers=[page_url],
        sources=[text for text in map(_source, record.sources or []) if text],
        places=[_place(settlement, links) for settlement in harvested.settlements],
    )
    _add_fields(description, harvested, context, links)
    description.languages = list(dict.fromkeys(description.languages))
    description.places = list({place.uri: place for place in description.places}.values())
    return description
