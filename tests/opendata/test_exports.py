"""Exports of the public records: formats, filters shared with the lists, personal data,
formula neutralisation, streaming, and the clear answers to bad requests."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.http import QueryDict
from openpyxl import load_workbook

from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import reset_registry
from kozkincs.catalog.selectors import RecordColumns, record_public_rows
from kozkincs.opendata.exports.downloads import export_request
from kozkincs.opendata.exports.rows import CatalogColumns, Table, spreadsheet_safe
from kozkincs.opendata.exports.writers import ENCODINGS, SEPARATORS, csv_stream
from kozkincs.opendata.links import EXPORT_FORMATS, SiteLinks
from tests.catalog.test_fields import EVERY_TYPE_RAW
from tests.opendata.conftest import CATALOG


@pytest.fixture
def records(make_record, settlements):
    chapel = make_record(
        "Szent Anna kápolna",
        name_en="St Anne's Chapel",
        summary="Barokk kápolna.",
        settlement=settlements["bagod"],
        lat=46.881,
        lon=16.741,
        values={
            "kind": "chapel",
            "author": ["Kovács Anna"],
            "keeper": {"name": "Szabó Péter", "phone": "+36 92 510 123"},
            "places": ["23737", "32054"],
            "internal": "titkos megjegyzés",
        },
        privacy={
            "author": {"consent": True, "visibility": "public"},
            "keeper": {"consent": False, "visibility": "public"},
        },
    )
    cross = make_record(
        '=HYPERLINK("http://evil")',
        summary="@SUM(A1:A2) +1 -1",
        settlement=settlements["zalaegerszeg"],
        values={"kind": "cross"},
    )
    draft = make_record("Vázlat kereszt", publish=False, values={"kind": "cross"})
    return {"chapel": chapel, "cross": cross, "draft": draft}


def body(response) -> bytes:
    assert response.status_code == 200, response.content[:500]
    return b"".join(response.streaming_content)


def csv_rows(data: bytes, encoding: str = "utf-8-sig", delimiter: str = ",") -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode(encoding)), delimiter=delimiter))


@pytest.mark.django_db
def test_csv_is_utf8_with_bom_and_holds_only_published_records(client, records):
    response = client.get(f"/opendata/{CATALOG}.csv", HTTP_ACCEPT_LANGUAGE="hu")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(f'attachment; filename="kozkincs-{CATALOG}-')
    data = body(response)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(data)
    names = sorted(row["Név (magyarul)"] for row in rows)
    assert names == ['\'=HYPERLINK("http://evil")', "Szent Anna kápolna"]


@pytest.mark.django_db
def test_csv_shows_consented_personal_data_only_and_never_staff_fields(client, records):
    rows = csv_rows(body(client.get(f"/opendata/{CATALOG}.csv?lang=en")))
    chapel = next(row for row in rows if row["Name (Hungarian)"] == "Szent Anna kápolna")
    assert chapel["Author"] == "Kovács Anna"
    assert chapel["Kind"] == "chapel"
    assert chapel["Places"] == "23737; 32054"
    assert chapel["Settlement"] == "Bagod"
    assert chapel["KSH code"] == "23737"
    assert chapel["Page"] == f"http://testserver/en/{CATALOG}/{records['chapel'].slug}/"
    text = json.dumps(rows, ensure_ascii=False)
    assert "Szabó Péter" not in text
    assert "titkos" not in text
    assert "Internal" not in rows[0]


@pytest.mark.django_db
def test_csv_for_hungarian_excel_is_semicolon_separated_windows_1250(client, records):
    response = client.get(
        f"/opendata/{CATALOG}.csv?separator=semicolon&encoding=windows-1250&lang=hu"
    )
    assert response["Content-Type"] == "text/csv; charset=windows-1250"
    data = body(response)
    assert not data.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(data, encoding="cp1250", delimiter=";")
    assert "Szent Anna kápolna" in [row["Név (magyarul)"] for row in rows]


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+36 1", "'+36 1"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Bagod", "Bagod"),
        ("", ""),
    ],
)
def test_spreadsheet_cells_that_could_be_formulas_are_neutralised(text, safe):
    assert spreadsheet_safe(text) == safe


@pytest.mark.django_db
def test_xlsx_has_a_header_row_and_neutralised_text_cells(client, records):
    response = client.get(f"/opendata/{CATALOG}.xlsx?lang=en&sort=name")
    assert response["Content-Type"] == EXPORT_FORMATS["xlsx"].media_type
    workbook = load_workbook(io.BytesIO(body(response)), read_only=True)
    [sheet] = workbook.worksheets
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("Identifier", "Catalog", "Name (Hungarian)")
    by_name = {row[2]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {'\'=HYPERLINK("http://evil")', "Szent Anna kápolna"}
    cross = by_name['\'=HYPERLINK("http://evil")']
    assert cross["Summary (Hungarian)"] == "'@SUM(A1:A2) +1 -1"
    chapel = by_name["Szent Anna kápolna"]
    assert chapel["Identifier"] == records["chapel"].pk
    assert chapel["Latitude"] == pytest.approx(46.881)


@pytest.mark.django_db
def test_json_holds_the_records_with_their_visible_fields_and_the_licence(client, records):
    data = json.loads(body(client.get(f"/opendata/{CATALOG}.json")))
    assert data["licences"][CATALOG]["key"] == "CC-BY-SA-4.0"
    assert data["count"] == 2
    chapel = next(r for r in data["records"] if r["id"] == records["chapel"].pk)
    assert chapel["name"] == {"hu": "Szent Anna kápolna", "en": "St Anne's Chapel"}
    assert chapel["settlement"] == {"ksh_code": "23737", "name": "Bagod"}
    assert chapel["fields"] == {
        "kind": "chapel",
        "author": ["Kovács Anna"],
        "places": ["23737", "32054"],
    }


@pytest.mark.django_db
def test_geojson_places_records_at_their_point_or_their_settlements_centre(client, records):
    data = json.loads(body(client.get(f"/opendata/{CATALOG}.geojson?lang=en")))
    assert data["type"] == "FeatureCollection"
    features = {f["id"]: f for f in data["features"]}
    chapel = features[records["chapel"].pk]
    assert chapel["geometry"] == {"type": "Point", "coordinates": [16.741, 46.881]}
    assert chapel["properties"]["name"] == "St Anne's Chapel"
    assert chapel["properties"]["approximate"] is False
    cross = features[records["cross"].pk]
    assert cross["geometry"]["coordinates"] == [16.84, 46.84]
    assert cross["properties"]["approximate"] is True
    assert "keeper" not in chapel["properties"]


@pytest.mark.django_db
def test_json_ld_nodes_carry_the_catalogs_schema_org_type(client, records):
    data = json.loads(body(client.get(f"/opendata/{CATALOG}.jsonld")))
    assert data["@context"] == "https://schema.org"
    nodes = {node["name"]: node for node in data["@graph"]}
    chapel = nodes["Szent Anna kápolna"]
    assert chapel["@type"] == "CreativeWork"
    assert chapel["author"] == ["Kovács Anna"]
    assert chapel["url"] == f"http://testserver/hu/{CATALOG}/{records['chapel'].slug}/"
    assert "creator" not in chapel


@pytest.mark.django_db
def test_filters_are_the_lists_filters(client, records, make_record):
    make_record("Kányavári-sziget", catalog="natural-values", values={"kind": "lake"})
    make_record("Szent László-forrás", catalog="natural-values", values={"kind": "spring"})
    rows = csv_rows(body(client.get("/opendata/natural-values.csv?lang=en&kind=spring")))
    assert [row["Name (Hungarian)"] for row in rows] == ["Szent László-forrás"]
    rows = csv_rows(body(client.get(f"/opendata/{CATALOG}.csv?lang=en&settlement=23737")))
    assert [row["Name (Hungarian)"] for row in rows] == ["Szent Anna kápolna"]
    rows = csv_rows(body(client.get(f"/opendata/{CATALOG}.csv?lang=en&q=kapolna")))
    assert [row["Name (Hungarian)"] for row in rows] == ["Szent Anna kápolna"]


@pytest.mark.django_db
def test_region_export_spans_every_catalog_and_takes_the_catalog_parameter(
    client, records, make_record
):
    make_record("Kányavári-sziget", catalog="natural-values", values={"kind": "lake"})
    data = json.loads(body(client.get("/opendata/records.json")))
    assert {r["catalog"] for r in data["records"]} == {CATALOG, "natural-values"}
    data = json.loads(body(client.get("/opendata/records.json?catalog=natural-values")))
    assert [r["name"]["hu"] for r in data["records"]] == ["Kányavári-sziget"]


def _xlsx_text(cell) -> str:
    return "" if cell is None else str(cell)


@pytest.mark.django_db
def test_region_xlsx_holds_the_cells_of_the_region_csv(client, records, make_record):
    """Every catalog's columns side by side: the spreadsheet writes only each row's own
    catalog's columns, which must be exactly what the CSV of the same table says."""
    make_record(
        "Kányavári-sziget", catalog="natural-values", values={"kind": "lake"},
        summary="-5 fok", lat=46.8, lon=16.9,
    )  # fmt: skip
    data = body(client.get("/opendata/records.csv?lang=en&sort=name"))
    expected = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    workbook = load_workbook(
        io.BytesIO(body(client.get("/opendata/records.xlsx?lang=en&sort=name")))
    )
    rows = [
        [_xlsx_text(cell) for cell in row] for row in workbook.active.iter_rows(values_only=True)
    ]
    assert len(rows) == 4 and rows[0] == expected[0]
    assert rows == expected
    lake = next(row for row in rows if row[2] == "Kányavári-sziget")
    assert "'-5 fok" in lake and "lake" in [cell.lower() for cell in lake]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/opendata/no-such-catalog.csv", 404, "Nincs „no-such-catalog” kulcsú"),
        (f"/opendata/{CATALOG}.pdf", 400, "Nincs „pdf” nevű exportformátum"),
        ("/opendata/natural-values.csv?kind=castle", 400, "„castle”"),
        (f"/opendata/{CATALOG}.csv?settlement=12", 400, "settlement"),
        (f"/opendata/{CATALOG}.csv?separator=tab", 400, "separator"),
        (f"/opendata/{CATALOG}.csv?q=zzzzzz", 404, "Egyetlen nyilvános tétel sem felel meg"),
    ],
)
def test_bad_requests_get_a_clear_message_in_the_users_language(
    client, records, path, status, message
):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="hu")
    assert response.status_code == status
    assert message in response.content.decode()


