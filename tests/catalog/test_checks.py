"""``kozkincs check`` fails precisely on broken catalog files; a new catalog file in a
directory of ``KOZKINCS_CATALOG_DIRS`` works after a restart with no code change."""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from kozkincs.catalog.registry import catalog_get, catalog_list, catalog_problems, reset_registry
from kozkincs.catalog.services import record_create

BROKEN = Path(__file__).resolve().parent / "broken_definitions"

EXPECTED = {
    "unknown_key.yaml": ("fields[0] (height).colour", "Extra inputs are not permitted"),
    "bad_field_type.yaml": ("fields[0] (height).type", "Input should be 'text'"),
    "choice_without_vocabulary.yaml": ("fields[0] (kind)", "'vocabulary' is required"),
    "facet_on_text.yaml": ("", "facet 'inscription' has type text"),
    "unknown_target_catalog.yaml": (
        "fields[0] (maintainer).target_catalog",
        "unknown catalog 'no-such-catalog'",
    ),
    "duplicate_field_keys.yaml": ("", "duplicate field keys: height"),
    "duplicate_yaml_keys.yaml": ("", "duplicate key 'type'"),
    "invalid_yaml.yaml": ("", "invalid YAML"),
    "priority_seven.yaml": ("default_priorities", "strategy priority 7 does not exist"),
    "reserved_key.yaml": ("fields[0] (slug).key", "'slug' is reserved"),
    "unknown_vocabulary.yaml": ("", "field 'kind': unknown vocabulary 'styles'"),
    "unknown_licence.yaml": ("licence", "Input should be 'CC-BY-4.0', 'CC-BY-SA-4.0' or 'CC0-1.0'"),
    "repeated_data_theme.yaml": ("data_themes", "data themes must not repeat"),
    "unknown_data_theme.yaml": ("data_themes[0]", "Input should be 'AGRI'"),
    "bad_edm_type.yaml": ("edm_type", "Input should be 'TEXT', 'IMAGE', 'SOUND', 'VIDEO' or '3D'"),
}


def test_every_broken_sample_has_an_expectation():
    assert {path.name for path in BROKEN.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_fails_naming_the_file_the_field_and_the_problem(name, settings, tmp_path):
    shutil.copy(BROKEN / name, tmp_path / name)
    settings.KOZKINCS_CATALOG_DIRS = [str(tmp_path)]
    with pytest.raises(SystemCheckError) as caught:
        call_command("check")
    location, problem = EXPECTED[name]
    report = str(caught.value)
    line = next(line for line in report.splitlines() if str(tmp_path / name) in line)
    assert f"[{location}]" in line if location else True
    assert problem in line
    assert "kozkincs.E001" in line


def test_the_test_catalogs_pass_the_check(test_catalogs):
    call_command("check")
    assert catalog_problems() == []


def test_a_missing_catalog_directory_is_reported(settings, tmp_path):
    settings.KOZKINCS_CATALOG_DIRS = [str(tmp_path / "missing")]
    with pytest.raises(SystemCheckError, match="catalog directory does not exist"):
        call_command("check")


def test_a_catalog_key_defined_twice_is_reported(settings, tmp_path):
    for directory in ("a", "b"):
        (tmp_path / directory).mkdir()
        shutil.copy(BROKEN.parent / "definitions" / "test_organisations.yaml", tmp_path / directory)
    settings.KOZKINCS_CATALOG_DIRS = [str(tmp_path / "a"), str(tmp_path / "b")]
    with pytest.raises(SystemCheckError, match="'test-organisations' is already defined"):
        call_command("check")


NEW_CATALOG = """\
schema_version: 1
key: village-wells
label: {hu: Falusi kutak, en: Village wells}
record_label: {hu: kút, en: well}
description: {hu: A falvak közkútjai., en: The public wells of the villages.}
schema_org_type: LandmarksOrHistoricalBuildings
record_kind: place
default_priorities: [2]
vocabularies:
  kinds:
    - {key: draw_well, label: {hu: gémeskút, en: sweep well}}
    - {key: pump, label: {hu: kútgém nélküli, en: pump}}
facets: [kind]
fields:
  - {key: kind, type: choice, vocabulary: kinds, required: true, label: {hu: Fajta, en: Kind}}
  - {key: depth, type: decimal, min: 0, label: {hu: Mélység (m), en: Depth (m)}}
"""


@pytest.mark.django_db
def test_a_new_catalog_file_appears_after_a_restart_and_takes_records(settings, tmp_path):
    settings.KOZKINCS_CATALOG_DIRS = [str(tmp_path)]
    reset_registry()
    assert catalog_get("village-wells") is None
    (tmp_path / "village-wells.yaml").write_text(NEW_CATALOG, encoding="utf-8")
    assert catalog_get("village-wells") is None  # loaded once per process
    reset_registry()  # what a restart does
    assert "village-wells" in [definition.key for definition in catalog_list()]
    call_command("check")
    record = record_create(
        catalog="village-wells",
        data={"name": "Gémeskút a főtéren", "values": {"kind": "sweep well", "depth": "7,5"}},
    )
    assert record.values == {"kind": "draw_well", "depth": "7.5"}
    assert [p.number for p in record.priorities.all()] == [2]
