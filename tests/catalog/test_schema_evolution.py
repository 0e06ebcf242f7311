"""Adding a field to a catalog that already has records never locks, loses or invalidates
those records: they load, display and index as before; a new required field bites only on
the next edit of their catalog values, with a message naming the field."""

import shutil

import pytest
from django.core.exceptions import ValidationError

from kozkincs.catalog.registry import reset_registry
from kozkincs.catalog.selectors import record_index_document, record_public_fields
from kozkincs.catalog.services import record_create, record_publish, record_update
from tests.catalog.conftest import TEST_DEFINITIONS

pytestmark = pytest.mark.django_db

NEW_FIELDS = """\
  - {key: register_number, type: text, required: true, label: {hu: Törzsszám, en: Register number}}
  - {key: visitors, type: integer, label: {hu: Látogatók, en: Visitors}}
"""


@pytest.fixture
def catalog_dir(settings, tmp_path):
    for path in TEST_DEFINITIONS.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    settings.KOZKINCS_CATALOG_DIRS = [str(tmp_path)]
    reset_registry()
    return tmp_path


def add_fields(catalog_dir):
    path = catalog_dir / "test_heritage.yaml"
    path.write_text(path.read_text(encoding="utf-8") + NEW_FIELDS, encoding="utf-8")
    reset_registry()


def test_old_records_survive_a_new_required_field(catalog_dir):
    old = record_publish(
        record=record_create(
            catalog="test-heritage",
            data={"name": "Régi templom", "values": {"kind": "church", "built": "1747"}},
        )
    )
    add_fields(catalog_dir)

    old.refresh_from_db()
    assert old.values == {"kind": "church", "built": {"text": "1747", "start": 1747, "end": 1747}}
    assert [f.key for f in record_public_fields(record=old)] == ["kind", "built"]
    assert "templom" in record_index_document(record=old).attributes_text

    # Shared columns can still be edited without touching the new field.
    record_update(record=old, data={"summary": "Felújították."})

    with pytest.raises(ValidationError) as caught:
        record_update(record=old, data={"values": {"built": "1750"}})
    assert caught.value.message_dict == {"register_number": ["Register number is required."]}
    old.refresh_from_db()
    assert old.values["built"]["start"] == 1747 and old.version == 3

    record_update(record=old, data={"values": {"register_number": "1234"}})
    old.refresh_from_db()
    assert old.values["register_number"] == "1234" and old.values["kind"] == "church"


def test_values_of_a_removed_field_are_kept(catalog_dir):
    record = record_create(
        catalog="test-heritage", data={"name": "Kút", "values": {"kind": "spring", "floors": 2}}
    )
    path = catalog_dir / "test_heritage.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        "\n".join(line for line in text.splitlines() if "key: floors" not in line) + "\n",
        encoding="utf-8",
    )
    reset_registry()
    record_update(record=record, data={"values": {"inscription": "Ave"}})
    record.refresh_from_db()
    assert record.values["floors"] == 2  # not shown, not lost
    assert "floors" not in [f.key for f in record_public_fields(record=record)]
