"""Europeana Data Model (``edm``): one ``rdf:RDF`` per record with the ``edm:ProvidedCHO``,
its ``ore:Aggregation`` and an ``edm:Place`` per settlement, in the element order of
Europeana's ``EDM.xsd``."""

from kozkincs.opendata.oai.metadata.description import Description, Place, Text
from kozkincs.opendata.oai.xml import attribute, element, resource
from kozkincs.opendata.publisher import europeana_provider, operator_name

PREFIX = "edm"
NAMESPACE = "http://www.europeana.eu/schemas/edm/"
SCHEMA = "http://www.europeana.eu/schemas/edm/EDM.xsd"
_OPEN = (
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    f'xmlns:edm="{NAMESPACE}" xmlns:ore="http://www.openarchives.org/ore/terms/" '
    'xmlns:skos="http://www.w3.org/2004/02/skos/core#" '
    'xmlns:owl="http://www.w3.org/2002/07/owl#" '
    'xmlns:wgs84_pos="http://www.w3.org/2003/01/geo/wgs84_pos#">'
)
WIKIDATA = "http://www.wikidata.org/entity/"


def _texts(name: str, texts: list[Text]) -> list[str]:
    return [element(name, t.value, t.language) for t in texts]


def _provided_object(d: Description) -> list[str]:
    return [
        f"<edm:ProvidedCHO rdf:about={attribute(d.object_uri)}>",
        *_texts("dc:title", d.titles),
        *_texts("dcterms:alternative", d.alternatives),
        *_texts("dc:description", d.descriptions),
        *_texts("dc:creator", d.creators),
        *_texts("dc:publisher", d.publishers),
        *_texts("dc:subject", d.subjects),
        *_texts("dc:type", d.types),
        *[element("dc:identifier", value) for value in d.identifiers],
        *[element("dc:source", value) for value in d.sources],
        *[element("dc:language", code) for code in d.languages],
        *_texts("dcterms:created", d.created),
        *_texts("dcterms:issued", d.issued),
        *_texts("dcterms:temporal", d.temporal),
        *[resource("dcterms:spatial", place.uri) for place in d.places],
        element("edm:type", d.edm_type),
        "</edm:ProvidedCHO>",
    ]


def _aggregation(d: Description, data_provider: str, provider: str) -> list[str]:
    return [
        f"<ore:Aggregation rdf:about={attribute(d.aggregation_uri)}>",
        resource("edm:aggregatedCHO", d.object_uri),
        element("edm:dataProvider", data_provider),
        resource("edm:isShownAt", d.page_url),
        *([resource("edm:isShownBy", d.cover_image)] if d.cover_image else []),
        element("edm:provider", provider),
        resource("edm:rights", d.rights_uri),
        "</ore:Aggregation>",
    ]


def _place(place: Place) -> list[str]:
    parts = [f"<edm:Place rdf:about={attribute(place.uri)}>"]
    if place.lat is not None and place.lon is not None:
        parts += [
            element("wgs84_pos:lat", repr(place.lat)),
            element("wgs84_pos:long", repr(place.lon)),
        ]
    parts += [
        element("skos:prefLabel", place.name, "hu"),
        element("skos:note", f"KSH {place.ksh_code}"),
    ]
    if place.wikidata_id:
        parts.append(resource("owl:sameAs", WIKIDATA + place.wikidata_id))
    parts.append("</edm:Place>")
    return parts


def edm_xml(d: Description) -> str:
    parts = [
        _OPEN,
        *_provided_object(d),
        *_aggregation(d, operator_name(), europeana_provider()),
        *[part for place in d.places for part in _place(place)],
        "</rdf:RDF>",
    ]
    return "".join(parts)