@pytest.mark.django_db
def test_bad_request_message_follows_the_visitors_language(client, records):
    response = client.get("/opendata/no-such-catalog.json", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 404
    assert "Es gibt keine Themendatenbank" in response.content.decode()


@pytest.mark.django_db
def test_an_empty_catalog_exports_an_empty_file_not_an_error(client, db):
    rows = csv_rows(body(client.get("/opendata/natural-values.csv")))
    assert rows == []


@pytest.mark.django_db
def test_every_dcat_distribution_url_serves_its_format(client, records):
    links = SiteLinks("http://testserver")
    for fmt in EXPORT_FORMATS.values():
        url = links.export_download(CATALOG, fmt.key)
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith(fmt.media_type), url
        assert body(response)


@pytest.mark.django_db
def test_records_are_read_in_batches_with_a_fixed_number_of_queries(
    client, records, make_record, django_assert_max_num_queries, monkeypatch
):
    from kozkincs.catalog import batches

    for number in range(12):
        make_record(f"Kereszt {number}", values={"kind": "cross", "places": ["23737"]})
    monkeypatch.setattr(batches, "DEFAULT_BATCH_SIZE", 5)
    response = client.get(f"/opendata/{CATALOG}.jsonld")
    with django_assert_max_num_queries(3 * 6 + 2):
        data = json.loads(body(response))
    assert len(data["@graph"]) == 14


@pytest.mark.django_db
def test_export_opendata_writes_every_catalog_in_every_format(records, tmp_path):
    from django.core.management import call_command

    target = tmp_path / "open"
    out = io.StringIO()
    call_command("export_opendata", str(target), "--origin", "https://kozkincs.example", stdout=out)

    names = {path.name for path in target.iterdir()}
    for name in (CATALOG, "natural-values", "records"):
        assert {f"{name}.{key}" for key in EXPORT_FORMATS} <= names
    assert not [name for name in names if name.startswith(".")]
    data = json.loads((target / f"{CATALOG}.json").read_text(encoding="utf-8"))
    assert {r["url"].split("/")[2] for r in data["records"]} == {"kozkincs.example"}
    assert len(data["records"]) == 2
    assert "2 " in out.getvalue()


@pytest.mark.django_db
def test_export_opendata_refuses_a_directory_without_a_parent(tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"nem létezik|does not exist"):
        call_command("export_opendata", str(tmp_path / "no" / "such"))


@pytest.mark.django_db
def test_sorting_or_naming_an_empty_catalog_is_not_a_filter_that_matches_nothing(client, db):
    assert client.get("/opendata/natural-values.csv?sort=newest").status_code == 200
    response = client.get("/opendata/records.json?catalog=natural-values")
    assert json.loads(body(response))["records"] == []


@pytest.mark.django_db
def test_the_lang_parameter_also_sets_the_language_of_the_message(client, records):
    response = client.get("/opendata/no-such-catalog.csv?lang=en", HTTP_ACCEPT_LANGUAGE="hu")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "There is no catalog" in html


CATALOG_TESTS = Path(__file__).resolve().parents[1] / "catalog" / "definitions"


@pytest.fixture
def every_type_record(settings, make_record, settlements):
    """A record of the engine's test catalog that has a value of every field type (its
    personal contact shown with consent), and the two records it refers to."""
    settings.KOZKINCS_CATALOG_DIRS = [*settings.KOZKINCS_CATALOG_DIRS, str(CATALOG_TESTS)]
    reset_registry()
    club = make_record("Egylet", catalog="test-organisations")
    second = make_record("Második egylet", catalog="test-organisations")
    values = {
        **EVERY_TYPE_RAW, "ksh_code": "32054", "venue": "23737",
        "maintainer": [club.pk], "partners": [club.pk, second.pk],
    }  # fmt: skip
    consent = {"contact": {"consent": True, "visibility": "public"}}
    return make_record("Teljes", catalog="test-heritage", values=values, privacy=consent)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", {
            "Kind": "church", "Features": "tower; organ", "Inscription": "Soli Deo Gloria",
            "Floors": "3", "Area (ha)": "1234.5", "Year built": "1747",
            "Built": "1747\u20131769", "Open to the public": "yes", "Venue": "23737",
            "Maintainer": "Egylet", "Partners": "Egylet; Második egylet",
            "Contact person": "Nagy Béla, gondnok",
            "Qualifications": "KÓTA, gold grade, 2019; B & C",
            "Phone": "'+36 92 510 123; +36 30 123 4567",
        }),
        ("hu", {"Típus": "templom", "Jellemzők": "torony; orgona", "Látogatható": "igen"}),
    ],
)  # fmt: skip
def test_csv_shows_every_field_type_as_text_in_the_exports_language(
    client, every_type_record, language, expected
):
    rows = csv_rows(body(client.get(f"/opendata/test-heritage.csv?lang={language}")))
    [row] = rows
    assert {column: row[column] for column in expected} == expected
    assert "belső" not in json.dumps(row, ensure_ascii=False)


