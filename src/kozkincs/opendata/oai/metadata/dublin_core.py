"""Simple Dublin Core (``oai_dc``), the format every OAI-PMH repository must offer."""

from kozkincs.opendata.oai.metadata.description import Description, Text
from kozkincs.opendata.oai.xml import element

PREFIX = "oai_dc"
NAMESPACE = "http://www.openarchives.org/OAI/2.0/oai_dc/"
SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
_OPEN = (
    f'<oai_dc:dc xmlns:oai_dc="{NAMESPACE}" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    f'xsi:schemaLocation="{NAMESPACE} {SCHEMA}">'
)


def _texts(name: str, texts: list[Text]) -> list[str]:
    return [element(name, t.value, t.language) for t in texts]


def _plain(name: str, values: list[str]) -> list[str]:
    return [element(name, value) for value in values]


def dublin_core_xml(d: Description) -> str:
    parts = [
        _OPEN,
        *_texts("dc:title", d.titles + d.alternatives),
        *_texts("dc:creator", d.creators),
        *_texts("dc:subject", d.subjects),
        *_texts("dc:description", d.descriptions),
        *_texts("dc:publisher", d.publishers),
        *_texts("dc:date", d.created + d.issued),
        *_texts("dc:type", d.types),
        *_plain("dc:identifier", d.identifiers),
        *_plain("dc:source", d.sources),
        *_plain("dc:language", d.languages),
        *_plain("dc:coverage", [place.name for place in d.places]),
        *_texts("dc:coverage", d.temporal),
        element("dc:rights", d.licence_url),
        "</oai_dc:dc>",
    ]
    return "".join(parts)
