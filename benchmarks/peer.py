"""Datasette as the peer (issue #7): the same records in a SQLite database laid out as a
Datasette user would publish them, the same requests, and the checks of its answers.

:func:`datasette_database_build` reads the published records of the benchmark database
(SQLite or PostgreSQL) through the ORM and writes them with sqlite-utils into one table
``records``: the record columns, the catalog, the settlement's name and KSH code, the
strategy priorities (a JSON array, faceted with ``_facet_array``), the catalog's facet fields
as columns, the public values as JSON and as text; then the full-text table the way
Datasette's documentation does it (``table.enable_fts([...])``, i.e. ``sqlite-utils
enable-fts``: FTS5 with its default ``unicode61`` tokenizer, which also removes accents).

The requests: ``/<db>/records.json?_search=<q>&_facet=catalog&_facet=settlement
&_facet_array=priorities`` (the facets Közkincs answers a search with) and
``/<db>/records/<id>.json``. Datasette drops a facet that exceeds ``facet_time_limit_ms`` and
answers a count that exceeds ``sql_time_limit_ms`` with ``null``, both with status 200:
:data:`SEARCH_REQUIRED` and :data:`SEARCH_FORBIDDEN` are what wrk checks in every answer
(``rotate.lua``), and :func:`search_answer_problems` what the runner checks before the load.
"""

import json
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

DATABASE_NAME = "kozkincs"
TABLE = "records"
FTS_COLUMNS = ("name", "summary", "description", "attributes")
FACETS = ("catalog", "settlement")
ARRAY_FACETS = ("priorities",)
PAGE_SIZE = 20
"""Közkincs answers 20 items per page."""
FACET_SIZE = 100
"""Közkincs answers at most 100 values per facet (``search.facets.FACET_VALUE_LIMIT``)."""
BATCH_SIZE = 5000

# Settings for ``datasette serve``: time limits raised so that no facet is dropped and no count
# left out (a dropped facet would be a cheaper answer), no facet suggestions (Közkincs makes
# none), Datasette's default of 3 SQL threads written out so the report can name it.
SQL_TIME_LIMIT_MS = 60_000
SQL_THREADS = 3
SETTINGS = {
    "sql_time_limit_ms": SQL_TIME_LIMIT_MS,
    "facet_time_limit_ms": SQL_TIME_LIMIT_MS,
    "suggest_facets": "off",
    "num_sql_threads": SQL_THREADS,
}

SEARCH_REQUIRED = tuple(f'"name": "{facet}"' for facet in (*FACETS, *ARRAY_FACETS))
"""Every search answer holds these facets (Datasette's JSON, ``json.dumps`` spacing)."""
SEARCH_FORBIDDEN = ('"filtered_table_rows_count": null',)
"""A count that timed out."""

BASE_COLUMNS = {
    "id": int, "catalog": str, "name": str, "slug": str, "summary": str, "description": str,
    "settlement": str, "settlement_ksh": str, "lat": float, "lon": float, "priorities": str,
    "tags": str, "published_at": str, "values": str, "attributes": str,
}  # fmt: skip


def search_path(query: str) -> str:
    facets = "".join(f"&_facet={facet}" for facet in FACETS) + "".join(
        f"&_facet_array={facet}" for facet in ARRAY_FACETS
    )
    return (
        f"/{DATABASE_NAME}/{TABLE}.json?_search={urllib.parse.quote(query, safe='')}"
        f"{facets}&_size={PAGE_SIZE}&_facet_size={FACET_SIZE}"
    )


def row_path(record_id: int) -> str:
    return f"/{DATABASE_NAME}/{TABLE}/{record_id}.json"


def search_answer_problems(answer: dict) -> list[str]:
    """What is missing from a Datasette search answer (empty when it is complete)."""
    problems = []
    facets = answer.get("facet_results") or {}
    for facet in (*FACETS, *ARRAY_FACETS):
        if facet not in facets:
            problems.append(f"facet {facet} missing (timed out or not computed)")
    if answer.get("filtered_table_rows_count") is None:
        problems.append("no count (timed out)")
    if "rows" not in answer:
        problems.append("no rows")
    return problems


def _text(value) -> str:
    """The words of a stored value: strings and numbers, lists and dicts flattened."""
    if isinstance(value, dict):
        return " ".join(_text(item) for item in value.values())
    if isinstance(value, list):
        return " ".join(_text(item) for item in value)
    if isinstance(value, bool) or value is None:
        return ""
    return str(value)


def _column_name(key: str) -> str:
    return f"value_{key}" if key in BASE_COLUMNS else key