@pytest.mark.django_db
def test_table_exports_read_four_queries_per_batch_and_no_model_instances(
    records, make_record, django_assert_num_queries
):
    for number in range(12):
        make_record(f"Kereszt {number}", values={"kind": "cross", "places": ["23737"]})
    ids = list(Record.objects.filter(status=Record.Status.PUBLISHED).values_list("pk", flat=True))
    with django_assert_num_queries(3 * 4):
        batches = list(record_public_rows(ids=ids, batch_size=5))
    assert [len(batch) for batch in batches] == [5, 5, 4]
    assert all(isinstance(item.record, RecordColumns) for batch in batches for item in batch)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "geojson"])
def test_the_queries_of_an_export_do_not_grow_with_its_records(
    client, records, make_record, django_assert_max_num_queries, monkeypatch, fmt
):
    from kozkincs.catalog import batches

    for number in range(12):
        make_record(
            f"Kereszt {number}", settlements=[records["chapel"].settlement],
            values={"kind": "cross", "places": ["23737"]},
        )  # fmt: skip
    monkeypatch.setattr(batches, "DEFAULT_BATCH_SIZE", 5)
    response = client.get(f"/opendata/{CATALOG}.{fmt}")
    with django_assert_max_num_queries(3 * 4 + 2):
        assert body(response)


