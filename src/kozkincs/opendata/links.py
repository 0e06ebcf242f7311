"""Absolute links the harvesting endpoints publish, built in one place.

Record, settlement and catalog pages are reversed once in the portal's default language (so
identifiers do not depend on a harvester's ``Accept-Language``) and then filled in per record
by string substitution: a harvest writes tens of thousands of links.

The export downloads (``opendata/exports``) are served at ``/opendata/<catalog-key>.<format>``
and, for every catalog together, ``/opendata/records.<format>``; the open-data page that lists
them at ``/hu/nyilt-adatok/``, ``/en/open-data/``, ``/de/offene-daten/``.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    media_type: str
    eu_file_type: str
    """Code in the EU Vocabularies file-type table (DCAT-AP ``dcterms:format``)."""


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in (
        ExportFormat("csv", "CSV", "text/csv", "CSV"),
        ExportFormat(
            "xlsx",
            "XLSX",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "XLSX",
        ),
        ExportFormat("json", "JSON", "application/json", "JSON"),
        ExportFormat("geojson", "GeoJSON", "application/geo+json", "GEOJSON"),
        ExportFormat("jsonld", "JSON-LD", "application/ld+json", "JSON_LD"),
    )
}


REGION_EXPORT = "records"
"""The name of the exports of every catalog together (a catalog cannot be called so)."""


def export_download_path(catalog_key: str, format_key: str) -> str:
    """Where the exports serve a catalog's public records in ``format_key`` (``catalog_key``
    :data:`REGION_EXPORT`: every catalog's)."""
    if catalog_key == REGION_EXPORT:
        return reverse("opendata:region_download", kwargs={"format_key": format_key})
    return reverse(
        "opendata:catalog_download", kwargs={"catalog": catalog_key, "format_key": format_key}
    )


def open_data_page_path(language: str) -> str:
    with translation.override(language):
        return reverse("opendata_site:open_data")


_SLOT_A, _SLOT_B, _SLOT_ID = "zzslotazz", "zzslotbzz", 987654321


class SiteLinks:
    """Absolute URLs on ``origin`` (``https://host``), pages in the default language."""

    def __init__(self, origin: str, language: str | None = None):
        self.origin = origin.rstrip("/")
        self.language = language or settings.LANGUAGE_CODE
        with translation.override(self.language):
            self._record = self._absolute(
                reverse("web:record_detail", kwargs={"catalog": _SLOT_A, "slug": _SLOT_B})
            )
            self._permalink = self._absolute(
                reverse("web:record_permalink", kwargs={"record_id": _SLOT_ID})
            )
            self._settlement = self._absolute(
                reverse("web:settlement_detail", kwargs={"slug": _SLOT_A})
            )
            self._catalog = self._absolute(
                reverse("web:catalog_detail", kwargs={"catalog": _SLOT_A})
            )
            self.home = self._absolute(reverse("web:home"))
            self.about = self._absolute(reverse("web:about"))

    def _absolute(self, path: str) -> str:
        return self.origin + path

    def record_page(self, catalog: str, slug: str) -> str:
        return self._record.replace(_SLOT_A, catalog, 1).replace(_SLOT_B, slug, 1)

    def record_permalink(self, record_id: int) -> str:
        return self._permalink.replace(str(_SLOT_ID), str(record_id), 1)

    def settlement_page(self, slug: str) -> str:
        return self._settlement.replace(_SLOT_A, slug, 1)

    def catalog_page(self, catalog: str) -> str:
        return self._catalog.replace(_SLOT_A, catalog, 1)

    def export_download(self, catalog: str, format_key: str) -> str:
        return self._absolute(export_download_path(catalog, format_key))

    def open_data_page(self) -> str:
        return self._absolute(open_data_page_path(self.language))

    def oai_base(self) -> str:
        return self._absolute(reverse("opendata:oai"))

    def dcat_catalog(self) -> str:
        """The DCAT catalogue's URI; its datasets and distributions are fragments of it."""
        return self._absolute(reverse("opendata:dcat"))
