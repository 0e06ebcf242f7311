"""``kozkincs import_records``: dry run, import with progress, refusals."""

import pytest
from django.core.management import CommandError, call_command

from kozkincs.catalog.models import Record
from kozkincs.imports.models import ImportBatch
from tests.imports.conftest import csv_bytes, good_rows, xlsx_file


def _run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_records", *args, "--language", "en", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def csv_path(tmp_path):
    path = tmp_path / "epitett.csv"
    path.write_bytes(csv_bytes(good_rows()))
    return path


def test_a_dry_run_shows_detection_mapping_and_counts_and_writes_nothing(
    csv_path, places, maintainer
):
    out, _err = _run("test-heritage", str(csv_path), "--dry-run")
    assert "encoding Windows-1250, semicolon-separated" in out
    assert "A (Név) → name" in out
    assert "new 3, updated 0, unchanged 0, invalid 0" in out
    assert not Record.objects.filter(catalog="test-heritage").exists()


def test_an_import_with_yes_writes_and_reports_the_batch(csv_path, places, maintainer):
    out, _err = _run("test-heritage", str(csv_path), "--yes", "--status", "draft")
    batch = ImportBatch.objects.get(status="applied")
    assert f"Imported as batch {batch.pk}: 3 new" in out
    assert Record.objects.filter(catalog="test-heritage", status="draft").count() == 3


def test_progress_is_shown_on_stderr(tmp_path, places):
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([["Név", "Típus"]] + [[f"R{n}", "templom"] for n in range(2500)]))
    _out, err = _run("test-heritage", str(path), "--dry-run")
    assert "2000 rows checked" in err


def test_invalid_rows_are_listed_and_nothing_is_imported(tmp_path, places):
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([["Név", "Típus", "Település"], ["A", "templom", "Zalaegerszg"]]))
    with pytest.raises(CommandError, match="Nothing was imported"):
        _run("test-heritage", str(path), "--yes")
    assert not Record.objects.filter(catalog="test-heritage").exists()


def test_an_unknown_catalog_is_an_error(csv_path):
    with pytest.raises(CommandError, match="Unknown catalog"):
        _run("nincs", str(csv_path))


def test_a_sheet_is_chosen_by_name_and_columns_can_be_ignored(tmp_path, places, maintainer):
    rows = [[*row, "x"] for row in good_rows()]
    rows[0][-1] = "Megjegyzés"
    path = xlsx_file(tmp_path / "a.xlsx", {"Borító": [["x"]], "Adatok": rows}, title="Cím")
    with pytest.raises(CommandError):
        _run("test-heritage", str(path), "--sheet", "Adatok", "--dry-run")
    out, _err = _run("test-heritage", str(path), "--sheet", "Adatok", "--ignore-column", "H",
                     "--yes")  # fmt: skip
    assert "H (Megjegyzés) → ignored" in out and "3 new" in out


def test_update_by_updates_instead_of_duplicating(csv_path, places, maintainer):
    _run("test-heritage", str(csv_path), "--yes")
    out, _err = _run("test-heritage", str(csv_path), "--update-by", "Név", "--yes")
    assert "0 new, 0 updated, 3 unchanged" in out
    assert Record.objects.filter(catalog="test-heritage").count() == 3
