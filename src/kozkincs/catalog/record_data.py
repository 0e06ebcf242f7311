"""What callers hand to the record services, and how it is validated.

``record_data_clean`` turns one ``RecordData`` into a ``CleanedRecord`` or raises one
``ValidationError`` whose dict is keyed by field (shared column name or catalog field key).
Lookups of settlements, priorities and relation targets go through ``References``, built for
a whole batch at once, so validating 100,000 items costs a handful of queries.
"""

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.models import Record
from kozkincs.core.rich_text import plain_text, rich_text_clean
from kozkincs.gazetteer.geography import is_in_hungary
from kozkincs.gazetteer.models import Settlement
from kozkincs.strategy.models import StrategyPriority

TEXT_COLUMNS = (
    "name", "name_en", "name_de", "summary", "summary_en", "summary_de",
    "description", "description_en", "description_de",
)  # fmt: skip
# The descriptions are rich text (the allowlist of ``core.rich_text``); the summaries are plain
# text (a lead shown in lists, excerpts and JSON-LD), so any markup in them is removed.
RICH_TEXT_COLUMNS = ("description", "description_en", "description_de")
PLAIN_TEXT_COLUMNS = ("summary", "summary_en", "summary_de")
NAME_LENGTH = 255
TAG_LENGTH = 60
VISIBILITIES = ("public", "members", "staff")
DEFAULT_PRIVACY = {"consent": False, "visibility": "staff"}
MAX_ID = 2**63 - 1
"""The largest id a record can have (a signed 64-bit column on SQLite and PostgreSQL)."""
MAX_PRIORITY_NUMBER = 32767
"""The largest number a strategy priority can have (a small-integer column)."""


class Source(TypedDict):
    title: str
    url: NotRequired[str]


class Privacy(TypedDict):
    consent: bool
    visibility: str


class RecordData(TypedDict, total=False):
    name: str
    name_en: str
    name_de: str
    summary: str
    summary_en: str
    summary_de: str
    description: str
    description_en: str
    description_de: str
    settlement: Settlement | str | None
    settlements: list[Settlement | str]
    lat: float | None
    lon: float | None
    priorities: list[int]
    tags: list[str]
    sources: list[Source]
    values: dict[str, Any]
    privacy: dict[str, Privacy]


@dataclass(slots=True)
class CleanedRecord:
    """Validated data; only the keys the caller gave are present in ``columns``. (Slots: an
    import keeps one per row of its file.)"""

    columns: dict[str, Any] = field(default_factory=dict)
    settlements: list[Settlement] | None = None
    priorities: list[StrategyPriority] | None = None
    values: dict[str, Any] | None = None
    relations: dict[str, list[int]] = field(default_factory=dict)
    privacy: dict[str, Privacy] | None = None


def _code(item: Any) -> str:
    return getattr(item, "ksh_code", None) or str(item or "").strip()


