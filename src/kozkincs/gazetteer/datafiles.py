"""Reading and checking the gazetteer data files shipped in ``gazetteer/data/``.

Everything is parsed and validated before the import touches the database, so a broken file
changes nothing and the error names the file, the line and the problem.
"""

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kozkincs.gazetteer.geography import is_in_hungary
from kozkincs.gazetteer.identifiers import is_valid_ksh_code
from kozkincs.gazetteer.models import Settlement
from kozkincs.gazetteer.validation import boundary_problem

DATA_DIR = Path(__file__).resolve().parent / "data"
SETTLEMENTS_FILE = "settlements_hu.csv"
MICRO_REGIONS_FILE = "zalaegerszeg_microregion_settlements.csv"
BOUNDARIES_FILE = "zalaegerszeg_area_boundaries.geojson"

POPULATION_YEAR = 2018
# Districts (járások) exist since 2013-01-01 (2012. évi XCIII. törvény).
DISTRICTS_VALID_FROM = date(2013, 1, 1)
# The statistical micro-regions of the 2007 reform: the sources say "2007/08-2012"; we date
# them from the first full year, 2008-01-01, to the day before the districts took over.
MICRO_REGIONS_VALID_FROM = date(2008, 1, 1)
MICRO_REGIONS_VALID_TO = date(2012, 12, 31)
# Micro-regions whose full membership the shipped table holds: name -> (key, seat name).
MICRO_REGIONS = {
    "Zalaegerszegi": ("zalaegerszegi-kisterseg", "Zalaegerszeg"),
    "Pacsai": ("pacsai-kisterseg", "Pacsa"),
}

STATUSES = {
    "főváros": Settlement.Status.CAPITAL,
    "fővárosi kerület": Settlement.Status.CAPITAL_DISTRICT,
    "megyeszékhely, megyei jogú város": Settlement.Status.CITY_WITH_COUNTY_RIGHTS,
    "megyei jogú város": Settlement.Status.CITY_WITH_COUNTY_RIGHTS,
    "város": Settlement.Status.TOWN,
    "nagyközség": Settlement.Status.LARGE_VILLAGE,
    "község": Settlement.Status.VILLAGE,
}
COUNTY_SEAT_STATUSES = {"főváros", "megyeszékhely, megyei jogú város"}
# The districts of Budapest are listed under the county name "főváros".
COUNTY_NAME_ALIASES = {"főváros": "Budapest"}