def _public_values(record_values: dict, definition) -> dict:
    """The values a visitor may see: public, non-personal fields."""
    if definition is None:
        return {}
    return {
        key: value
        for key, value in (record_values or {}).items()
        if key in definition.field_map
        and definition.field_map[key].public
        and not definition.field_map[key].personal
    }


@dataclass(frozen=True)
class PeerBuild:
    path: Path
    records: int
    seconds: float
    size_bytes: int


def _record_batches(batch_size: int) -> Iterator[list[dict]]:
    from kozkincs.catalog.models import Record

    published = Record.objects.filter(status=Record.Status.PUBLISHED).order_by("pk")
    last = 0
    columns = (
        "pk", "catalog", "name", "slug", "summary", "description", "settlement_id", "lat",
        "lon", "tags", "values", "published_at",
    )  # fmt: skip
    while True:
        batch = list(published.filter(pk__gt=last).values(*columns)[:batch_size])
        if not batch:
            return
        last = batch[-1]["pk"]
        yield batch


def _priorities(record_ids: list[int]) -> dict[int, list[int]]:
    from kozkincs.catalog.models import Record

    through = Record.priorities.through.objects.filter(record_id__in=record_ids)
    numbers: dict[int, list[int]] = {}
    for record_id, number in through.values_list("record_id", "strategypriority__number"):
        numbers.setdefault(record_id, []).append(number)
    return {key: sorted(value) for key, value in numbers.items()}


def peer_rows(batch: list[dict], settlements: dict[int, tuple[str, str]]) -> list[dict]:
    """Rows of the Datasette table for a batch of ``Record`` value dicts."""
    from kozkincs.catalog.registry import catalog_get

    priorities = _priorities([row["pk"] for row in batch])
    rows = []
    for record in batch:
        definition = catalog_get(record["catalog"])
        values = _public_values(record["values"], definition)
        name, ksh = settlements.get(record["settlement_id"], (None, None))
        row = {
            "id": record["pk"],
            "catalog": record["catalog"],
            "name": record["name"],
            "slug": record["slug"],
            "summary": record["summary"],
            "description": record["description"],
            "settlement": name,
            "settlement_ksh": ksh,
            "lat": record["lat"],
            "lon": record["lon"],
            "priorities": json.dumps(priorities.get(record["pk"], [])),
            "tags": json.dumps(record["tags"] or [], ensure_ascii=False),
            "published_at": (
                record["published_at"].isoformat() if record["published_at"] else None
            ),
            "values": json.dumps(values, ensure_ascii=False),
            "attributes": _text(values),
        }
        for key in definition.facets if definition else []:
            if key in values:
                value = values[key]
                row[_column_name(key)] = (
                    json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
                )
        rows.append(row)
    return rows


def datasette_database_build(
    path: Path, *, batch_size: int = BATCH_SIZE, log: Callable[[str], None] = print
) -> PeerBuild:
    """Write every published record of the current database into a new SQLite file at
    ``path``, one table plus its FTS5 index, as Datasette users publish data."""
    import sqlite_utils

    from kozkincs.gazetteer.models import Settlement

    started = time.monotonic()
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    settlements = {
        pk: (name, ksh)
        for pk, name, ksh in Settlement.objects.values_list("pk", "name", "ksh_code")
    }
    database = sqlite_utils.Database(path)
    table = database[TABLE]
    table.create(BASE_COLUMNS, pk="id")
    count = 0
    for batch in _record_batches(batch_size):
        rows = peer_rows(batch, settlements)
        table.insert_all(rows, alter=True, batch_size=1000)
        count += len(rows)
    for column in ("catalog", "settlement"):
        table.create_index([column], if_not_exists=True)
    table.enable_fts(list(FTS_COLUMNS), create_triggers=False)
    table.optimize()
    database.analyze()
    database.vacuum()
    database.close()
    seconds = time.monotonic() - started
    log(f"Datasette peer: {count:,} records in {path} ({seconds:.1f} s).")
    return PeerBuild(path=path, records=count, seconds=seconds, size_bytes=path.stat().st_size)


def datasette_command(*, port: int, database: Path) -> list[str]:
    """``datasette serve`` as its documentation runs it (uvicorn, one process), immutable."""
    import shutil
    import sys

    datasette = shutil.which("datasette", path=str(Path(sys.executable).parent)) or "datasette"
    command = [
        datasette, "serve", "-i", str(database), "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    for name, value in SETTINGS.items():
        command += ["--setting", name, str(value)]
    return command
