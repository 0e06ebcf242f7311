"""Fixtures of the import tests: the test catalogs, a few settlements, staff, and files made by
the tests themselves (CSV in Windows-1250 with semicolons, XLSX with title rows and several
sheets, ODS)."""

import csv
import io
from pathlib import Path

import pytest

from kozkincs.catalog.registry import reset_registry
from kozkincs.catalog.services import record_create
from tests.gazetteer.factories import SettlementFactory

DEFINITIONS = Path(__file__).resolve().parent.parent / "catalog" / "definitions"
HEADER = ["Név", "Település", "Típus", "Építés éve", "Terület (ha)", "Védetté nyilvánítás",
          "Fenntartó"]  # fmt: skip


@pytest.fixture(autouse=True)
def test_catalogs(settings, tmp_path):
    settings.KOZKINCS_CATALOG_DIRS = [str(DEFINITIONS)]
    settings.KOZKINCS_IMPORT_DIR = tmp_path / "imports"
    reset_registry()
    yield
    reset_registry()


@pytest.fixture
def places(db):
    return [
        SettlementFactory(ksh_code="32054", name="Zalaegerszeg", slug="zalaegerszeg"),
        SettlementFactory(ksh_code="13514", name="Bak", slug="bak"),
        SettlementFactory(ksh_code="07533", name="Nagykutas", slug="nagykutas"),
    ]


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("szerkeszto", password="x", is_staff=True)


@pytest.fixture
def maintainer(db):
    return record_create(catalog="test-organisations", data={"name": "Szent Mária Plébánia"})


def csv_bytes(rows, *, encoding="windows-1250", delimiter=";") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return text.getvalue().encode(encoding)


def good_rows():
    return [
        HEADER,
        ["Szent Mária Magdolna-templom", "Zalaegerszeg", "templom", "1760", "1 234,5",
         "2010. május 13.", "Szent Mária Plébánia"],
        ["Batthyány-kastély", "bak", "kastély", "1820", "12,5", "2010.05.13.", ""],
        ["Forráskút", "NAGYKUTAS", "forrás", "", "", "2011-01-02", ""],
    ]  # fmt: skip


def xlsx_file(path: Path, sheets: dict[str, list[list]], *, title: str = "") -> Path:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        offset = 0
        if title:
            sheet.merge_range(0, 0, 0, 4, title)
            offset = 2  # a merged title row, then a blank row
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value not in (None, ""):
                    sheet.write(r + offset, c, value)
    workbook.close()
    return path


ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>{sheets}</office:spreadsheet></office:body>
</office:document-content>"""
ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/"
  manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def ods_file(path: Path, sheets: dict[str, list[list]], *, content_prefix: str = "") -> Path:
    """A minimal OpenDocument spreadsheet written by hand (text cells only)."""
    import zipfile
    from xml.sax.saxutils import escape, quoteattr

    def cell(value):
        if value in (None, ""):
            return "<table:table-cell/>"
        text = escape(str(value))
        return (
            f'<table:table-cell office:value-type="string"><text:p>{text}</text:p>'
            "</table:table-cell>"
        )

    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join(
            f"<table:table-row>{''.join(cell(v) for v in row)}</table:table-row>" for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = ODS_CONTENT.format(sheets=tables)
    if content_prefix:
        content = content.replace('<?xml version="1.0" encoding="UTF-8"?>', content_prefix, 1)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST)
        archive.writestr("content.xml", content)
    return path