@dataclass
class References:
    """Settlements, priorities and relation targets needed by a batch, loaded once; and the
    field types' cleaners of the catalog's fields, each prepared once for the batch."""

    settlements: dict[str, Settlement]
    priorities: dict[int, StrategyPriority]
    records: dict[int, tuple[str, str]]  # id → (catalog, name)
    cleaners: dict[tuple[str, str], Callable[[Any], Any]] = field(default_factory=dict)

    def cleaner(self, definition: CatalogDefinition, fdef) -> Callable[[Any], Any]:
        """``field_type(fdef.type).cleaner`` of ``fdef`` in ``definition``, made once."""
        key = (definition.key, fdef.key)
        found = self.cleaners.get(key)
        if found is None:
            kind = field_type(fdef.type)
            found = self.cleaners[key] = kind.cleaner(field=fdef, catalog=definition)
        return found

    @classmethod
    def for_items(cls, definition: CatalogDefinition, items: list[RecordData]) -> "References":
        codes: set[str] = set()
        numbers: set[int] = set(definition.default_priorities)
        record_ids: set[int] = set()
        fields = definition.field_map
        for data in items:
            given = [data.get("settlement"), *(data.get("settlements") or [])]
            codes.update(_code(s) for s in given)
            numbers.update(int(n) for n in data.get("priorities") or [] if str(n).isdigit())
            # Only the fields given: an absent value names nothing.
            for key, raw in (data.get("values") or {}).items():
                fdef = fields.get(key)
                if fdef is None or raw is None:
                    continue
                kind = field_type(fdef.type)
                codes |= kind.settlement_codes(raw, field=fdef)
                record_ids |= kind.record_ids(raw, field=fdef)
        codes.discard("")
        # Numbers no database column can hold name nothing (and would fail the lookup itself):
        # left out here, they are reported as unknown like any other missing reference.
        numbers = {n for n in numbers if 0 < n <= MAX_PRIORITY_NUMBER}
        record_ids = {pk for pk in record_ids if 0 < pk <= MAX_ID}
        # Without the boundary polygons: the cleaned data holds these objects (an import keeps
        # a whole file's rows), and nothing validated or written reads a boundary.
        found = Settlement.objects.filter(ksh_code__in=codes).defer("boundary")
        settlements = {s.ksh_code: s for s in found}
        priorities = {p.number: p for p in StrategyPriority.objects.filter(number__in=numbers)}
        rows = Record.objects.filter(pk__in=record_ids).values_list("id", "catalog", "name")
        return cls(settlements, priorities, {pk: (cat, name) for pk, cat, name in rows})


def text_column_clean(column: str, value: Any) -> str:
    """The stored form of a shared text column: sanitised HTML, plain text or a trimmed name."""
    text = "" if value is None else str(value).strip()
    if column in RICH_TEXT_COLUMNS:
        return rich_text_clean(text)
    if column in PLAIN_TEXT_COLUMNS:
        return plain_text(text)
    return text


def _clean_texts(data: RecordData, errors: dict, cleaned: CleanedRecord, creating: bool) -> None:
    for column in TEXT_COLUMNS:
        if column not in data:
            continue
        text = text_column_clean(column, data.get(column))
        if column.startswith("name") and len(text) > NAME_LENGTH:
            errors[column] = _("At most %(limit)d characters.") % {"limit": NAME_LENGTH}
        cleaned.columns[column] = text
    if (creating or "name" in data) and not cleaned.columns.get("name"):
        errors["name"] = _("The Hungarian name is required.")


def _clean_places(data: RecordData, refs: References, errors: dict, cleaned: CleanedRecord):
    if "settlement" in data:
        code = _code(data.get("settlement"))
        if code and code not in refs.settlements:
            errors["settlement"] = _("Unknown settlement (KSH code %(code)s).") % {"code": code}
        cleaned.columns["settlement"] = refs.settlements.get(code)
    if "settlements" in data:
        codes = [_code(item) for item in data.get("settlements") or []]
        unknown = [code for code in codes if code not in refs.settlements]
        if unknown:
            errors["settlements"] = _("Unknown settlements (KSH codes %(codes)s).") % {
                "codes": ", ".join(unknown)
            }
        cleaned.settlements = list(
            {c: refs.settlements[c] for c in codes if c not in unknown}.values()
        )
    if "lat" in data or "lon" in data:
        _clean_coordinates(data.get("lat"), data.get("lon"), errors, cleaned)


def _clean_coordinates(lat: Any, lon: Any, errors: dict, cleaned: CleanedRecord) -> None:
    if lat in (None, "") and lon in (None, ""):
        cleaned.columns.update(lat=None, lon=None)
        return
    try:
        lat, lon = float(str(lat).replace(",", ".")), float(str(lon).replace(",", "."))
    except ValueError:
        errors["lat"] = _("Give both latitude and longitude as numbers.")
        return
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        errors["lat"] = _("The coordinates are not on Earth.")
    elif not settings.KOZKINCS_ALLOW_COORDINATES_OUTSIDE_HUNGARY and not is_in_hungary(lat, lon):
        errors["lat"] = _("The coordinates (%(lat)s, %(lon)s) are outside Hungary.") % {
            "lat": lat,
            "lon": lon,
        }
    cleaned.columns.update(lat=lat, lon=lon)


