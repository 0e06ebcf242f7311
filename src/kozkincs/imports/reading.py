"""Reading a spreadsheet an editor uploaded: what it is, its encoding, delimiter and sheets,
and its rows as lists of cells.

A file is recognised by its first bytes, never by its name: a ZIP is an XLSX or an ODS only
when it holds their parts; old binary Excel files and other binaries are refused. A ZIP is
checked before any reader opens it (entry count, total uncompressed size, names, no XML
document type declarations), so a zip bomb or an XML bomb is refused without being expanded;
openpyxl parses with defusedxml as a second line. CSV text is decoded by a strict cascade
(UTF-8 with or without BOM, then Windows-1250 / ISO-8859-2) and its delimiter guessed from
the first lines; both can be overridden.

Every problem is an :class:`ImportFileError` with a message in the active language.
"""

import codecs
import csv
import datetime
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "windows-1250": "Windows-1250",
    "iso-8859-2": "ISO-8859-2",
}
DELIMITERS = {";": _("semicolon"), ",": _("comma"), "\t": _("tab")}
MAX_ZIP_ENTRIES = 5000
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
XML_PROLOGUE_BYTES = 4096
SNIFF_LINES = 50
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_READ_ALIKE = bytes(
    code
    for code in range(256)
    if bytes([code]).decode("windows-1250", "replace") == bytes([code]).decode("iso-8859-2")
)
"""The bytes Windows-1250 and ISO-8859-2 read as the same character (ASCII, most letters)."""
_DOCTYPE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


class ImportFileError(Exception):
    """The file cannot be read; ``message`` says why in the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


@dataclass
class FileInfo:
    """What the file is and how it is read (the detected values unless overridden)."""

    kind: str  # "csv", "xlsx" or "ods"
    encoding: str = ""
    delimiter: str = ""
    sheets: list[str] = field(default_factory=list)
    sheet: str = ""
    detected_encoding: str = ""
    detected_delimiter: str = ""

    def as_json(self) -> dict:
        return dict(self.__dict__)


def file_inspect(
    path: Path, *, encoding: str = "", delimiter: str = "", sheet: str = ""
) -> FileInfo:
    """Recognise ``path`` and choose how to read it (``ImportFileError`` when it cannot)."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(path)
        sheets = _sheet_names(path, kind)
        if not sheets:
            raise ImportFileError(_("The workbook has no sheets."))
        if sheet and sheet not in sheets:
            raise ImportFileError(
                _("The workbook has no sheet “%(sheet)s”; its sheets: %(sheets)s.")
                % {"sheet": sheet, "sheets": ", ".join(sheets)}
            )
        return FileInfo(kind=kind, sheets=sheets, sheet=sheet or sheets[0])
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _("This is an old Excel (.xls) file: save it as .xlsx or as CSV and upload that.")
        )
    if sheet:
        raise ImportFileError(_("A CSV file has no sheets; leave the sheet empty."))
    data = path.read_bytes()
    if b"\x00" in data[:65536]:
        raise ImportFileError(
            _("This is not a spreadsheet: upload a CSV, XLSX or ODS file (this one is binary).")
        )
    detected = detect_encoding(data)
    chosen = encoding or detected
    if chosen not in ENCODINGS:
        raise ImportFileError(_("Unknown encoding: “%(encoding)s”.") % {"encoding": chosen})
    text = _decode(data, chosen)
    sniffed = detect_delimiter(text)
    if delimiter and delimiter not in DELIMITERS:
        raise ImportFileError(_("Unknown delimiter: “%(delimiter)s”.") % {"delimiter": delimiter})
    return FileInfo(
        kind="csv", encoding=chosen, delimiter=delimiter or sniffed,
        detected_encoding=detected, detected_delimiter=sniffed,
    )  # fmt: skip


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM) if the bytes are valid UTF-8; otherwise Windows-1250 or
    ISO-8859-2, whichever reads more letters (they agree on every Hungarian letter; bytes
    0x80-0x9F are only text in Windows-1250). Valid UTF-8 sequences inside a file that is
    not UTF-8 mean mixed encodings: refused."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if _UTF8_SEQUENCE.search(data):
            line = data.count(b"\n", 0, error.start) + 1
            raise ImportFileError(
                _(
                    "The file mixes character encodings (line %(line)d is not UTF-8 but other "
                    "lines are): save it again with one encoding, e.g. “CSV UTF-8”."
                )
                % {"line": line}
            ) from None
    if _C1_BYTES.search(data):
        return "windows-1250"
    # Only the bytes the two read differently can tip the count: the rest are dropped first
    # (one pass in C over a file of several MB, where decoding it twice took most of a second).
    differing = data.translate(None, _READ_ALIKE)
    letters = {
        name: sum(map(str.isalpha, differing.decode(name)))
        for name in ("windows-1250", "iso-8859-2")
    }
    return "iso-8859-2" if letters["iso-8859-2"] > letters["windows-1250"] else "windows-1250"