@pytest.mark.django_db
def test_the_json_export_names_each_records_further_settlements(client, records, settlements):
    records["chapel"].settlements.set([settlements["zalaegerszeg"], settlements["bagod"]])
    data = json.loads(body(client.get(f"/opendata/{CATALOG}.json")))
    chapel = next(r for r in data["records"] if r["id"] == records["chapel"].pk)
    assert chapel["settlements"] == [
        {"ksh_code": "23737", "name": "Bagod"},
        {"ksh_code": "32054", "name": "Zalaegerszeg"},
    ]


class _PartsTable:
    """A table whose rows are given as parts: what ``csv_stream`` asks of a ``Table``."""

    def __init__(self, rows, width):
        self.header = [f"h{number}" for number in range(width)]
        self.shared_count = 2
        self.rows = rows

    def parts(self, item):
        return self.rows[item]

    def full(self, item):
        shared, columns, own = self.rows[item]
        before = columns.first - self.shared_count
        after = len(self.header) - columns.first - columns.count
        return [*shared, *[None] * before, *own, *[None] * after]


@pytest.mark.parametrize(
    ("separator", "encoding"), [("comma", "utf-8"), ("semicolon", "windows-1250")]
)
def test_csv_rows_written_in_parts_are_the_rows_the_csv_module_writes_whole(separator, encoding):
    awkward = ['a "quoted", text; with\r\nbreaks', "", None, "'=1+1", "ő ű"]
    rows = [
        (["1", "x"], CatalogColumns(2, 3, {}), awkward[:3]),  # no gap before
        ([2, "y,z"], CatalogColumns(5, 1, {}), [None]),  # one empty own cell
        ([3, None], CatalogColumns(5, 1, {}), ["only"]),
        ([4.5, "w"], CatalogColumns(6, 0, {}), []),  # no own column at all
        ([None, ""], CatalogColumns(3, 3, {}), awkward[2:]),  # no gap after
    ]
    table = _PartsTable(rows, width=6)
    written = b"".join(
        csv_stream(table, [[0, 1], [2, 3, 4]], separator=separator, encoding=encoding)
    )
    expected = io.StringIO()
    if encoding == "utf-8":
        expected.write("\ufeff")
    whole = csv.writer(expected, delimiter=SEPARATORS[separator], lineterminator="\r\n")
    whole.writerow(table.header)
    whole.writerows(table.full(item) for item in range(len(rows)))
    assert written == expected.getvalue().encode(ENCODINGS[encoding], errors="replace")