def _clean_lists(data: RecordData, definition, refs: References, errors: dict, cleaned, creating):
    if "priorities" in data or creating:
        given = data.get("priorities")
        if given:
            numbers = [int(n) if str(n).isdigit() else n for n in given]
            unknown = [str(n) for n in numbers if n not in refs.priorities]
            if unknown:
                errors["priorities"] = _("Unknown strategy priorities: %(numbers)s.") % {
                    "numbers": ", ".join(unknown)
                }
            cleaned.priorities = [
                refs.priorities[n] for n in dict.fromkeys(numbers) if n in refs.priorities
            ]
        else:
            defaults = definition.default_priorities if creating else []
            cleaned.priorities = [refs.priorities[n] for n in defaults if n in refs.priorities]
    if "tags" in data:
        tags = [re.sub(r"\s+", " ", str(tag)).strip() for tag in data.get("tags") or []]
        if any(len(tag) > TAG_LENGTH for tag in tags):
            errors["tags"] = _("A tag can be at most %(limit)d characters.") % {"limit": TAG_LENGTH}
        cleaned.columns["tags"] = list(dict.fromkeys(tag for tag in tags if tag))
    if "sources" in data:
        cleaned.columns["sources"] = _clean_sources(data.get("sources") or [], errors)


def _clean_sources(sources: list, errors: dict) -> list[dict]:
    result = []
    for number, source in enumerate(sources, start=1):
        if not isinstance(source, dict) or set(source) - {"title", "url"}:
            errors["sources"] = _("Source %(n)d: give a title and a web address.") % {"n": number}
            continue
        title, url = str(source.get("title") or "").strip(), str(source.get("url") or "").strip()
        if not title and not url:
            continue
        if not title:
            errors["sources"] = _("Source %(n)d has no title.") % {"n": number}
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                errors["sources"] = _("Source %(n)d: “%(url)s” is not a web address.") % {
                    "n": number,
                    "url": url[:80],
                }
        result.append({"title": title, **({"url": url} if url else {})})
    return result


def _clean_privacy(data: RecordData, definition, errors: dict, cleaned: CleanedRecord) -> None:
    if "privacy" not in data:
        return
    flaggable = {f.key for f in definition.fields if f.may_be_personal}
    personal = {f.key for f in definition.fields if f.personal} | flaggable
    privacy = {}
    for key, setting in (data.get("privacy") or {}).items():
        if key not in personal:
            errors["privacy"] = _("“%(key)s” is not a personal field of this catalog.") % {
                "key": key
            }
            continue
        if not isinstance(setting, dict) or setting.get("visibility", "staff") not in VISIBILITIES:
            errors[key] = _("Visibility must be public, members or staff.")
            continue
        privacy[key] = {
            "consent": bool(setting.get("consent", False)),
            "visibility": setting.get("visibility", "staff"),
        }
        if key in flaggable:
            privacy[key]["private_person"] = bool(setting.get("private_person", False))
    cleaned.privacy = privacy


def record_data_clean(
    *, definition: CatalogDefinition, data: RecordData, references: References,
    existing: Record | None = None,
) -> CleanedRecord:  # fmt: skip
    """Validate ``data`` (all of it when creating, the given keys when updating)."""
    from kozkincs.catalog.record_values import clean_values

    creating = existing is None
    errors: dict[str, Any] = {}
    unknown = set(data) - set(RecordData.__annotations__)
    if unknown:
        errors["__all__"] = _("Unknown keys: %(keys)s.") % {"keys": ", ".join(sorted(unknown))}
    cleaned = CleanedRecord()
    _clean_texts(data, errors, cleaned, creating)
    _clean_places(data, references, errors, cleaned)
    _clean_lists(data, definition, references, errors, cleaned, creating)
    _clean_privacy(data, definition, errors, cleaned)
    clean_values(
        definition=definition, data=data, references=references, existing=existing,
        errors=errors, cleaned=cleaned,
    )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    return cleaned