def _undecodable(line: int, encoding: str) -> ImportFileError:
    return ImportFileError(
        _("Line %(line)d cannot be read as %(encoding)s: choose another encoding.")
        % {"line": line, "encoding": ENCODINGS[encoding]}
    )


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise _undecodable(data.count(b"\n", 0, error.start) + 1, encoding) from None


def detect_delimiter(text: str) -> str:
    """The delimiter giving the most lines with the same number (> 1) of columns among the
    first lines; a semicolon on a tie (Hungarian Excel writes semicolons)."""
    lines = [line for line in text.splitlines()[:SNIFF_LINES] if line.strip()]
    best, best_score = ";", (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        width, count = Counter(widths).most_common(1)[0] if widths else (1, 0)
        score = (count if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _zip_kind(path: Path) -> str:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise ImportFileError(_("The file looks like an XLSX or ODS but is damaged.")) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise ImportFileError(_("The workbook has too many parts to be a spreadsheet."))
        if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
            raise ImportFileError(
                _("Unpacked, the workbook would be larger than %(limit)d MB: refused.")
                % {"limit": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
            )
        names = {entry.filename for entry in entries}
        if any(name.startswith("/") or ".." in name.split("/") for name in names):
            raise ImportFileError(_("The workbook contains unsafe file names: refused."))
        _check_xml_prologues(archive, entries)
        if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
            return "ods"
        if "xl/workbook.xml" in names:
            return "xlsx"
    raise ImportFileError(_("This ZIP file is not a spreadsheet: upload CSV, XLSX or ODS."))


def _check_xml_prologues(archive: zipfile.ZipFile, entries) -> None:
    """Spreadsheet XML never declares a document type: one that does may define entities
    that expand without end (an XML bomb)."""
    for entry in entries:
        if not entry.filename.endswith((".xml", ".rels")):
            continue
        try:
            with archive.open(entry) as member:
                prologue = member.read(XML_PROLOGUE_BYTES)
        except (zipfile.BadZipFile, OSError, NotImplementedError):
            raise ImportFileError(_("The file looks like an XLSX or ODS but is damaged.")) from None
        if _DOCTYPE.search(prologue):
            raise ImportFileError(
                _("The workbook contains XML entity declarations (an “XML bomb”): refused.")
            )


def _sheet_names(path: Path, kind: str) -> list[str]:
    try:
        if kind == "xlsx":
            import openpyxl

            workbook = openpyxl.load_workbook(path, read_only=True)
            try:
                return list(workbook.sheetnames)
            finally:
                workbook.close()
        import python_calamine

        return list(python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names)
    except ImportFileError:
        raise
    except Exception as error:  # every reader error means one thing: the file is unreadable
        raise _unreadable(error) from None


def _unreadable(error: Exception) -> ImportFileError:
    if type(error).__module__.startswith("defusedxml"):
        return ImportFileError(
            _("The workbook contains XML entity declarations (an “XML bomb”): refused.")
        )
    return ImportFileError(
        _("The workbook cannot be read (%(problem)s): open it and save it again.")
        % {"problem": type(error).__name__}
    )


def file_rows(path: Path, info: FileInfo) -> Iterator[list[Any]]:
    """The rows of the chosen sheet (or of the CSV), each a list of cell values: text,
    numbers (whole numbers as ``int``), dates, booleans or ``None``."""
    if info.kind == "csv":
        yield from _csv_rows(path, info)
        return
    try:
        rows = _xlsx_rows(path, info.sheet) if info.kind == "xlsx" else _ods_rows(path, info.sheet)
        for row in rows:
            yield [_cell(value) for value in row]
    except ImportFileError:
        raise
    except Exception as error:
        raise _unreadable(error) from None


def _csv_rows(path: Path, info: FileInfo) -> Iterator[list[str]]:
    """Streamed: the file was decoded in full once by :func:`file_inspect`."""
    handle = open(path, encoding=info.encoding, newline="")  # noqa: SIM115 (closed below)
    reader = csv.reader(handle, delimiter=info.delimiter, strict=True)
    try:
        yield from reader
    except UnicodeDecodeError:
        raise _undecodable(reader.line_num + 1, info.encoding) from None
    except csv.Error:
        raise ImportFileError(
            _(
                "Line %(line)d of the CSV file has broken quoting (a quotation mark that is "
                "not closed or is followed by text): correct it and upload the file again."
            )
            % {"line": reader.line_num}
        ) from None
    finally:
        handle.close()


def _xlsx_rows(path: Path, sheet: str) -> Iterator[tuple]:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        yield from workbook[sheet].iter_rows(values_only=True)
    finally:
        workbook.close()


def _ods_rows(path: Path, sheet: str) -> Iterator[list]:
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    yield from workbook.get_sheet_by_name(sheet).iter_rows()


def _cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    if isinstance(value, str) and value == "":
        return None
    return value
