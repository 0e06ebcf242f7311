"""The ten built-in catalogs: they load cleanly, are complete in three languages, and
docs/reference/catalogs.md is exactly what their YAML says.

Regenerate the reference page after changing a YAML file:
``.venv/bin/python -m tests.catalog.test_builtin_definitions``
"""

from functools import cache
from pathlib import Path

import pytest
from django.core.management import call_command
from pydantic import BaseModel

from kozkincs.catalog.definitions import CatalogDefinition, LocalizedText
from kozkincs.catalog.registry import (
    BUILTIN_DIRECTORY,
    catalog_list,
    catalog_problems,
    load_catalogs,
)

REFERENCE_PAGE = Path(__file__).resolve().parents[2] / "docs" / "reference" / "catalogs.md"

EXPECTED = {
    "natural-values": (1, "Place", "place"),
    "civil-organisations": (2, "NGO", "organisation"),
    "built-values": (3, "LandmarksOrHistoricalBuildings", "place"),
    "amateur-art": (4, "PerformingGroup", "group_or_person"),
    "traditions": (5, "Organization", "group_or_person"),
    "publications": (6, "Book", "publication"),
    "courses": (7, "Course", "course"),
    "education-associations": (8, "EducationalOrganization", "association"),
    "cultural-centres": (9, "CivicStructure", "place"),
    "cultural-services": (10, "Service", "organisation"),
}


@cache
def builtin() -> dict[str, CatalogDefinition]:
    result = load_catalogs([BUILTIN_DIRECTORY])
    assert result.problems == []
    return result.definitions


def texts(node, path: str = "") -> list[tuple[str, LocalizedText]]:
    """Every ``LocalizedText`` inside a definition, with where it is."""
    if isinstance(node, LocalizedText):
        return [(path, node)]
    if isinstance(node, BaseModel):
        return [
            found
            for name in type(node).model_fields
            for found in texts(getattr(node, name), f"{path}.{name}")
        ]
    if isinstance(node, list | tuple):
        return [found for i, item in enumerate(node) for found in texts(item, f"{path}[{i}]")]
    if isinstance(node, dict):
        return [found for key, item in node.items() for found in texts(item, f"{path}.{key}")]
    return []


def test_the_ten_builtin_catalogs_load_without_problems():
    definitions = builtin()
    assert set(definitions) == set(EXPECTED)
    assert catalog_problems() == []
    assert [d.key for d in catalog_list()][:10] == sorted(EXPECTED, key=lambda k: EXPECTED[k][0])


@pytest.mark.django_db
def test_system_check_passes_with_the_builtin_catalogs():
    call_command("check", "--fail-level", "ERROR")


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_catalog_has_its_order_schema_type_and_record_kind(key):
    definition = builtin()[key]
    assert (definition.order, definition.schema_org_type, definition.record_kind) == EXPECTED[key]
    assert definition.default_priorities, "every catalog serves at least one strategy priority"


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_every_label_and_help_text_is_in_hungarian_english_and_german(key):
    found = texts(builtin()[key])
    assert len(found) > 20
    incomplete = [path for path, text in found if not (text.hu and text.en and text.de)]
    assert incomplete == []


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_facets_are_choice_or_boolean_fields_led_by_a_vocabulary(key):
    definition = builtin()[key]
    fields = definition.field_map
    assert definition.facets
    assert fields[definition.facets[0]].type in {"choice", "multi_choice"}
    for facet in definition.facets:
        assert fields[facet].type in {"choice", "multi_choice", "boolean"}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_relations_target_existing_catalogs_and_are_labelled_from_both_ends(key):
    definitions = builtin()
    for field in definitions[key].fields:
        if field.type == "record":
            assert field.target_catalog in definitions
            assert field.target_catalog != key
            assert field.inverse_label is not None


def test_expected_relations_between_catalogs_exist():
    targets = {
        (key, field.key): field.target_catalog
        for key, definition in builtin().items()
        for field in definition.fields
        if field.type == "record"
    }
    assert targets[("built-values", "maintainer")] == "civil-organisations"
    assert targets[("built-values", "operator")] == "cultural-centres"
    assert targets[("courses", "provider")] == "cultural-centres"
    assert targets[("courses", "provider_organisation")] == "civil-organisations"
    assert targets[("cultural-services", "provider")] == "cultural-centres"
    assert targets[("amateur-art", "home_venue")] == "cultural-centres"


def test_people_are_personal_fields_and_never_facets():
    for definition in builtin().values():
        people = [f for f in definition.fields if f.type == "person"]
        assert all(f.personal for f in people)
        assert not set(definition.facets) & {f.key for f in people}
    assert builtin()["civil-organisations"].field_map["representative"].type == "person"
    assert builtin()["amateur-art"].field_map["leader"].personal


