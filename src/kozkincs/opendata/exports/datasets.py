"""The datasets the open-data page lists: each catalog, then every catalog together (the
region), with licence, size, last change and a download per format."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from kozkincs.catalog.licences import Licence, licence_get
from kozkincs.catalog.registry import catalog_list
from kozkincs.catalog.selectors import record_counts_by_catalog
from kozkincs.core.i18n import current_language
from kozkincs.opendata.dcat.coverage import catalog_last_changes
from kozkincs.opendata.links import (
    EXPORT_FORMATS,
    REGION_EXPORT,
    ExportFormat,
    export_download_path,
)


@dataclass(frozen=True)
class Download:
    format: ExportFormat
    url: str


@dataclass
class Dataset:
    key: str | None
    """The catalog's key; None for every catalog together."""
    title: str
    description: str
    licences: list[Licence]
    records: int
    modified: datetime | None
    downloads: list[Download] = field(default_factory=list)


def _downloads(name: str) -> list[Download]:
    return [Download(fmt, export_download_path(name, fmt.key)) for fmt in EXPORT_FORMATS.values()]


def dataset_list() -> list[Dataset]:
    language = current_language()
    counts = record_counts_by_catalog()
    modified = catalog_last_changes()
    datasets = [
        Dataset(
            key=definition.key,
            title=definition.label.get(language),
            description=definition.description.get(language),
            licences=[licence_get(definition.licence)],
            records=counts.get(definition.key, 0),
            modified=modified.get(definition.key),
            downloads=_downloads(definition.key),
        )
        for definition in catalog_list()
    ]
    licences = {licence.key: licence for dataset in datasets for licence in dataset.licences}
    changes = [dataset.modified for dataset in datasets if dataset.modified]
    region = Dataset(
        key=None,
        title=_("Every database together"),
        description=_(
            "The public records of every thematic database in one file; spreadsheets have a "
            "column for each database's fields."
        ),
        licences=sorted(licences.values(), key=lambda licence: licence.key),
        records=sum(dataset.records for dataset in datasets),
        modified=max(changes, default=None),
        downloads=_downloads(REGION_EXPORT),
    )
    return [*datasets, region]
