"""Recognising and reading files: encodings, delimiters, sheets, and files that are not what
they claim."""

import codecs
import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kozkincs.imports.reading import (
    ImportFileError,
    detect_delimiter,
    detect_encoding,
    file_inspect,
    file_rows,
)
from tests.imports.conftest import csv_bytes, good_rows, ods_file, xlsx_file


def _rows(path, **options):
    info = file_inspect(path, **options)
    return info, list(file_rows(path, info))


@pytest.mark.parametrize(
    ("encoding", "prefix", "expected"),
    [("utf-8", b"", "utf-8"), ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
     ("windows-1250", b"", "windows-1250")],
)  # fmt: skip
def test_the_encoding_is_detected_and_the_text_read_right(tmp_path, encoding, prefix, expected):
    path = tmp_path / "a.csv"
    path.write_bytes(prefix + csv_bytes([["Név", "Leírás"], ["Fő utca \u2013 ő ű", "x"]],
                                        encoding=encoding))  # fmt: skip
    info, rows = _rows(path)
    assert info.encoding == expected
    assert rows[1][0] == "Fő utca \u2013 ő ű"


def test_iso_8859_2_text_reads_right_as_detected(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([["Név"], ["Őriszentpéter ű"]], encoding="iso-8859-2"))
    info, rows = _rows(path)
    assert info.encoding in {"iso-8859-2", "windows-1250"}  # identical for Hungarian letters
    assert rows[1][0] == "Őriszentpéter ű"
    info, rows = _rows(path, encoding="iso-8859-2")
    assert info.encoding == "iso-8859-2" and rows[1][0] == "Őriszentpéter ű"


def test_windows_1250_punctuation_decides_against_iso_8859_2():
    assert detect_encoding("„idézet” \u2013 ő".encode("windows-1250")) == "windows-1250"


def _more_letters_as_iso_8859_2(data: bytes) -> bool:
    """The rule, counted over every character (the reading counts only where they differ)."""
    return sum(map(str.isalpha, data.decode("iso-8859-2"))) > sum(
        map(str.isalpha, data.decode("windows-1250"))
    )


def test_iso_8859_2_is_chosen_where_it_reads_more_letters():
    data = "Név: ŠĽŤŽ šľťž Ąą".encode("iso-8859-2")  # letters only ISO-8859-2 has here
    assert _more_letters_as_iso_8859_2(data)
    assert detect_encoding(data) == "iso-8859-2"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200).map(lambda data: bytes(b for b in data if not 0x80 <= b <= 0x9F)))
def test_the_choice_between_the_two_follows_the_letters_of_the_whole_text(data):
    """Without the bytes only Windows-1250 reads as text (they decide alone), and when the
    bytes are not UTF-8: the choice is the one counting every character would make."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return
    try:
        chosen = detect_encoding(data)
    except ImportFileError:
        return  # UTF-8 sequences inside: refused as mixed
    expected = "iso-8859-2" if _more_letters_as_iso_8859_2(data) else "windows-1250"
    assert chosen == expected


def test_mixed_encodings_are_refused_naming_the_line():
    data = "Név\nŐrség\n".encode() + "Bakó\n".encode("windows-1250")
    with pytest.raises(ImportFileError, match="line 3"):
        detect_encoding(data)


def test_an_encoding_override_that_cannot_read_the_file_names_the_line(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([["Nev"], ["Ő"]], encoding="windows-1250"))
    with pytest.raises(ImportFileError, match="Line 2"):
        file_inspect(path, encoding="utf-8")


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_delimiter_is_detected(delimiter):
    text = csv_bytes(good_rows(), encoding="utf-8", delimiter=delimiter).decode()
    assert detect_delimiter(text) == delimiter


def test_broken_quoting_is_reported_with_its_line(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b'N\xe9v;Le\xedr\xe1s\r\nA;"b"c\r\nD;e\r\n')
    info = file_inspect(path)
    with pytest.raises(ImportFileError, match="Line 2"):
        list(file_rows(path, info))


def test_a_renamed_binary_is_refused(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with pytest.raises(ImportFileError, match="not a spreadsheet"):
        file_inspect(path)


def test_an_old_excel_file_is_refused_with_advice(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(ImportFileError, match=r"\.xls"):
        file_inspect(path)


def test_a_zip_that_is_no_spreadsheet_is_refused(tmp_path):
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ImportFileError, match="not a spreadsheet"):
        file_inspect(path)


def test_a_zip_bomb_posing_as_xlsx_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            block = b"0" * (1 << 20)
            for _ in range(450):
                member.write(block)
    assert path.stat().st_size < 2 << 20
    with pytest.raises(ImportFileError, match="larger than"):
        file_inspect(path)


def test_an_xml_bomb_in_an_xlsx_is_refused(tmp_path):
    path = xlsx_file(tmp_path / "a.xlsx", {"Lap": good_rows()})
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><workbook>&lol2;</workbook>'
    )
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for entry in source.infolist():
            data = bomb if entry.filename == "xl/workbook.xml" else source.read(entry)
            target.writestr(entry, data)
    path.write_bytes(rebuilt.getvalue())
    with pytest.raises(ImportFileError, match="XML bomb"):
        file_inspect(path)


def test_an_xml_bomb_in_an_ods_is_refused(tmp_path):
    path = ods_file(
        tmp_path / "a.ods",
        {"Lap": good_rows()},
        content_prefix='<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>',
    )
    with pytest.raises(ImportFileError, match="XML bomb"):
        file_inspect(path)


def test_a_damaged_xlsx_is_refused(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(ImportFileError, match="damaged"):
        file_inspect(path)


def test_xlsx_sheets_are_listed_and_chosen(tmp_path):
    path = xlsx_file(tmp_path / "a.xlsx", {"Borító": [["Közkincs"]], "Adatok": good_rows()})
    info, rows = _rows(path, sheet="Adatok")
    assert info.sheets == ["Borító", "Adatok"]
    assert rows[1][0] == "Szent Mária Magdolna-templom"
    with pytest.raises(ImportFileError, match="no sheet “Nincs”"):
        file_inspect(path, sheet="Nincs")


def test_ods_sheets_are_read(tmp_path):
    path = ods_file(tmp_path / "a.ods", {"Első": [["x"]], "Második": good_rows()})
    info, rows = _rows(path, sheet="Második")
    assert info.kind == "ods" and info.sheets == ["Első", "Második"]
    assert rows[2][1] == "bak"


def test_whole_numbers_and_dates_from_xlsx_cells_keep_their_type(tmp_path):
    import datetime

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Név", "Építés éve", "Védetté nyilvánítás"])
    workbook.active.append(["A", 1760.0, datetime.datetime(2010, 5, 13)])
    workbook.save(tmp_path / "a.xlsx")
    _info, rows = _rows(tmp_path / "a.xlsx")
    assert rows[1] == ["A", 1760, datetime.date(2010, 5, 13)]
