"""The import pages: upload, detected reading and mapping, preview, import, progress, undo,
template and report downloads; refusals and bad input answer with a message, never a 500."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from kozkincs.catalog.models import Record
from kozkincs.core.running import running
from kozkincs.imports.columns import column_letter
from kozkincs.imports.models import ImportBatch
from tests.imports.conftest import csv_bytes, good_rows

# (url name, arguments, method) of every import page, for the role matrix of tests/permissions:
# anonymous visitors are sent to the login page, members get 403, staff may use them.
ROLE_MATRIX_CASES = [
    ("imports:start", [], "get"),
    ("imports:template", ["test-heritage"], "get"),
    ("imports:batch", ["<batch>"], "get"),
    ("imports:progress", ["<batch>"], "get"),
    ("imports:report", ["<batch>"], "get"),
    ("imports:apply", ["<batch>"], "post"),
    ("imports:undo", ["<batch>"], "post"),
]


def _url(name, *args, language="hu"):
    with translation.override(language):
        return reverse(name, args=args)


def _upload(client, rows=None, name="epitett.csv", content=None, catalog="test-heritage"):
    content = content if content is not None else csv_bytes(rows or good_rows())
    return client.post(_url("imports:start"), {
        "catalog": catalog, "file": SimpleUploadedFile(name, content)})  # fmt: skip


class TaskRunningClient:
    """A logged-in client whose requests run the tasks they enqueue on commit (as the portal
    does outside a test's wrapping transaction)."""

    def __init__(self, client, capture):
        self.client, self.capture = client, capture

    def get(self, *args, **kwargs):
        with self.capture(execute=True):
            return self.client.get(*args, **kwargs)

    def post(self, *args, **kwargs):
        with self.capture(execute=True):
            return self.client.post(*args, **kwargs)


@pytest.fixture
def staff_client(client, editor, django_capture_on_commit_callbacks):
    client.force_login(editor)
    return TaskRunningClient(client, django_capture_on_commit_callbacks)


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("tag", password="x")


@pytest.fixture
def batch(tmp_path, places, maintainer, editor):
    from kozkincs.imports.services import import_batch_create, import_batch_preview

    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes(good_rows()))
    batch = import_batch_create(catalog="test-heritage", source=path, file_name="a.csv",
                                user=editor)  # fmt: skip
    import_batch_preview(batch=batch)
    return batch


def _case_url(name, args, batch):
    return _url(name, *[batch.pk if a == "<batch>" else a for a in args])


@pytest.mark.parametrize(("name", "args", "method"), ROLE_MATRIX_CASES)
def test_anonymous_visitors_are_sent_to_log_in(client, batch, name, args, method):
    answer = getattr(client, method)(_case_url(name, args, batch))
    assert answer.status_code == 302 and "/login" in answer["Location"]


@pytest.mark.parametrize(("name", "args", "method"), ROLE_MATRIX_CASES)
def test_members_without_staff_rights_are_refused(client, member, batch, name, args, method):
    client.force_login(member)
    answer = getattr(client, method)(_case_url(name, args, batch))
    assert answer.status_code == 403
    assert Record.objects.filter(catalog="test-heritage").count() == 0


def test_the_whole_round_trip_upload_preview_import_undo(staff_client, places, maintainer):
    answer = _upload(staff_client)
    assert answer.status_code == 302
    batch = ImportBatch.objects.get()
    page = staff_client.get(answer["Location"]).content.decode()
    assert "Windows-1250" in page or "windows-1250" in page
    assert batch.file_name in page and "Zalaegerszeg" not in page  # no problems listed
    batch.refresh_from_db()
    assert batch.status == "previewed" and batch.new_count == 3
    answer = staff_client.post(_url("imports:apply", batch.pk), {"status": "draft"})
    assert answer.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "applied"
    assert set(Record.objects.filter(catalog="test-heritage").values_list("status", flat=True)) == {
        "draft"
    }
    answer = staff_client.post(_url("imports:undo", batch.pk))
    assert answer.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "undone"
    assert set(Record.objects.filter(catalog="test-heritage").values_list("status", flat=True)) == {
        "archived"
    }


