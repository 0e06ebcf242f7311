"""An export request checked at the boundary, and the stream of bytes that answers it.

The filters are the record lists' own: the query string goes through
``search.parameters.search_arguments`` and the records are found by ``record_search_ids``,
the search selector behind the catalog, search and settlement pages, so a download holds
exactly the records the page lists (every page of them). The records are then read in
batches (published only, personal fields only with consent): their columns by
``record_public_rows``, or, for JSON-LD, model instances by ``record_public_batches``.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext as _

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.licences import licence_get
from kozkincs.catalog.registry import catalog_get, catalog_list
from kozkincs.catalog.selectors import record_public_batches, record_public_rows
from kozkincs.core.i18n import current_language
from kozkincs.core.memory import young_collections_spaced_out
from kozkincs.core.parameters import InvalidParameter, Language
from kozkincs.opendata.exports import writers
from kozkincs.opendata.exports.rows import Table
from kozkincs.opendata.links import EXPORT_FORMATS, ExportFormat, SiteLinks
from kozkincs.search.parameters import listing_catalog, optional_param, search_arguments
from kozkincs.search.selectors import record_search_ids

Separator = Literal[tuple(writers.SEPARATORS)]
Encoding = Literal[tuple(writers.ENCODINGS)]
LIST_ONLY = ("page", "page_size", "lang", "separator", "encoding", "facet_all")
"""Parameters that do not filter: the list's paging and the download's own options."""
REGION = "records"
"""The file name of the exports of every catalog: ``/opendata/records.<format>``."""


class ExportNotFound(Exception):
    """The catalog named in the path does not exist, or the filters match no record."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ExportRequest:
    format: ExportFormat
    definition: CatalogDefinition | None
    """The catalog exported; None for every catalog (the region's export)."""
    ids: list[int]
    language: str
    separator: str = "comma"
    encoding: str = "utf-8"
    settlement: str | None = None

    @property
    def definitions(self) -> list[CatalogDefinition]:
        return [self.definition] if self.definition else catalog_list()

    @property
    def filename(self) -> str:
        parts = ["kozkincs", self.definition.key if self.definition else "regio"]
        if self.settlement:
            parts.append(self.settlement)
        parts.append(date.today().strftime("%Y%m%d"))
        return "-".join(parts) + "." + self.format.key

    @property
    def content_type(self) -> str:
        if self.format.key == "csv":
            charset = "utf-8" if self.encoding == "utf-8" else "windows-1250"
            return f"text/csv; charset={charset}"
        return self.format.media_type


def export_format(format_key: str) -> ExportFormat:
    found = EXPORT_FORMATS.get(format_key)
    if found is None:
        raise InvalidParameter(
            "format",
            _("There is no export format '%(format)s'; formats: %(formats)s.")
            % {"format": format_key[:20], "formats": ", ".join(EXPORT_FORMATS)},
        )
    return found


def export_request(*, catalog_key: str | None, format_key: str, params: QueryDict) -> ExportRequest:
    """The checked request; ``InvalidParameter`` for a bad format or filter,
    ``ExportNotFound`` for an unknown catalog or filters that match nothing."""
    fmt = export_format(format_key)
    language = optional_param(params, "lang", Language) or current_language()
    definition = None
    if catalog_key is not None:
        definition = catalog_get(catalog_key)
        if definition is None:
            raise ExportNotFound(_("There is no catalog '%(key)s'.") % {"key": catalog_key[:64]})
    definition = listing_catalog(params, definition)
    arguments = search_arguments(params, definition=definition)
    for paging in ("page", "page_size", "language"):
        arguments.pop(paging, None)
    ids = record_search_ids(**{**arguments, "sort": arguments.get("sort") or "name"})
    not_filters = {*LIST_ONLY, "sort", "catalog"}
    filters = [name for name in params if name not in not_filters and params.get(name, "").strip()]
    if not ids and filters:
        raise ExportNotFound(_("No public record matches these filters."))
    return ExportRequest(
        format=fmt,
        definition=definition,
        ids=ids,
        language=language,
        separator=optional_param(params, "separator", Separator) or "comma",
        encoding=optional_param(params, "encoding", Encoding) or "utf-8",
        settlement=arguments.get("settlement"),
    )


def _head(request: ExportRequest, links: SiteLinks) -> dict:
    licences = {}
    for definition in request.definitions:
        licence = licence_get(definition.licence)
        licences[definition.key] = {"key": licence.key, "title": licence.title, "url": licence.url}
    return {
        "publisher": links.home,
        "catalogs": [definition.key for definition in request.definitions],
        "licences": licences,
        "count": len(request.ids),
    }


def export_stream(request: ExportRequest, *, origin: str) -> Iterator[bytes]:
    """The bytes of the export, produced batch by batch as they are read."""
    links = SiteLinks(origin, request.language)
    key = request.format.key
    if key == "jsonld":
        batches = record_public_batches(ids=request.ids)
    else:
        batches = record_public_rows(ids=request.ids, descriptions=key == "json")
    language = request.language
    # A record's temporaries are freed as the next is read; a pass of the collector every
    # 2,000 of them cost an eighth of a CSV export's time.
    with translation.override(language), young_collections_spaced_out():
        if key == "csv" or key == "xlsx":
            table = Table(request.definitions, links=links, language=language)
            if key == "csv":
                yield from writers.csv_stream(
                    table, batches, separator=request.separator, encoding=request.encoding
                )
            else:
                title = request.definition.label.get(language) if request.definition else "Közkincs"
                yield from writers.xlsx_stream(table, batches, title=title)
        elif key == "json":
            yield from writers.json_stream(batches, head=_head(request, links), links=links)
        elif key == "geojson":
            yield from writers.geojson_stream(batches, links=links, language=language)
        else:
            yield from writers.json_ld_stream(batches, links=links, language=language)