class GazetteerDataError(Exception):
    """A data file is missing or holds a value the import cannot accept."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        where = f"{path.name}, line {line}" if line else path.name
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class SettlementRow:
    ksh_code: str
    name: str
    status: str
    county_code: str
    county_name: str
    is_county_seat: bool
    district_code: str
    district_name: str
    is_district_seat: bool
    area_ha: int
    population: int
    lat: float
    lon: float


@dataclass(frozen=True)
class MicroRegionRow:
    name: str
    key: str
    seat_name: str
    member_codes: tuple[str, ...]


@dataclass
class GazetteerData:
    settlements: list[SettlementRow]
    micro_regions: list[MicroRegionRow]
    boundaries: dict[str, dict[str, Any]] = field(default_factory=dict)


def read_gazetteer_data(data_dir: Path | None = None) -> GazetteerData:
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    settlements = _read_settlements(data_dir / SETTLEMENTS_FILE)
    known = {row.ksh_code: row for row in settlements}
    micro_regions = _read_micro_regions(data_dir / MICRO_REGIONS_FILE, known)
    boundaries = _read_boundaries(data_dir / BOUNDARIES_FILE, known)
    return GazetteerData(settlements, micro_regions, boundaries)


def _csv_rows(path: Path, required: set[str]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise GazetteerDataError(path, None, f"cannot be read ({error.strerror})") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = required - set(reader.fieldnames or ())
        if missing:
            raise GazetteerDataError(path, 1, f"missing columns: {', '.join(sorted(missing))}")
        for row in reader:
            yield reader.line_num, {key: (value or "").strip() for key, value in row.items()}


def _ksh_code(path: Path, line: int, value: str) -> str:
    if not is_valid_ksh_code(value):
        raise GazetteerDataError(path, line, f"invalid KSH code {value!r}")
    return value


def _number(path: Path, line: int, column: str, value: str, kind: type) -> Any:
    try:
        return kind(value)
    except ValueError:
        raise GazetteerDataError(path, line, f"{column} is not a number: {value!r}") from None


def _read_settlements(path: Path) -> list[SettlementRow]:
    columns = {"ksh_code", "name", "status", "county", "county_code", "jaras_code"}
    columns |= {"jaras_seat_flag", "jaras_name", "area_ha", "population_2018", "lat", "lon"}
    rows: list[SettlementRow] = []
    seen: set[str] = set()
    for line, raw in _csv_rows(path, columns):
        code = _ksh_code(path, line, raw["ksh_code"])
        if code in seen:
            raise GazetteerDataError(path, line, f"KSH code {code} appears twice")
        seen.add(code)
        if raw["status"] not in STATUSES:
            raise GazetteerDataError(path, line, f"unknown status {raw['status']!r}")
        if not raw["name"] or not raw["county_code"]:
            raise GazetteerDataError(path, line, "name and county_code are required")
        lat = _number(path, line, "lat", raw["lat"], float)
        lon = _number(path, line, "lon", raw["lon"], float)
        if not is_in_hungary(lat, lon):
            raise GazetteerDataError(path, line, f"coordinates {lat}, {lon} are not in Hungary")
        is_capital_district = STATUSES[raw["status"]] == Settlement.Status.CAPITAL_DISTRICT
        rows.append(
            SettlementRow(
                ksh_code=code,
                name=raw["name"],
                status=STATUSES[raw["status"]],
                county_code=raw["county_code"],
                county_name=COUNTY_NAME_ALIASES.get(raw["county"], raw["county"]),
                is_county_seat=raw["status"] in COUNTY_SEAT_STATUSES,
                # Budapest's districts carry their own code in the járás columns; they are
                # not districts (járások) in law, so they get no district region.
                district_code="" if is_capital_district else raw["jaras_code"],
                district_name="" if is_capital_district else raw["jaras_name"],
                is_district_seat=raw["jaras_seat_flag"] == "1" and not is_capital_district,
                area_ha=_number(path, line, "area_ha", raw["area_ha"], int),
                population=_number(path, line, "population_2018", raw["population_2018"], int),
                lat=lat,
                lon=lon,
            )
        )
    if not rows:
        raise GazetteerDataError(path, None, "holds no settlements")
    return rows


def _read_micro_regions(path: Path, known: dict[str, SettlementRow]) -> list[MicroRegionRow]:
    columns = {"ksh_code", "kisterseg_2007_2012", "in_zalaegerszegi_kisterseg_2007_2012"}
    members: dict[str, list[str]] = {name: [] for name in MICRO_REGIONS}
    for line, raw in _csv_rows(path, columns):
        code = _ksh_code(path, line, raw["ksh_code"])
        if code not in known:
            raise GazetteerDataError(path, line, f"KSH code {code} is not in {SETTLEMENTS_FILE}")
        name = raw["kisterseg_2007_2012"]
        flag = raw["in_zalaegerszegi_kisterseg_2007_2012"] == "1"
        if flag != (name == "Zalaegerszegi"):
            raise GazetteerDataError(path, line, "kistérség name and flag disagree")
        if name in members:
            members[name].append(code)
    return [
        MicroRegionRow(name, key, seat, tuple(sorted(members[name])))
        for name, (key, seat) in MICRO_REGIONS.items()
    ]


def _read_boundaries(path: Path, known: dict[str, SettlementRow]) -> dict[str, dict[str, Any]]:
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise GazetteerDataError(path, None, f"cannot be read ({error.strerror})") from None
    except ValueError as error:
        raise GazetteerDataError(path, None, f"is not valid JSON ({error})") from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise GazetteerDataError(path, None, "is not a GeoJSON FeatureCollection")
    boundaries: dict[str, dict[str, Any]] = {}
    for number, feature in enumerate(features, start=1):
        code = str((feature.get("properties") or {}).get("ksh_code", ""))
        where = f"feature {number} ({code or 'no ksh_code'})"
        if code not in known:
            raise GazetteerDataError(path, None, f"{where}: unknown KSH code")
        problem = boundary_problem(feature.get("geometry"), require_hungary=True)
        if problem:
            raise GazetteerDataError(path, None, f"{where}: {problem}")
        boundaries[code] = feature["geometry"]
    return boundaries