def test_problems_are_listed_in_hungarian_with_a_downloadable_report(staff_client, places):
    rows = [["Cím", "", ""], ["Név", "Típus", "Település"], ["A", "templom", "Zalaegerszg"],
            ["B", "hajó", "Bak"]]  # fmt: skip
    answer = _upload(staff_client, rows)
    page = staff_client.get(answer["Location"]).content.decode()
    assert "Zalaegerszg" in page and "Zalaegerszeg" in page
    batch = ImportBatch.objects.get()
    assert batch.invalid_count == 2
    assert "Import all rows" not in page and "Importálás" not in page.split("<h2>")[-1]
    report = staff_client.get(_url("imports:report", batch.pk))
    assert report.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(report.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("Név", "Típus", "Település") and values[0][3] == "Hibák"
    assert values[1][0] == "A" and "Zalaegerszeg" in values[1][3]
    assert sheet.cell(2, 3).comment is not None


def test_the_mapping_can_be_changed_on_the_page(staff_client, places):
    answer = _upload(staff_client, [["Név", "Típus", "Megjegyzés"], ["A", "templom", "x"]])
    batch = ImportBatch.objects.get()
    assert batch.report["mapping_problems"]
    answer = staff_client.post(_url("imports:batch", batch.pk), {"column_2": "-", "column_0": "",
                                                                "column_1": ""})  # fmt: skip
    assert answer.status_code == 302
    batch.refresh_from_db()
    assert not batch.report["mapping_problems"] and batch.new_count == 1


def test_a_column_mapped_twice_on_the_page_is_refused(staff_client, places):
    _upload(staff_client, [["Név", "Típus", "X"], ["A", "templom", "B"]])
    batch = ImportBatch.objects.get()
    staff_client.post(_url("imports:batch", batch.pk), {"column_2": "name"})
    batch.refresh_from_db()
    page = staff_client.get(_url("imports:batch", batch.pk)).content.decode()
    assert any("mezőhöz van rendelve" in p for p in batch.report["mapping_problems"])
    assert "A (Név) és a(z) C (X) oszlop is" in page


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\x89PNG\r\n\x1a\n" + bytes(300), "not a spreadsheet"),
     (b"PK\x03\x04" + bytes(50), "damaged"),
     (b"\xd0\xcf\x11\xe0" + bytes(100), ".xls")],
)  # fmt: skip
def test_bad_files_get_a_message_not_a_500(staff_client, places, content, message):
    with translation.override("en"):
        answer = staff_client.post(
            _url("imports:start", language="en"),
            {"catalog": "test-heritage", "file": SimpleUploadedFile("a.xlsx", content)},
        )
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not ImportBatch.objects.exists()


def test_an_unknown_catalog_is_refused_on_the_form_and_for_the_template(staff_client):
    answer = _upload(staff_client, catalog="nincs-ilyen")
    assert answer.status_code == 400
    assert staff_client.get(_url("imports:template", "nincs-ilyen")).status_code == 404


def test_ten_thousand_invalid_rows_give_a_paginated_report(staff_client, places):
    rows = [["Név", "Típus"]] + [[f"R{n}", "nincs"] for n in range(10_000)]
    answer = _upload(staff_client, rows)
    page = staff_client.get(answer["Location"] + "?page=3")
    assert page.status_code == 200
    text = page.content.decode()
    assert re.search(r"10\D?000", text) and "<td>202</td>" in text and "<td>201</td>" not in text
    assert staff_client.get(answer["Location"] + "?page=abc").status_code == 200


def test_the_same_file_twice_needs_a_confirmation(staff_client, places, maintainer):
    _upload(staff_client)
    first = ImportBatch.objects.get()
    staff_client.post(_url("imports:apply", first.pk), {"status": "published"})
    _upload(staff_client)
    second = ImportBatch.objects.exclude(pk=first.pk).get()
    answer = staff_client.post(_url("imports:apply", second.pk), {"status": "published"})
    assert answer.status_code == 400
    assert Record.objects.filter(catalog="test-heritage").count() == 3
    staff_client.post(_url("imports:apply", second.pk), {"status": "published",
                                                         "confirm_repeat": "on"})  # fmt: skip
    assert Record.objects.filter(catalog="test-heritage").count() == 6


def test_the_progress_partial_asks_htmx_to_refresh_when_done(staff_client, batch):
    answer = staff_client.get(_url("imports:progress", batch.pk), HTTP_HX_REQUEST="true")
    assert answer.status_code == 200 and answer["HX-Refresh"] == "true"
    ImportBatch.objects.filter(pk=batch.pk).update(work="apply", progress_done=1000)
    with running(batch.lock_name):  # as the process doing the work holds it
        answer = staff_client.get(_url("imports:progress", batch.pk), HTTP_HX_REQUEST="true")
    assert "hx-trigger" in answer.content.decode() and "HX-Refresh" not in answer


def test_undo_refused_when_changed_since_answers_409(staff_client, batch, editor):
    from kozkincs.catalog.services import record_update
    from kozkincs.imports.services import import_batch_apply

    import_batch_apply(batch=batch, user=editor)
    record = Record.objects.filter(catalog="test-heritage").first()
    record_update(record=record, data={"summary": "javítva"}, user=editor)
    answer = staff_client.post(_url("imports:undo", batch.pk))
    assert answer.status_code == 409
    batch.refresh_from_db()
    assert batch.status == "applied"