@pytest.mark.django_db
def test_region_csv_rows_are_the_tables_whole_rows_as_the_csv_module_writes_them(
    client, every_type_record, make_record
):
    """The region's CSV against ``Table.row`` (a cell for every column) written whole by the
    csv module: texts with separators, quotes and line breaks, formulas, empty columns of the
    other catalogs on either side of a row's own."""
    make_record('=cmd|" /C calc"!A0', catalog="test-organisations", summary='Egy; "két"\r\nsor, -1')
    data = body(client.get("/opendata/records.csv?lang=en&sort=name&separator=semicolon"))
    request = export_request(
        catalog_key=None, format_key="csv", params=QueryDict("lang=en&sort=name")
    )
    table = Table(request.definitions, links=SiteLinks("http://testserver", "en"), language="en")
    expected = io.StringIO()
    whole = csv.writer(expected, delimiter=";", lineterminator="\r\n")
    whole.writerow(table.header)
    items = [item for batch in record_public_rows(ids=request.ids) for item in batch]
    whole.writerows(table.row(item) for item in items)
    assert len(items) == 4 and len({item.definition.key for item in items}) == 2
    assert data.decode("utf-8-sig") == expected.getvalue()
    assert '\'=cmd|"" /C calc""!A0' in data.decode("utf-8-sig")