def test_vocabularies_hold_the_hungarian_categories():
    definitions = builtin()
    protection = definitions["natural-values"].terms("nature_protection")
    assert {"ex_lege", "nature_monument", "local", "natura_2000_sac", "none"} <= set(protection)
    legal = {t.hu for t in definitions["civil-organisations"].terms("legal_form").values()}
    assert {"Egyesület", "Alapítvány", "Nonprofit kft."} <= legal
    levels = {t.hu for t in definitions["amateur-art"].terms("qualification_level").values()}
    assert {"Megfelelt", "Dicséretes", "Kiváló", "Bronz fokozat", "Arany fokozat"} <= levels


# --- the reference page ------------------------------------------------------------------------


def _flags(field) -> str:
    notes = []
    if field.required:
        notes.append("required")
    if field.multiple:
        notes.append("multiple")
    if field.personal:
        notes.append("personal")
    if field.vocabulary:
        notes.append(f"vocabulary `{field.vocabulary}`")
    if field.target_catalog:
        notes.append(f"→ `{field.target_catalog}`")
    if field.fields:
        notes.append("parts: " + ", ".join(f"`{sub.key}` ({sub.type})" for sub in field.fields))
    if field.schema_property:
        notes.append(f"schema.org `{field.schema_property}`")
    return "; ".join(notes)


def _catalog_section(definition: CatalogDefinition) -> list[str]:
    lines = [
        f"## {definition.order}. {definition.label.hu} — `{definition.key}`",
        "",
        f"*{definition.label.en}* · *{definition.label.de}* · one record: "
        f"{definition.record_label.hu} / {definition.record_label.en}",
        "",
        definition.description.en,
        "",
        f"- schema.org type: `{definition.schema_org_type}`; record kind: "
        f"`{definition.record_kind}`",
        f"- default strategy priorities: {', '.join(map(str, definition.default_priorities))}",
        f"- facets: {', '.join(f'`{facet}`' for facet in definition.facets)}",
        "",
        "| field | type | label (hu / en) | notes |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| `{f.key}` | {f.type} | {f.label.hu} / {f.label.en} | {_flags(f)} |"
        for f in definition.fields
    ]
    relations = [f for f in definition.fields if f.type == "record"]
    if relations:
        lines += ["", "Relations (seen from the target: inverse label):", ""]
        lines += [
            f"- `{f.key}` → `{f.target_catalog}`: “{f.inverse_label.hu}” / “{f.inverse_label.en}”"
            for f in relations
        ]
    lines += ["", "Vocabularies:", ""]
    for name, terms in definition.vocabularies.items():
        shown = "; ".join(f"`{t.key}` {t.label.hu}" for t in terms)
        lines.append(f"- `{name}`: {shown}")
    return [*lines, ""]


def render_reference(definitions: dict[str, CatalogDefinition]) -> str:
    lines = [
        "# The ten built-in catalogs",
        "",
        "<!-- Generated from src/kozkincs/catalog/definitions/*.yaml by",
        "     `.venv/bin/python -m tests.catalog.test_builtin_definitions`;",
        "     tests/catalog/test_builtin_definitions.py fails when this page is out of date. -->",
        "",
        "The thematic databases of the 2009 Közkincs roundtable, in the order of the founding",
        "document, with the cultural service register last. Every record also has the shared",
        "columns (name, summary, description in hu/en/de, settlement and further settlements,",
        "lat/lon, strategy priorities, tags, sources, status); the tables list the fields each",
        "catalog adds. The YAML format itself is described in [catalog-yaml.md](catalog-yaml.md).",
        "",
        "**Demo data.** `kozkincs load_demo` (after `kozkincs import_gazetteer`; `make run` does",
        "both on the first start) creates and publishes, through the catalog services, the 33",
        "sourced heritage items of `catalog/demo/data/sample_heritage.csv` (hu/en/de names and",
        "summaries, each with its source URL; objects whose CSV coordinates are only the",
        "settlement centroid get no coordinates) and invented entries marked `is_demo` and",
        "“(demó)” (`catalog/demo/data/demo_records.yaml`), so every catalog has at least five",
        "records, with relations between them. It runs in one transaction; a second run creates",
        "nothing. From Python: `kozkincs.catalog.demo.load_demo(user=None) -> DemoReport`.",
        "",
    ]
    for definition in sorted(definitions.values(), key=lambda d: d.order):
        lines += _catalog_section(definition)
    return "\n".join(lines).rstrip() + "\n"


def test_reference_page_matches_the_yaml():
    assert REFERENCE_PAGE.read_text(encoding="utf-8") == render_reference(builtin()), (
        "docs/reference/catalogs.md is out of date: run "
        "`.venv/bin/python -m tests.catalog.test_builtin_definitions`"
    )


if __name__ == "__main__":
    REFERENCE_PAGE.write_text(render_reference(builtin()), encoding="utf-8")
    print(f"Wrote {REFERENCE_PAGE}")