def test_the_template_has_hungarian_headings_instructions_and_choice_lists(staff_client):
    answer = staff_client.get(_url("imports:template", "test-heritage"))
    assert answer.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(answer.content))
    data = workbook.worksheets[0]
    headings = [cell.value for cell in data[1]]
    assert headings[0] == "Név (magyar)"
    assert {"Típus", "Település", "Kapcsolattartó: e-mail", "Minősítések: Fokozat"} <= set(headings)
    validations = data.data_validations.dataValidation
    kind_column = headings.index("Típus")
    assert any(column_letter(kind_column) in str(v.sqref) and v.type == "list"
               for v in validations)  # fmt: skip
    assert len(workbook.worksheets) == 3
    instructions = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert any(row[1] == "kind" for row in instructions)


def test_a_filled_in_template_imports(staff_client, tmp_path, places):
    template = staff_client.get(_url("imports:template", "test-heritage")).content
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    headings = [cell.value for cell in sheet[1]]
    sheet.cell(2, headings.index("Típus") + 1, "templom")
    sheet.cell(2, 1, "Sablonból")
    sheet.cell(2, headings.index("Település") + 1, "Bak")
    buffer = io.BytesIO()
    workbook.save(buffer)
    answer = _upload(staff_client, content=buffer.getvalue(), name="sablon.xlsx")
    batch = ImportBatch.objects.get()
    assert batch.new_count == 1, batch.report
    staff_client.post(_url("imports:apply", batch.pk), {"status": "published"})
    record = Record.objects.get(name="Sablonból")
    assert record.settlement.name == "Bak" and answer.status_code == 302


def test_done_when_template_errors_report_fix_import_find_undo(staff_client, places, maintainer):
    """Issue 10's story: an editor fills the template, sees the errors, corrects them in the
    downloaded report, imports, finds the records, and undoes the batch."""
    template = openpyxl.load_workbook(
        io.BytesIO(staff_client.get(_url("imports:template", "test-heritage")).content)
    )
    headings = [cell.value for cell in template.worksheets[0][1]]
    rows = [["Név (magyar)", "Típus", "Település", "Terület (ha)"],
            ["Kálvária", "templom", "Zalaegerszg", "1 234,5"],
            ["Kúria", "kastély", "Bak", "sok"]]  # fmt: skip
    assert set(rows[0]) <= set(headings)
    answer = _upload(staff_client, rows, name="kitoltott.csv")
    batch = ImportBatch.objects.get()
    assert batch.invalid_count == 2
    report = openpyxl.load_workbook(
        io.BytesIO(staff_client.get(_url("imports:report", batch.pk)).content)
    )
    sheet = report.active
    sheet.cell(2, 3, "Zalaegerszeg")
    sheet.cell(3, 4, "12,5")
    corrected = io.BytesIO()
    report.save(corrected)
    answer = _upload(staff_client, content=corrected.getvalue(), name="javitott.xlsx")
    fixed = ImportBatch.objects.exclude(pk=batch.pk).get()
    assert (fixed.new_count, fixed.invalid_count) == (2, 0), fixed.report
    assert any(c["heading"] == "Hibák" and c["ignored"] for c in fixed.report["columns"])
    staff_client.post(_url("imports:apply", fixed.pk), {"status": "published"})
    found = staff_client.get("/api/v1/records", {"q": "Kálvária"}).json()
    assert [item["name"] for item in found["items"]] == ["Kálvária"]
    assert staff_client.get(answer["Location"]).status_code == 200
    staff_client.post(_url("imports:undo", fixed.pk))
    assert not staff_client.get("/api/v1/records", {"q": "Kálvária"}).json()["items"]


def test_an_encoding_override_that_cannot_read_the_file_says_so(staff_client, places):
    answer = _upload(staff_client, [["Nev", "Tipus"], ["Ősi malom", "templom"]])
    batch = ImportBatch.objects.get()
    assert batch.info["encoding"] == "windows-1250"
    staff_client.post(_url("imports:batch", batch.pk), {"encoding": "utf-8"})
    page = staff_client.get(answer["Location"]).content.decode()
    assert "2. sor nem olvasható UTF-8 kódolással" in page
    staff_client.post(_url("imports:batch", batch.pk), {"encoding": "iso-8859-2"})
    batch.refresh_from_db()
    assert batch.info["encoding"] == "iso-8859-2" and batch.new_count == 1
