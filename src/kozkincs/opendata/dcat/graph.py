"""The DCAT-AP 3.0 catalogue as RDF statements: the portal as a ``dcat:Catalog``, each
thematic database a ``dcat:Dataset`` with one ``dcat:Distribution`` per export format, and
the OAI-PMH repository as a ``dcat:DataService`` serving them all.

Controlled values come from the EU Vocabularies authority tables that DCAT-AP prescribes
(data themes, file types, licences, languages, access rights, frequencies); each node used is
typed with the class the DCAT-AP range shapes expect.
"""

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.definitions import CatalogDefinition, LocalizedText
from kozkincs.catalog.licences import licence_get
from kozkincs.catalog.registry import catalog_list
from kozkincs.opendata.dcat.coverage import Coverage, catalog_coverage
from kozkincs.opendata.dcat.statements import (
    IRI,
    RDF,
    XSD,
    Namespace,
    Statements,
    Text,
    date_time,
)
from kozkincs.opendata.links import EXPORT_FORMATS, SiteLinks
from kozkincs.opendata.publisher import contact_email, operator_name

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
EU = "http://publications.europa.eu/resource/authority/"
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
WIKIDATA = "http://www.wikidata.org/entity/"
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/LocalAuthority"
OAI_PMH = "http://www.openarchives.org/OAI/2.0/"
GSP = Namespace("http://www.opengis.net/ont/geosparql#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
LANGUAGES = {"hu": "HUN", "en": "ENG", "de": "DEU"}
THEME_LABELS = {
    "AGRI": "Agriculture, fisheries, forestry and food", "ECON": "Economy and finance",
    "EDUC": "Education, culture and sport", "ENER": "Energy", "ENVI": "Environment",
    "GOVE": "Government and public sector", "HEAL": "Health",
    "INTR": "International issues", "JUST": "Justice, legal system and public safety",
    "OP_DATPRO": "Provisional data", "REGI": "Regions and cities",
    "SOCI": "Population and society", "TECH": "Science and technology", "TRAN": "Transport",
}  # fmt: skip
"""The English labels of the EU data themes, as the authority table gives them."""

_TYPE, _LOCATION, _PREF_LABEL = RDF.type, DCTERMS.Location, SKOS.prefLabel
_IDENTIFIER, _CENTROID, _WKT, _SAME_AS = (
    DCTERMS.identifier, DCAT.centroid, GSP.wktLiteral, OWL.sameAs,
)  # fmt: skip

CATALOG_TITLE = _("Közkincs open data")
CATALOG_DESCRIPTION = _(
    "The thematic databases of the Közkincs portal of %(operator)s: the public records of "
    "each database, downloadable in several formats and harvestable over OAI-PMH."
)
DISTRIBUTION_DESCRIPTION = _(
    "Every public record of the thematic database as %(format)s, personal data only with consent."
)
SERVICE_TITLE = _("Közkincs OAI-PMH repository")
SERVICE_DESCRIPTION = _(
    "Dublin Core and Europeana (EDM) records of the public records, one set per thematic "
    "database, with deleted records tracked."
)


def _translated(message, **params) -> list[Text]:
    texts = []
    for language in LANGUAGES:
        with translation.override(language):
            texts.append(Text(str(message) % params if params else str(message), language=language))
    return texts


def _localized(text: LocalizedText, suffix: str = "") -> list[Text]:
    hungarian = text.hu
    literals = [Text(hungarian + suffix, language="hu")]
    for language in ("en", "de"):
        value = getattr(text, language)
        if value and value != hungarian:
            literals.append(Text(value + suffix, language=language))
    return literals


PREFIXES = {
    "dcat": str(DCAT), "dcterms": str(DCTERMS), "foaf": str(FOAF), "vcard": str(VCARD),
    "skos": str(SKOS), "owl": str(OWL), "gsp": str(GSP), "dcatap": str(DCATAP),
    "rdfs": str(RDFS), "xsd": str(XSD),
}  # fmt: skip


class CatalogueBuilder:
    def __init__(self, links: SiteLinks):
        self.links = links
        self.statements = Statements(PREFIXES)
        self.base = links.dcat_catalog()
        self.catalog = self.base
        self._locations: dict[int, IRI] = {}

    def add(self, subject, predicate, *objects) -> None:
        self.statements.add(subject, predicate, *objects)

    def typed(self, uri: str, *classes) -> IRI:
        self.add(uri, RDF.type, *classes)
        return uri

    def node(self, fragment: str) -> IRI:
        return f"{self.base}#{fragment}"

    def build(self, coverage: Coverage) -> Statements:
        publisher, contact = self._publisher(), self._contact_point()
        catalog = self.catalog
        self.add(catalog, RDF.type, DCAT.Catalog)
        self.add(catalog, DCTERMS.title, *_translated(CATALOG_TITLE))
        self.add(
            catalog,
            DCTERMS.description,
            *_translated(CATALOG_DESCRIPTION, operator=operator_name()),
        )
        self.add(catalog, DCTERMS.publisher, publisher)
        self.add(catalog, FOAF.homepage, self.typed(self.links.home, FOAF.Document))
        self.add(catalog, DCTERMS.language, *self._languages())
        scheme = self.typed(EU + "data-theme", SKOS.ConceptScheme)
        self.add(scheme, DCTERMS.title, Text("Data theme", language="en"))
        self.add(catalog, DCAT.themeTaxonomy, scheme)
        if coverage.modified:
            self.add(catalog, DCTERMS.modified, date_time(max(coverage.modified.values())))
        datasets = [self._dataset(d, coverage, publisher, contact) for d in catalog_list()]
        self.add(catalog, DCAT.dataset, *datasets)
        self.add(catalog, DCAT.service, self._service(datasets, publisher, contact))
        return self.statements

    def _publisher(self) -> IRI:
        publisher = self.typed(f"{self.base}#publisher", FOAF.Agent, FOAF.Organization)
        self.add(publisher, FOAF.name, Text(operator_name(), language="hu"))
        self.add(publisher, DCTERMS.type, PUBLISHER_TYPE)
        self.add(PUBLISHER_TYPE, RDF.type, SKOS.Concept)
        self.add(PUBLISHER_TYPE, SKOS.prefLabel, Text("Local Authority", language="en"))
        return publisher

    def _contact_point(self) -> IRI:
        """The operator; its e-mail address when one is configured, its about page always."""
        contact = self.typed(f"{self.base}#contact", VCARD.Kind, VCARD.Organization)
        self.add(contact, VCARD.fn, Text(operator_name(), language="hu"))
        if email := contact_email():
            self.add(contact, VCARD.hasEmail, f"mailto:{email}")
        self.add(contact, VCARD.hasURL, self.links.about)
        return contact

    def _languages(self) -> list[IRI]:
        return [
            self.typed(f"{EU}language/{code}", DCTERMS.LinguisticSystem)
            for code in LANGUAGES.values()
        ]

    def _theme(self, code: str) -> IRI:
        theme = self.typed(f"{EU}data-theme/{code}", SKOS.Concept)
        self.add(theme, SKOS.prefLabel, Text(THEME_LABELS[code], language="en"))
        self.add(theme, SKOS.inScheme, EU + "data-theme")
        return theme

    def _location(self, settlement) -> IRI:
        """The settlement as a ``dcterms:Location``, described once however many datasets
        cover it. (The terms are module constants: a catalogue describes thousands.)"""
        known = self._locations.get(settlement.pk)
        if known is not None:
            return known
        location = self.links.settlement_page(settlement.slug)
        self._locations[settlement.pk] = location
        add = self.statements.add
        add(location, _TYPE, _LOCATION)
        add(location, _PREF_LABEL, Text(settlement.name, language="hu"))
        add(location, _IDENTIFIER, Text(settlement.ksh_code))
        if settlement.lat is not None and settlement.lon is not None:
            point = f"POINT({settlement.lon} {settlement.lat})"
            add(location, _CENTROID, Text(point, datatype=_WKT))
        if settlement.wikidata_id:
            add(location, _SAME_AS, WIKIDATA + settlement.wikidata_id)
        return location

    def _dataset(self, definition: CatalogDefinition, coverage, publisher, contact) -> IRI:
        dataset = self.typed(f"{self.base}#{definition.key}", DCAT.Dataset)
        self.add(dataset, DCTERMS.identifier, Text(definition.key))
        self.add(dataset, DCTERMS.title, *_localized(definition.label))
        self.add(dataset, DCTERMS.description, *_localized(definition.description))
        self.add(dataset, DCAT.keyword, *_localized(definition.record_label))
        self.add(dataset, DCAT.theme, *(self._theme(code) for code in definition.data_themes))
        self.add(dataset, DCTERMS.publisher, publisher)
        self.add(dataset, DCAT.contactPoint, contact)
        self.add(dataset, DCTERMS.language, *self._languages())
        landing = self.typed(self.links.catalog_page(definition.key), FOAF.Document)
        self.add(dataset, DCAT.landingPage, landing)
        access = self.typed(f"{EU}access-right/PUBLIC", DCTERMS.RightsStatement)
        self.add(dataset, DCTERMS.accessRights, access)
        frequency = self.typed(f"{EU}frequency/CONT", DCTERMS.Frequency)
        self.add(dataset, DCTERMS.accrualPeriodicity, frequency)
        known, ids = coverage.settlements, coverage.by_catalog.get(definition.key, ())
        # Most links name a location already described: found without a call per link.
        spatial = list(map(self._locations.get, ids))
        if None in spatial:
            spatial = [
                found or self._location(known[i]) for found, i in zip(spatial, ids, strict=True)
            ]
        self.add(dataset, DCTERMS.spatial, *spatial)
        modified = coverage.modified.get(definition.key)
        if modified is not None:
            self.add(dataset, DCTERMS.modified, date_time(modified))
        for format_key in EXPORT_FORMATS:
            self.add(dataset, DCAT.distribution, self._distribution(definition, format_key))
        return dataset

    def _distribution(self, definition: CatalogDefinition, format_key: str) -> IRI:
        export = EXPORT_FORMATS[format_key]
        licence = licence_get(definition.licence)
        distribution = self.typed(f"{self.base}#{definition.key}-{format_key}", DCAT.Distribution)
        # Typed as DCAT-AP's range shapes expect (they check classes without inference).
        url = self.typed(self.links.export_download(definition.key, format_key), RDFS.Resource)
        self.add(distribution, DCAT.accessURL, url)
        self.add(distribution, DCAT.downloadURL, url)
        self.add(distribution, DCTERMS.title, *_localized(definition.label, f" ({export.label})"))
        file_type = self.typed(f"{EU}file-type/{export.eu_file_type}", DCTERMS.MediaTypeOrExtent)
        self.add(distribution, DCTERMS.format, file_type)
        media_type = self.typed(IANA_MEDIA_TYPES + export.media_type, DCTERMS.MediaType)
        self.add(distribution, DCAT.mediaType, media_type)
        self.add(distribution, DCTERMS.license, self.typed(licence.eu_uri, DCTERMS.LicenseDocument))
        self.add(
            distribution,
            DCTERMS.description,
            *_translated(DISTRIBUTION_DESCRIPTION, format=export.label),
        )
        availability = self.typed(f"{EU}planned-availability/STABLE", SKOS.Concept)
        self.add(availability, SKOS.prefLabel, Text("stable", language="en"))
        self.add(distribution, DCATAP.availability, availability)
        return distribution

    def _service(self, datasets: list[IRI], publisher, contact) -> IRI:
        service = self.typed(f"{self.base}#oai-pmh", DCAT.DataService)
        self.add(service, DCTERMS.title, *_translated(SERVICE_TITLE))
        self.add(service, DCTERMS.description, *_translated(SERVICE_DESCRIPTION))
        self.add(service, DCAT.endpointURL, self.typed(self.links.oai_base(), RDFS.Resource))
        identify = self.typed(self.links.oai_base() + "?verb=Identify", RDFS.Resource)
        self.add(service, DCAT.endpointDescription, identify)
        self.add(service, DCAT.theme, self._theme("EDUC"))
        self.add(service, DCAT.keyword, Text("OAI-PMH"), Text("Europeana"), Text("EDM"))
        self.add(service, DCTERMS.conformsTo, self.typed(str(OAI_PMH), DCTERMS.Standard))
        self.add(service, DCTERMS.publisher, publisher)
        self.add(service, DCAT.contactPoint, contact)
        self.add(service, DCAT.servesDataset, *datasets)
        return service


def catalogue_statements(*, origin: str, request: HttpRequest | None = None) -> Statements:
    """The whole catalogue with absolute URIs on ``origin`` (``https://host``); its coverage
    at the data version of ``request`` (:func:`catalog_coverage`)."""
    return CatalogueBuilder(SiteLinks(origin)).build(catalog_coverage(request=request))


def catalogue_document(
    *, origin: str, format_key: str, request: HttpRequest | None = None
) -> bytes:
    """The catalogue serialised as Turtle (``ttl``) or JSON-LD (``jsonld``)."""
    statements = catalogue_statements(origin=origin, request=request)
    return statements.json_ld() if format_key == "jsonld" else statements.turtle()
