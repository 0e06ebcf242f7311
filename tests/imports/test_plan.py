"""The dry run: columns matched and checked, rows read past titles and blanks, every value
validated by the field types, settlements and relations found by name, upsert keys."""

from django.utils import translation

from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.services import record_create
from kozkincs.imports.columns import IGNORE
from kozkincs.imports.plan import ImportOptions, import_plan
from tests.imports.conftest import csv_bytes, good_rows, ods_file, xlsx_file


def _plan(tmp_path, rows, name="a.csv", **options):
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows))
    return import_plan(definition=catalog_get("test-heritage"), path=path,
                       options=ImportOptions(**options))  # fmt: skip


def _messages(plan):
    return [(p.row, p.column, p.message) for p in plan.problems]


def test_a_valid_file_plans_every_row_as_new_with_hungarian_numbers_and_dates(
    tmp_path, places, maintainer
):
    plan = _plan(tmp_path, good_rows())
    assert plan.ok, _messages(plan)
    assert plan.counts() == {"new": 3, "updated": 0, "unchanged": 0, "invalid": 0, "rows": 3}
    first = plan.new[0]  # validated once, here: the import writes it as it is
    assert first.columns["settlement"].ksh_code == "32054"
    assert first.values["area_ha"] == "1234.5"  # "1 234,5" as the decimal field stores it
    assert first.relations["maintainer"] == [maintainer.pk]
    assert plan.new[1].columns["settlement"].ksh_code == "13514"  # "bak": case ignored
    # The plan keeps every row until the import: its settlements come without their polygons.
    assert first.columns["settlement"].get_deferred_fields() == {"boundary"}


def test_columns_match_english_labels_and_keys_without_accents(tmp_path, places):
    rows = [["NAME", "settlement", "kind", "Year built", "epites ideje"],
            ["A", "Zalaegerszeg", "church", "1760", "18. század"]]  # fmt: skip
    plan = _plan(tmp_path, rows)
    assert plan.ok, _messages(plan)
    assert {c.key for c in plan.mapping.assigned.values()} == {
        "name",
        "settlement",
        "kind",
        "built_year",
        "built",
    }


def test_an_unknown_column_is_reported_not_dropped_and_can_be_ignored(tmp_path, places):
    rows = [["Név", "Típus", "Megjegyzés"], ["A", "templom", "valami"]]
    plan = _plan(tmp_path, rows)
    assert not plan.ok
    assert any("C (Megjegyzés)" in problem for problem in plan.mapping_problems)
    assert plan.rows == 1  # the rows are still checked, so every problem shows at once
    plan = _plan(tmp_path, rows, mapping={2: IGNORE})
    assert plan.ok and plan.counts()["new"] == 1


def test_a_column_mapped_twice_is_refused(tmp_path, places):
    rows = [["Név", "Típus", "Kind"], ["A", "templom", "church"]]
    plan = _plan(tmp_path, rows)
    assert any("both mapped" in problem for problem in plan.mapping_problems)
    plan = _plan(tmp_path, [["Név", "Típus", "X"], ["A", "templom", "B"]], mapping={2: "name"})
    assert any("A (Név) and C (X)" in problem for problem in plan.mapping_problems)


def test_title_blank_repeated_header_and_trailing_rows_are_skipped(tmp_path, places):
    rows = [["Épített értékek 2010", "", ""], ["", "", ""], ["Név", "Típus", "Település"],
            ["A", "templom", "Bak"], ["", "", ""], ["Név", "Típus", "Település"],
            ["B", "kastély", "Bak"], ["", "", ""], ["", "", ""]]  # fmt: skip
    plan = _plan(tmp_path, rows)
    assert plan.ok, _messages(plan)
    assert plan.mapping.header_index == 2
    assert plan.new_rows == [4, 7]


def test_problems_name_row_column_value_and_reason_in_the_users_language(tmp_path, places):
    rows = [["Név", "Típus", "Település", "Építés éve", "Védetté nyilvánítás"],
            ["A", "kápolna", "Zalaegerszg", "ezerhét", "2010. máj. 13."],
            ["", "templom", "Bak", "1760", "2010. május 32."]]  # fmt: skip
    with translation.override("hu"):
        plan = _plan(tmp_path, rows)
    problems = {(p.row, p.column.split(" ")[0]): p for p in plan.problems}
    assert "„Zalaegerszeg”" in problems[(2, "C")].message  # the suggestion, in Hungarian
    assert problems[(2, "C")].value == "Zalaegerszg"
    assert (2, "B") in problems and (2, "D") in problems
    assert (2, "E") not in problems  # "2010. máj. 13." is a date
    assert (3, "A") in problems and (3, "E") in problems
    assert plan.counts()["invalid"] == 2 and not plan.new


