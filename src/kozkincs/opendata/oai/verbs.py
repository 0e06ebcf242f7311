"""The six verbs: each takes the request's checked arguments and returns the XML inside the
verb's element, or raises ``OaiError``."""

from dataclasses import dataclass, replace

from kozkincs.catalog.registry import catalog_get, catalog_list
from kozkincs.opendata.links import SiteLinks
from kozkincs.opendata.oai.formats import FORMATS, MetadataFormat
from kozkincs.opendata.oai.items import (
    Item,
    earliest_datestamp,
    harvested_records,
    item_count,
    item_get,
    item_page,
)
from kozkincs.opendata.oai.metadata.description import CatalogContext, record_description
from kozkincs.opendata.oai.metadata.dublin_core import NAMESPACE as OAI_DC_NAMESPACE
from kozkincs.opendata.oai.metadata.dublin_core import SCHEMA as OAI_DC_SCHEMA
from kozkincs.opendata.oai.metadata.media import cover_images
from kozkincs.opendata.oai.protocol import OaiError, date_range_parse, datestamp_format
from kozkincs.opendata.oai.tokens import ListState, token_decode, token_encode
from kozkincs.opendata.oai.tracking import datestamp_now
from kozkincs.opendata.oai.xml import attribute, element, text
from kozkincs.opendata.publisher import administrator_email, operator_name

RECORDS_PER_PAGE = 500
IDENTIFIERS_PER_PAGE = 1000
MAX_IDENTIFIER_LENGTH = 200


@dataclass(frozen=True)
class Repository:
    """The repository as one request sees it: where it is and how it names its items."""

    base_url: str
    identifier_domain: str
    links: SiteLinks

    def identifier(self, record_id: int) -> str:
        return f"oai:{self.identifier_domain}:{record_id}"

    def record_id(self, identifier: str) -> int:
        prefix = f"oai:{self.identifier_domain}:"
        local = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
        if not (local.isascii() and local.isdigit()) or len(identifier) > MAX_IDENTIFIER_LENGTH:
            raise OaiError("idDoesNotExist", f"No item has the identifier {identifier!r}.")
        return int(local)


def identify(repository: Repository, arguments: dict) -> str:
    earliest = earliest_datestamp() or datestamp_now()
    return "".join(
        [
            element("repositoryName", f"Közkincs: {operator_name()}"),
            element("baseURL", repository.base_url),
            "<protocolVersion>2.0</protocolVersion>",
            element("adminEmail", administrator_email(repository.identifier_domain)),
            f"<earliestDatestamp>{datestamp_format(earliest)}</earliestDatestamp>",
            "<deletedRecord>persistent</deletedRecord>",
            "<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>",
        ]
    )


def _item(repository: Repository, identifier: str) -> Item:
    item = item_get(repository.record_id(identifier))
    if item is None:
        raise OaiError("idDoesNotExist", f"No item has the identifier {identifier!r}.")
    return item


def list_metadata_formats(repository: Repository, arguments: dict) -> str:
    if "identifier" in arguments:
        _item(repository, arguments["identifier"])  # every item has every format
    return "".join(
        "<metadataFormat>"
        f"{element('metadataPrefix', f.prefix)}{element('schema', f.schema)}"
        f"{element('metadataNamespace', f.namespace)}"
        "</metadataFormat>"
        for f in FORMATS.values()
    )


def _set_description(definition) -> str:
    texts = definition.description.model_dump()
    descriptions = "".join(
        element("dc:description", value, language) for language, value in texts.items() if value
    )
    return (
        f'<setDescription><oai_dc:dc xmlns:oai_dc="{OAI_DC_NAMESPACE}" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{OAI_DC_NAMESPACE} {OAI_DC_SCHEMA}">'
        f"{descriptions}</oai_dc:dc></setDescription>"
    )


def list_sets(repository: Repository, arguments: dict) -> str:
    if "resumptionToken" in arguments:
        raise OaiError("badResumptionToken", "ListSets is never split: no token is valid.")
    return "".join(
        f"<set>{element('setSpec', d.key)}{element('setName', d.label.hu)}"
        f"{_set_description(d)}</set>"
        for d in catalog_list()
    )


