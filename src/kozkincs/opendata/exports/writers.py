"""The export formats as streams of bytes, written batch by batch: memory stays constant
whatever the number of records (the XLSX file grows in a temporary directory, written by
XlsxWriter in its constant-memory mode, and is then read out in chunks)."""

import csv
import io
import json
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from kozkincs.catalog.selectors import PublicRecord
from kozkincs.opendata.exports.rows import (
    FieldTexts,
    Table,
    record_feature,
    record_node,
    record_object,
)
from kozkincs.opendata.links import SiteLinks

type Batches = Iterable[list[PublicRecord]]

READ_CHUNK = 256 * 1024
BOM = "\ufeff"
LINE_END = "\r\n"
SEPARATORS = {"comma": ",", "semicolon": ";"}
ENCODINGS = {"utf-8": "utf-8", "windows-1250": "cp1250"}
SHEET_NAME_LENGTH = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def csv_stream(
    table: Table, batches: Batches, *, separator: str = "comma", encoding: str = "utf-8"
) -> Iterator[bytes]:
    """CSV with a header row. UTF-8 starts with a byte-order mark (so Excel reads it as
    UTF-8); Windows-1250 writes ``?`` for a character it cannot hold.

    A row of the region's table fills only its own catalog's columns: the csv module writes
    its shared cells and its catalog's cells, and the empty columns between and after them
    are written as runs of separators (what the module writes for empty cells), instead of
    a cell each for every other catalog's fields."""
    codec = ENCODINGS[encoding]
    delimiter = SEPARATORS[separator]
    buffer = io.StringIO()
    write = buffer.write
    # No line terminator of its own: a line is written in parts, then ended here.
    writerow = csv.writer(buffer, delimiter=delimiter, lineterminator="").writerow
    if codec == "utf-8":
        write(BOM)
    writerow(table.header)
    write(LINE_END)
    gaps: dict[int, tuple[str, str]] = {}
    width = len(table.header)
    for batch in batches:
        for item in batch:
            shared, columns, own = table.parts(item)
            gap = gaps.get(columns.first)
            if gap is None:
                before = columns.first - table.shared_count
                after = width - columns.first - columns.count
                gap = gaps[columns.first] = (delimiter * before, delimiter * after + LINE_END)
            writerow(shared)
            write(gap[0])
            if own:
                # An empty first cell: the separator before the catalog's cells, and never
                # a row of one empty cell (which the module would write as "").
                writerow((None, *own))
            write(gap[1])
        yield buffer.getvalue().encode(codec, errors="replace")
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode(codec, errors="replace")


def sheet_name(title: str) -> str:
    """A worksheet name Excel accepts (at most 31 characters, none of ``[]:*?/\\``)."""
    return _SHEET_FORBIDDEN.sub("-", title)[:SHEET_NAME_LENGTH] or "Export"


def xlsx_stream(table: Table, batches: Batches, *, title: str) -> Iterator[bytes]:
    """One worksheet: a bold, frozen header row, then a row per record."""
    import xlsxwriter  # on use: a web worker does not load it when it starts

    with tempfile.TemporaryDirectory(prefix="kozkincs-export-") as directory:
        path = Path(directory) / "export.xlsx"
        workbook = xlsxwriter.Workbook(
            str(path),
            {
                "constant_memory": True,
                "tmpdir": directory,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        sheet = workbook.add_worksheet(sheet_name(title))
        sheet.freeze_panes(1, 0)
        bold = workbook.add_format({"bold": True})
        for number, label in enumerate(table.header):
            sheet.write_string(0, number, label, bold)
        row = 1
        write_string, write_number = sheet.write_string, sheet.write_number
        for batch in batches:
            for item in batch:
                # Only the row's own cells: the other catalogs' columns stay empty.
                shared, columns, own = table.parts(item)
                for number, cell in enumerate(shared):
                    if cell.__class__ is str:
                        if cell:
                            write_string(row, number, cell)
                    elif cell is not None:
                        write_number(row, number, cell)
                for number, cell in enumerate(own, columns.first):
                    if cell:
                        write_string(row, number, cell)
                row += 1
        workbook.close()
        with path.open("rb") as handle:
            while chunk := handle.read(READ_CHUNK):
                yield chunk


def _array_stream(head: dict, key: str, items: Iterator[dict]) -> Iterator[bytes]:
    """``head`` as a JSON object whose member ``key`` is the array of ``items``, one batch
    of items per chunk."""
    opening = _dumps(head)[:-1] + ("," if head else "")
    yield (opening + _dumps(key) + ":[").encode()
    first = True
    for batch in items:
        if not batch:
            continue
        text = ",".join(_dumps(item) for item in batch)
        yield (text if first else "," + text).encode()
        first = False
    yield b"]}\n"


def json_stream(batches: Batches, *, head: dict, links: SiteLinks) -> Iterator[bytes]:
    return _array_stream(
        head, "records", ([record_object(i, links=links) for i in batch] for batch in batches)
    )


def geojson_stream(batches: Batches, *, links: SiteLinks, language: str) -> Iterator[bytes]:
    texts = FieldTexts(language)
    features = (
        [record_feature(i, links=links, language=language, texts=texts) for i in batch]
        for batch in batches
    )
    return _array_stream({"type": "FeatureCollection"}, "features", features)


def json_ld_stream(batches: Batches, *, links: SiteLinks, language: str) -> Iterator[bytes]:
    nodes = ([record_node(i, links=links, language=language) for i in batch] for batch in batches)
    return _array_stream({"@context": "https://schema.org"}, "@graph", nodes)