def test_a_settlement_near_miss_gets_a_suggestion(tmp_path, places):
    plan = _plan(tmp_path, [["Név", "Típus", "Település"], ["A", "templom", "Zalaegerszg"]])
    assert "Did you mean “Zalaegerszeg”?" in plan.problems[0].message


def test_relations_are_found_by_name_or_id_and_unknown_names_reported(tmp_path, places, maintainer):
    rows = [["Név", "Típus", "Fenntartó", "Partnerek"],
            ["A", "templom", str(maintainer.pk), "szent maria plebania"],
            ["B", "templom", "Nincs ilyen", ""]]  # fmt: skip
    plan = _plan(tmp_path, rows)
    assert plan.new[0].relations["maintainer"] == [maintainer.pk]
    assert plan.new[0].relations["partners"] == [maintainer.pk]
    assert plan.problems[0].row == 3 and "Nincs ilyen" in plan.problems[0].message


def test_update_by_an_identifier_sorts_rows_into_new_updated_and_unchanged(tmp_path, places):
    heritage = "test-heritage"
    kept = record_create(catalog=heritage, data={"name": "A", "values": {"kind": "church",
                                                 "inscription": "T-1"}})  # fmt: skip
    record_create(catalog=heritage, data={"name": "B", "values": {"kind": "church",
                                          "inscription": "T-2"}})  # fmt: skip
    rows = [["Felirat", "Név", "Típus"], ["T-1", "A", "templom"], ["T-2", "B2", "templom"],
            ["T-3", "C", "forrás"]]  # fmt: skip
    plan = _plan(tmp_path, rows, update_by="felirat")
    assert plan.ok, _messages(plan)
    assert plan.counts() == {"new": 1, "updated": 1, "unchanged": 1, "invalid": 0, "rows": 3}
    assert plan.updated[0].data["name"] == "B2" and plan.updated[0].record_id != kept.pk


def test_a_repeated_identifier_in_the_file_is_a_problem(tmp_path, places):
    rows = [["Felirat", "Név", "Típus"], ["T-1", "A", "templom"], ["T-1", "B", "templom"]]
    plan = _plan(tmp_path, rows, update_by="inscription")
    assert plan.problems[0].row == 3 and "Row 2" in plan.problems[0].message


def test_update_by_a_column_that_cannot_identify_records_is_refused(tmp_path, places):
    plan = _plan(tmp_path, [["Név", "Típus"], ["A", "templom"]], update_by="Jellemzők")
    assert "cannot identify" in plan.mapping_problems[0]


def test_xlsx_with_a_merged_title_row_on_its_second_sheet(tmp_path, places, maintainer):
    path = xlsx_file(tmp_path / "a.xlsx", {"Borító": [["x"]], "Adatok": good_rows()},
                     title="Épített értékek")  # fmt: skip
    plan = import_plan(definition=catalog_get("test-heritage"), path=path,
                       options=ImportOptions(sheet="Adatok"))  # fmt: skip
    assert plan.ok, _messages(plan)
    assert plan.mapping.header_index == 2 and plan.counts()["new"] == 3


def test_ods_is_planned_like_csv(tmp_path, places, maintainer):
    path = ods_file(tmp_path / "a.ods", {"Adatok": good_rows()})
    plan = import_plan(definition=catalog_get("test-heritage"), path=path,
                       options=ImportOptions())  # fmt: skip
    assert plan.ok, _messages(plan)
    assert plan.counts()["new"] == 3


def test_ten_thousand_invalid_rows_are_all_reported(tmp_path, places):
    rows = [["Név", "Típus"]] + [[f"R{n}", "nincs ilyen"] for n in range(10_000)]
    plan = _plan(tmp_path, rows)
    assert plan.counts()["invalid"] == 10_000 and len(plan.problems) == 10_000
