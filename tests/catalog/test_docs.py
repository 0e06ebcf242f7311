"""The catalog YAML reference names every key of every definition model and every type."""

import inspect
import re
from pathlib import Path
from typing import get_args

import pytest

from kozkincs.catalog.definitions import (
    CatalogDefinition,
    FieldDefinition,
    FieldType,
    LocalizedText,
    SubField,
    SubFieldType,
    Term,
)
from kozkincs.catalog.fields import field_type_keys

DOCS = Path(__file__).resolve().parents[2] / "docs"
REFERENCE = (DOCS / "reference" / "catalog-yaml.md").read_text(encoding="utf-8")
FIELD_TYPES = (DOCS / "reference" / "field-types.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "model", [CatalogDefinition, FieldDefinition, SubField, Term, LocalizedText]
)
def test_every_model_key_is_documented(model):
    missing = [name for name in model.model_fields if f"`{name}`" not in REFERENCE]
    assert not missing, f"{model.__name__} keys missing from catalog-yaml.md: {missing}"


def test_every_field_type_is_documented_on_both_pages():
    for page in (REFERENCE, FIELD_TYPES):
        missing = [t for t in get_args(FieldType) if f"| `{t}` |" not in page]
        assert not missing, missing
    assert sorted(field_type_keys()) == sorted(get_args(FieldType))


def test_every_group_sub_field_type_is_listed():
    line = next(
        line for line in REFERENCE.splitlines() if line.startswith("| `type` | One of `text`")
    )
    assert all(f"`{t}`" in line for t in get_args(SubFieldType))


def test_the_how_to_example_is_a_valid_definition(tmp_path, settings):
    import re

    from kozkincs.catalog.registry import load_catalogs

    how_to = (DOCS / "how-to" / "add-a-catalog.md").read_text(encoding="utf-8")
    yaml_text = re.search(r"```yaml\n(.*?)```", how_to, re.S).group(1)
    lines = [line[3:] if line.startswith("   ") else line for line in yaml_text.splitlines()]
    (tmp_path / "village-wells.yaml").write_text("\n".join(lines), encoding="utf-8")
    builtin = Path(__file__).resolve().parents[2] / "src/kozkincs/catalog/definitions"
    result = load_catalogs([builtin, tmp_path])
    assert [str(p) for p in result.problems if "village-wells" in str(p)] == []
    assert "village-wells" in result.definitions


def test_every_public_selector_is_documented_with_its_parameters():
    from kozkincs.catalog import selectors

    page = (DOCS / "reference" / "catalog-selectors.md").read_text(encoding="utf-8")
    functions = [getattr(selectors, name) for name in selectors.__all__]
    functions = [function for function in functions if inspect.isfunction(function)]
    assert len(functions) >= 8
    for function in functions:
        assert f"{function.__name__}(" in page, function.__name__
        for parameter in inspect.signature(function).parameters:
            assert re.search(rf"\b{parameter}(:|=)", page), f"{function.__name__}({parameter})"