def _format(prefix: str) -> MetadataFormat:
    found = FORMATS.get(prefix)
    if found is None:
        raise OaiError(
            "cannotDisseminateFormat",
            f"The metadata format {prefix!r} is not supported: use {' or '.join(FORMATS)}.",
        )
    return found


def _header(repository: Repository, item: Item, deleted: bool) -> str:
    status = ' status="deleted"' if deleted else ""
    return (
        f"<header{status}><identifier>{text(repository.identifier(item.record_id))}</identifier>"
        f"<datestamp>{datestamp_format(item.datestamp)}</datestamp>"
        f"{element('setSpec', item.catalog)}</header>"
    )


def _records(repository: Repository, items: list[Item], metadata_format: MetadataFormat) -> str:
    """``<record>`` elements of ``items`` in a fixed number of queries."""
    harvested = harvested_records([item.record_id for item in items if not item.deleted])
    covers = cover_images([h.record for h in harvested.values()], origin=repository.links.origin)
    contexts: dict[str, CatalogContext | None] = {}
    parts = []
    for item in items:
        found = harvested.get(item.record_id)
        if found is not None and found.record.catalog not in contexts:
            definition = catalog_get(found.record.catalog)
            contexts[found.record.catalog] = definition and CatalogContext.of(definition)
        context = contexts.get(found.record.catalog) if found is not None else None
        if found is None or context is None:  # withdrawn, or its catalog no longer defined
            parts.append(f"<record>{_header(repository, item, True)}</record>")
            continue
        description = record_description(
            found,
            datestamp=item.datestamp,
            context=context,
            links=repository.links,
            cover_image=covers.get(item.record_id),
        )
        parts.append(
            f"<record>{_header(repository, item, False)}"
            f"<metadata>{metadata_format.write(description)}</metadata></record>"
        )
    return "".join(parts)


def get_record(repository: Repository, arguments: dict) -> str:
    metadata_format = _format(arguments["metadataPrefix"])
    item = _item(repository, arguments["identifier"])
    return _records(repository, [item], metadata_format)


def _list_state(verb: str, arguments: dict) -> ListState:
    if "resumptionToken" in arguments:
        return token_decode(arguments["resumptionToken"], verb=verb)
    dates = date_range_parse(arguments.get("from"), arguments.get("until"))
    metadata_prefix = _format(arguments["metadataPrefix"]).prefix
    set_spec = arguments.get("set")
    if set_spec is not None and catalog_get(set_spec) is None:
        raise OaiError("badArgument", f"There is no set {set_spec!r}: see ListSets.")
    state = ListState(verb, metadata_prefix, set_spec, dates)
    return replace(state, complete_size=item_count(state))


def _token(state: ListState, items: list[Item], more: bool) -> str:
    if not more and state.after_id == 0:
        return ""  # the whole list fits in one response
    next_state = replace(
        state, after_id=items[-1].record_id if items else state.after_id,
        cursor=state.cursor + len(items),
    )  # fmt: skip
    value = token_encode(next_state) if more else ""
    size = ""
    if state.complete_size:
        size = f" completeListSize={attribute(str(state.complete_size))}"
    return f"<resumptionToken{size} cursor={attribute(str(state.cursor))}>{value}</resumptionToken>"


def _list(verb: str, repository: Repository, arguments: dict, per_page: int) -> str:
    state = _list_state(verb, arguments)
    items, more = item_page(state, per_page)
    if not items and state.after_id == 0:
        raise OaiError("noRecordsMatch", "No records match these arguments.")
    if not items:  # the rest of the list moved past its until date since the last page
        raise OaiError("noRecordsMatch", "No more records match: the rest changed meanwhile.")
    if verb == "ListRecords":
        body = _records(repository, items, FORMATS[state.metadata_prefix])
    else:
        body = "".join(_header(repository, item, item.deleted) for item in items)
    return body + _token(state, items, more)


def list_identifiers(repository: Repository, arguments: dict) -> str:
    return _list("ListIdentifiers", repository, arguments, IDENTIFIERS_PER_PAGE)


def list_records(repository: Repository, arguments: dict) -> str:
    return _list("ListRecords", repository, arguments, RECORDS_PER_PAGE)


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}
