"""The import benchmark's file and its peer (sqlite-utils loading the same file)."""

import csv

from benchmarks.imports import HEADER, _peer, _write_csv
from sqlite_utils import Database


def test_the_file_is_semicolon_separated_windows_1250(tmp_path):
    path = tmp_path / "import.csv"
    _write_csv(path, 20, ["Zalaegerszeg", "Söjtör"], seed=1)
    with open(path, encoding="windows-1250", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == HEADER
    assert len(rows) == 21
    assert {row[1] for row in rows[1:]} <= {"Zalaegerszeg", "Söjtör"}


def test_the_peer_loads_every_row_with_a_full_text_index(tmp_path):
    path = tmp_path / "import.csv"
    _write_csv(path, 30, ["Söjtör"], seed=2)
    assert _peer(path) == {"rows": 30}
    database = Database(tmp_path / "peer.sqlite3")
    assert database["records"].columns_dict.keys() == set(HEADER)
    assert database["records"].detect_fts() == "records_fts"
    found = list(database["records"].search("Söjtör"))
    assert len(found) == 30
    assert found[0]["Település"] == "Söjtör"


def test_the_peer_starts_from_a_new_database(tmp_path):
    path = tmp_path / "import.csv"
    _write_csv(path, 5, ["Söjtör"], seed=3)
    _peer(path)
    assert _peer(path) == {"rows": 5}