@pytest.mark.django_db
def test_each_record_lists_its_own_priorities_in_order_whatever_order_they_were_given(
    client, records
):
    from kozkincs.strategy.models import StrategyPriority

    chapel, other = records["chapel"], records["cross"]
    by_number = {priority.number: priority for priority in StrategyPriority.objects.all()}
    # Rows of the two records interleaved in the through table, each record's out of order.
    chapel.priorities.add(by_number[5])
    other.priorities.add(by_number[3])
    chapel.priorities.add(by_number[2])
    other.priorities.add(by_number[1])
    data = json.loads(body(client.get(f"/opendata/{CATALOG}.json")))
    priorities = {record["id"]: record["priorities"] for record in data["records"]}
    assert priorities[chapel.pk] == [2, 5]
    assert priorities[other.pk] == [1, 3]


@pytest.mark.django_db
def test_false_and_zero_values_are_exported_and_empty_ones_are_not(
    client, every_type_record, make_record
):
    values = {**EVERY_TYPE_RAW, "open_to_public": False, "floors": 0, "inscription": "",
              "features": [], "contact": {}, "maintainer": [], "partners": []}  # fmt: skip
    make_record("Üres", catalog="test-heritage", values=values)
    rows = csv_rows(body(client.get("/opendata/test-heritage.csv?lang=en")))
    row = next(row for row in rows if row["Name (Hungarian)"] == "Üres")
    assert (row["Open to the public"], row["Floors"]) == ("no", "0")
    assert row["Inscription"] == row["Features"] == row["Contact person"] == ""
    data = json.loads(body(client.get("/opendata/test-heritage.json")))
    fields = next(r for r in data["records"] if r["name"]["hu"] == "Üres")["fields"]
    assert fields["open_to_public"] is False and fields["floors"] == 0
    assert not {"inscription", "features", "contact", "maintainer"} & set(fields)


@pytest.mark.django_db
def test_an_export_left_unfinished_restores_the_collectors_threshold(client, records):
    """A download the visitor abandons: the server closes the stream after its first chunk,
    and the collector's setting of the export (``young_collections_spaced_out``) goes back."""
    import gc

    before = gc.get_threshold()
    response = client.get(f"/opendata/{CATALOG}.csv")
    chunks = iter(response.streaming_content)
    assert next(chunks)
    assert gc.get_threshold()[0] > before[0]  # the export is being written
    response.close()
    assert gc.get_threshold() == before
