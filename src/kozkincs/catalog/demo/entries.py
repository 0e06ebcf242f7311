"""Reading the demo data files into ``DemoEntry`` objects (no database access).

Three files under ``data/``:

* ``sample_heritage.csv`` — 33 sourced heritage items, copied unchanged from the project's
  shared data (see ``data/SOURCES.md``); names and summaries in hu/en/de and a source URL.
* ``sourced.yaml`` — the catalog values of those rows, keyed by the Hungarian name.
* ``demo_records.yaml`` — invented entries, loaded with ``is_demo=True``.

An entry names its relations as ``"catalog/slug"``; the slug is the one the catalog services
derive from the Hungarian name (``services.slug_base``), which is also how a second run
recognises the entries that already exist.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from kozkincs.catalog.services import RecordData, slug_base
from kozkincs.core.i18n import CONTENT_LANGUAGES

DATA_DIRECTORY = Path(__file__).resolve().parent / "data"
SAMPLE_CSV = DATA_DIRECTORY / "sample_heritage.csv"
SOURCED_VALUES = DATA_DIRECTORY / "sourced.yaml"
DEMO_RECORDS = DATA_DIRECTORY / "demo_records.yaml"

CSV_CATALOGS = {
    "natural": "natural-values",
    "built": "built-values",
    "tradition": "traditions",
    "institution": "cultural-centres",
    "amateur_art": "amateur-art",
    "publication": "publications",
}
"""The ``catalog`` column of the CSV → the built-in catalog key."""

POINT = "point"
"""``coords_note`` of rows whose coordinates locate the object itself. The other rows carry
the settlement's centroid, which must not be shown as the object's location."""

DEMO_KEYS = {
    "catalog", "settlement", "settlements", "priorities", "name", "summary", "values",
    "relations", "privacy",
}  # fmt: skip


class DemoDataError(Exception):
    """The demo data cannot be loaded; the message says which entry and why."""


@dataclass
class DemoEntry:
    """One record to create: the services' ``RecordData`` plus what needs the database."""

    catalog: str
    data: RecordData
    settlement_code: str = ""
    settlement_name: str = ""
    relations: dict[str, list[str]] = field(default_factory=dict)
    is_demo: bool = False

    @property
    def slug(self) -> str:
        return slug_base(self.data["name"])

    @property
    def ref(self) -> str:
        return f"{self.catalog}/{self.slug}"


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DemoDataError(f"{path.name}: cannot read the file: {error}") from error


def _languages(texts: Any, column: str, where: str) -> dict[str, str]:
    """``{"hu": …, "en": …, "de": …}`` → ``{"name": …, "name_en": …, "name_de": …}``."""
    if not isinstance(texts, dict) or not texts.get("hu"):
        raise DemoDataError(f"{where}: '{column}' needs at least a Hungarian text ('hu').")
    unknown = set(texts) - set(CONTENT_LANGUAGES)
    if unknown:
        raise DemoDataError(f"{where}: '{column}' has unknown languages {sorted(unknown)}.")
    return {
        column: texts["hu"],
        f"{column}_en": texts.get("en", ""),
        f"{column}_de": texts.get("de", ""),
    }


def _relations(raw: Any, where: str) -> dict[str, list[str]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise DemoDataError(f"{where}: 'relations' must map field keys to lists of references.")
    for refs in raw.values():
        for ref in refs:
            if not isinstance(ref, str) or ref.count("/") != 1:
                raise DemoDataError(f"{where}: '{ref}' is not a 'catalog/slug' reference.")
    return {key: list(refs) for key, refs in raw.items()}


def source_title(url: str) -> str:
    """The host of ``url`` without ``www.``: a short, honest title for a web source."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def sourced_entries() -> list[DemoEntry]:
    """The 33 sourced rows of the CSV with their catalog values from ``sourced.yaml``."""
    enrichment = _read_yaml(SOURCED_VALUES) or {}
    with SAMPLE_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = [row["name_hu"] for row in rows]
    missing = sorted(set(names) - set(enrichment))
    unused = sorted(set(enrichment) - set(names))
    if missing or unused:
        raise DemoDataError(
            f"{SOURCED_VALUES.name} does not match {SAMPLE_CSV.name}: "
            f"rows without values {missing}, values without a row {unused}."
        )
    return [_sourced_entry(row, enrichment[row["name_hu"]] or {}) for row in rows]


def _sourced_entry(row: dict[str, str], extra: dict) -> DemoEntry:
    where = f"{SAMPLE_CSV.name} '{row['name_hu']}'"
    if row["catalog"] not in CSV_CATALOGS:
        raise DemoDataError(f"{where}: unknown catalog '{row['catalog']}'.")
    unknown = set(extra) - {"catalog", "values", "relations"}
    if unknown:
        raise DemoDataError(f"{SOURCED_VALUES.name} '{row['name_hu']}': unknown keys {unknown}.")
    data: RecordData = {
        "name": row["name_hu"],
        "name_en": row["name_en"],
        "name_de": row["name_de"],
        "summary": row["summary_hu"],
        "summary_en": row["summary_en"],
        "summary_de": row["summary_de"],
        "sources": [{"title": source_title(row["source_url"]), "url": row["source_url"]}],
        "values": dict(extra.get("values") or {}),
    }
    if row["coords_note"] == POINT:
        data["lat"], data["lon"] = float(row["lat"]), float(row["lon"])
    return DemoEntry(
        catalog=extra.get("catalog") or CSV_CATALOGS[row["catalog"]],
        data=data,
        settlement_name=row["settlement"],
        relations=_relations(extra.get("relations"), where),
    )


def invented_entries() -> list[DemoEntry]:
    """The invented demonstration entries of ``demo_records.yaml``."""
    items = _read_yaml(DEMO_RECORDS)
    if not isinstance(items, list):
        raise DemoDataError(f"{DEMO_RECORDS.name}: the file must contain a list of entries.")
    return [_invented_entry(item, index) for index, item in enumerate(items)]


def _invented_entry(item: Any, index: int) -> DemoEntry:
    where = f"{DEMO_RECORDS.name} entry {index + 1}"
    if not isinstance(item, dict):
        raise DemoDataError(f"{where}: an entry must be a mapping.")
    unknown = set(item) - DEMO_KEYS
    if unknown or not item.get("catalog"):
        raise DemoDataError(f"{where}: unknown keys {sorted(unknown)} or no 'catalog'.")
    data: RecordData = {
        **_languages(item.get("name"), "name", where),
        **_languages(item.get("summary"), "summary", where),
        "values": dict(item.get("values") or {}),
    }
    for key in ("settlements", "priorities", "privacy"):
        if key in item:
            data[key] = item[key]
    return DemoEntry(
        catalog=item["catalog"],
        data=data,
        settlement_code=str(item.get("settlement") or ""),
        relations=_relations(item.get("relations"), where),
        is_demo=True,
    )


def demo_entries() -> list[DemoEntry]:
    """Every entry, sourced first; references checked to point at an entry of the files."""
    entries = sourced_entries() + invented_entries()
    refs = [entry.ref for entry in entries]
    duplicates = sorted({ref for ref in refs if refs.count(ref) > 1})
    if duplicates:
        raise DemoDataError(f"Two demo entries would get the same address: {duplicates}.")
    known = set(refs)
    for entry in entries:
        for key, targets in entry.relations.items():
            for target in targets:
                if target not in known:
                    raise DemoDataError(f"{entry.ref}: '{key}' refers to unknown '{target}'.")
    return entries
