"""Every field type: cleaning (normal forms and refusals naming the field), display,
search text, facet values and form fields."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError

from kozkincs.catalog.fields import field_type, field_type_keys, missing_field_types

EN_DASH = "\u2013"


def clean(catalog, key, raw):
    fdef = catalog.field_map[key]
    return field_type(fdef.type).clean(raw, field=fdef, catalog=catalog)


def refused(catalog, key, raw) -> str:
    with pytest.raises(ValidationError) as caught:
        clean(catalog, key, raw)
    message = " ".join(caught.value.messages)
    assert message.startswith(catalog.field_map[key].label.get("en"))
    return message


def test_every_field_type_literal_has_a_class():
    assert missing_field_types() == set()


@pytest.mark.parametrize(
    ("key", "raw", "expected"),
    [
        ("kind", "church", "church"),
        ("kind", "Kastély", "mansion"),
        ("kind", "", None),
        ("features", ["garden", "tower", "garden"], ["tower", "garden"]),
        ("features", "orgona", ["organ"]),
        ("inscription", "  Soli Deo Gloria \x00", "Soli Deo Gloria"),
        ("history", "Első bekezdés.\n\nMásodik <bekezdés>.", None),
        ("floors", "3", 3),
        ("floors", " 1 2 ", 12),
        ("area_ha", "1 234,50", "1234.5"),
        ("area_ha", 12, "12"),
        ("built_year", "1747", 1747),
        ("listed_on", "2001.05.31.", "2001-05-31"),
        ("listed_on", datetime.date(2001, 5, 31), "2001-05-31"),
        ("built", "1747-1769", {"text": f"1747{EN_DASH}1769", "start": 1747, "end": 1769}),
        ("built", {"text": "18. század"}, {"text": "18. század", "start": 1700, "end": 1799}),
        ("open_to_public", "igen", True),
        ("open_to_public", False, False),
        ("website", "www.zalaegerszeg.hu", "https://www.zalaegerszeg.hu"),
        ("email", "Info@Example.HU", "Info@example.hu"),
        ("phones", ["06-92/510-123", "", "+36 30 123 4567"], ["+36 92 510 123", "+36 30 123 4567"]),
        ("phones", "06 92 510 123", ["+36 92 510 123"]),
        ("isbn", "978-0-306-40615-7", "9780306406157"),
        ("issn", "03178471", "0317-8471"),
        ("tax_number", "10773381 2 44", "10773381-2-44"),
        ("ksh_code", "32054", "32054"),
        ("venue", "32054", "32054"),
        ("maintainer", "12", [12]),
        ("partners", [3, "4", 3], [3, 4]),
        ("contact", {"name": "Kiss Anna", "phone": "06 30 123 4567", "email": ""},
         {"name": "Kiss Anna", "phone": "+36 30 123 4567"}),
        ("awards", [{"body": "KÓTA", "level": "Arany fokozat", "year": "2019"}, {}],
         [{"body": "KÓTA", "level": "gold", "year": 2019}]),
    ],
)  # fmt: skip
def test_clean_gives_the_normal_form(heritage, key, raw, expected):
    cleaned = clean(heritage, key, raw)
    if key == "history":
        assert cleaned == "<p>Első bekezdés.</p><p>Második &lt;bekezdés&gt;.</p>"
    else:
        assert cleaned == expected


def test_cleaning_a_normal_form_again_changes_nothing(heritage):
    samples = {
        "built": "1890-es évek", "phones": ["06 92 510 123"], "area_ha": "2,5",
        "contact": {"name": "Kiss Anna", "phone": "06 30 123 4567"}, "website": "example.org",
        "awards": [{"body": "KÓTA", "level": "gold"}], "history": "<p>x <script>y</script></p>",
    }  # fmt: skip
    for key, raw in samples.items():
        once = clean(heritage, key, raw)
        assert clean(heritage, key, once) == once, key


def test_rich_text_keeps_the_allowlist_only(heritage):
    cleaned = clean(
        heritage,
        "history",
        '<h2>Cím</h2><p onclick="x()">A <a href="javascript:alert(1)">rossz</a> és '
        '<a href="https://example.org">jó</a> <img src=x> <script>alert(1)</script></p>',
    )
    assert "<h2>Cím</h2>" in cleaned
    assert "onclick" not in cleaned and "<script" not in cleaned and "<img" not in cleaned
    assert "javascript" not in cleaned
    assert 'href="https://example.org"' in cleaned


@pytest.mark.parametrize(
    ("key", "raw", "fragment"),
    [
        ("kind", "castle", "not one of the choices"),
        ("features", ["tower", "dome"], "dome"),
        ("inscription", "x" * 41, "at most 40"),
        ("floors", "3.5", "not a whole number"),
        ("floors", "51", "largest allowed value is 50"),
        ("floors", True, "whole number"),
        ("area_ha", "-1", "smallest allowed value is 0"),
        ("area_ha", "sok", "not a number"),
        ("area_ha", "NaN", "not a number"),
        ("built_year", "3000", "largest allowed value"),
        ("listed_on", "2001-02-30", "not a date"),
        ("built", "valamikor régen", "not a date or period"),
        ("open_to_public", "talán", "neither yes nor no"),
        ("website", "javascript:alert(1)", "not a web address"),
        ("email", "nem-email", "not an e-mail address"),
        ("phones", ["+36 92 510 123", "12"], "not a Hungarian phone number"),
        ("isbn", "978-0-306-40615-8", "ISBN"),
        ("issn", "0317-8472", "ISSN"),
        ("tax_number", "10773381-9-44", "tax number"),
        ("ksh_code", "32055", "KSH code"),
        ("venue", "Zalaegerszeg", "KSH code"),
        ("maintainer", "Göcseji Múzeum", "not a record"),
        ("maintainer", [1, 2], "only one record"),
        ("contact", {"role": "elnök"}, "name of the person is missing"),
        ("contact", {"name": "Kiss Anna", "address": "Fő u. 1."}, "unknown parts: address"),
        ("contact", {"name": "Kiss Anna", "phone": "123"}, "phone number"),
        ("awards", [{"level": "gold"}], "is required"),
        ("awards", [{"body": "KÓTA", "level": "platinum"}], "not one of the choices"),
        ("awards", [{"body": "KÓTA", "grade": "x"}], "unknown parts: grade"),
        ("inscription", ["a", "b"], "only one value"),
    ],
)
def test_bad_values_are_refused_with_a_message_naming_the_field(heritage, key, raw, fragment):
    assert fragment in refused(heritage, key, raw)


def display(catalog, key, value, language="hu"):
    fdef = catalog.field_map[key]
    return field_type(fdef.type).display(value, field=fdef, catalog=catalog, language=language)


def test_display_uses_labels_in_the_language_and_escapes(heritage):
    assert display(heritage, "kind", "mansion") == "kastély"
    assert display(heritage, "kind", "mansion", "en") == "mansion"
    assert display(heritage, "features", ["tower", "organ"], "en") == (
        '<ul class="field-list"><li>tower</li><li>organ</li></ul>'
    )
    assert display(heritage, "inscription", "<b>") == "&lt;b&gt;"
    assert display(heritage, "open_to_public", True, "en") == "yes"
    assert display(heritage, "area_ha", "1234.5", "hu") == "1234,5"
    assert display(heritage, "inscription", None) == ""


def test_display_of_links_and_composites(heritage):
    assert display(heritage, "phones", ["+36 92 510 123"]) == (
        '<a href="tel:+3692510123">+36 92 510 123</a>'
    )
    assert 'href="mailto:a@b.hu"' in display(heritage, "email", "a@b.hu")
    assert 'rel="noopener noreferrer nofollow"' in display(heritage, "website", "https://x.hu")
    person = display(heritage, "contact", {"name": "Kiss <Anna>", "role": "elnök"})
    assert "Kiss &lt;Anna&gt;" in person and "elnök" in person
    awards = display(heritage, "awards", [{"body": "KÓTA", "level": "gold", "year": 2019}], "en")
    assert "<dt>Awarding body</dt><dd>KÓTA</dd>" in awards
    assert "<dd>gold grade</dd>" in awards
    history = display(heritage, "history", "<p>a</p><script>alert(1)</script>")
    assert "<script" not in history and "<p>a</p>" in history


def test_search_text_and_facets(heritage):
    def search(key, value):
        fdef = heritage.field_map[key]
        return field_type(fdef.type).search_text(value, field=fdef, catalog=heritage)

    def facets(key, value):
        fdef = heritage.field_map[key]
        return field_type(fdef.type).facet_values(value, field=fdef, catalog=heritage)

    assert set(search("kind", "mansion").split()) == {"kastély", "mansion", "Schloss"}
    assert search("history", "<p>Barokk &amp; rokokó</p>") == "Barokk & rokokó"
    assert search("awards", [{"body": "KÓTA", "level": "gold"}]) == "KÓTA Arany fokozat gold grade"
    assert "9780306406157" in search("isbn", "0306406152")
    assert facets("features", ["tower", "garden"]) == ["tower", "garden"]
    assert facets("open_to_public", False) == ["false"]
    assert facets("built_year", 1747) == ["1747"]
    assert facets("contact", {"name": "x"}) == []


def test_facet_filter_values_are_the_values_the_index_writes(heritage):
    def facet(key):
        fdef = heritage.field_map[key]
        return field_type(fdef.type), {"field": fdef, "catalog": heritage}

    kind, features, open_to_public, built = (
        facet(key) for key in ("kind", "features", "open_to_public", "built_year")
    )
    assert kind[0].facet_choices(**kind[1]) == ["church", "mansion", "spring"]
    assert features[0].facet_choices(**features[1]) == ["tower", "organ", "garden"]
    assert open_to_public[0].facet_choices(**open_to_public[1]) == ["true", "false"]
    assert built[0].facet_choices(**built[1]) is None  # any year in range
    assert kind[0].facet_value("mansion", **kind[1]) == "mansion"
    assert kind[0].facet_value("kastély", **kind[1]) is None  # a label is not a value
    assert open_to_public[0].facet_value("igen", **open_to_public[1]) is None
    assert built[0].facet_value("+01747", **built[1]) == "1747"
    assert built[0].facet_value("2500", **built[1]) is None
    assert built[0].facet_value("17th century", **built[1]) is None


def test_facet_labels_are_in_the_requested_language(heritage):
    def labels(key, values, language):
        fdef = heritage.field_map[key]
        kind = field_type(fdef.type)
        return kind.facet_labels(values, field=fdef, catalog=heritage, language=language)

    assert labels("kind", ["mansion", "gone"], "de") == {"mansion": "Schloss", "gone": "gone"}
    assert labels("open_to_public", ["true", "false"], "hu") == {"true": "igen", "false": "nem"}
    assert labels("built_year", ["1747"], "en") == {"1747": "1747"}


def test_form_fields_are_usable_without_json(heritage):
    def form_field(key):
        fdef = heritage.field_map[key]
        return field_type(fdef.type).form_field(field=fdef, catalog=heritage, language="en")

    assert isinstance(form_field("kind").widget, forms.Select)
    assert ("mansion", "mansion") in form_field("kind").choices
    assert isinstance(form_field("features").widget, forms.CheckboxSelectMultiple)
    assert isinstance(form_field("open_to_public"), forms.NullBooleanField)
    assert form_field("listed_on").widget.input_type == "date"
    assert form_field("kind").label == "Kind"
    html = form_field("awards").widget.render("awards", [{"body": "KÓTA", "level": "gold"}])
    assert 'name="awards-rows"' in html
    assert 'name="awards_0_body"' in html and 'value="KÓTA"' in html
    assert "<label" in html and "Awarding body" in html
    assert 'name="awards_1_body"' in html  # an empty row for a new entry


def test_row_widgets_read_back_what_they_render(heritage):
    fdef = heritage.field_map["awards"]
    form_field = field_type("group").form_field(field=fdef, catalog=heritage, language="hu")
    data = {
        "awards-rows": "3",
        "awards_0_body": "KÓTA", "awards_0_level": "gold", "awards_0_year": "2019",
        "awards_1_body": "", "awards_1_level": "", "awards_1_year": "",
        "awards_2_body": "Aranypáva", "awards_2_level": "", "awards_2_year": "",
    }  # fmt: skip
    raw = form_field.widget.value_from_datadict(data, {}, "awards")
    rows = form_field.clean(raw)
    assert rows == [{"body": "KÓTA", "level": "gold", "year": "2019"}, {"body": "Aranypáva"}]
    assert clean(heritage, "awards", rows)[1] == {"body": "Aranypáva"}


@pytest.mark.parametrize(
    "text", ["2010. május 13.", "2010.05.13.", "2010-05-13", "2010. máj. 13", "2010 Május 13."]
)
def test_dates_are_accepted_with_hungarian_month_names(heritage, text):
    fdef = heritage.field_map["listed_on"]
    assert field_type("date").clean(text, field=fdef, catalog=heritage) == "2010-05-13"


@pytest.mark.parametrize("text", ["2010. májusi 13.", "2010. május 32.", "13. május 2010"])
def test_worded_dates_that_are_not_dates_are_refused(heritage, text):
    fdef = heritage.field_map["listed_on"]
    with pytest.raises(ValidationError):
        field_type("date").clean(text, field=fdef, catalog=heritage)


EVERY_TYPE_RAW = {
    "kind": "church", "features": ["tower", "organ"], "inscription": "Soli Deo Gloria",
    "history": "<p>Első <b>bekezdés</b>.</p><p>Második.</p>", "floors": 3, "area_ha": "1234.5",
    "built_year": 1747, "listed_on": "2001-05-31", "built": "1747-1769", "open_to_public": True,
    "website": "https://x.hu/?a=1", "email": "info@example.hu",
    "phones": ["06 92 510 123", "+36 30 123 4567"], "isbn": "978-0-306-40615-7",
    "issn": "03178471", "tax_number": "10773381 2 44", "ksh_code": "32054", "venue": "32054",
    "maintainer": [7], "partners": [7, 8], "contact": {"name": "Nagy Béla", "role": "gondnok"},
    "awards": [{"body": "KÓTA", "level": "gold", "year": 2019}, {"body": "B & C"}],
    "internal_note": "belső", "secret_code": "K-1",
}  # fmt: skip


def test_json_ld_function_gives_json_ld_of_every_field_type(heritage):
    """The exports convert values through ``json_ld_function`` (prepared once per field); it
    must say exactly what ``json_ld`` says, for stored values, empty ones and a vocabulary
    term that no longer exists."""
    assert {fdef.type for fdef in heritage.fields} == set(field_type_keys())
    for language in ("hu", "en", "de"):
        for fdef in heritage.fields:
            kind = field_type(fdef.type)
            stored = clean(heritage, fdef.key, EVERY_TYPE_RAW[fdef.key])
            convert = kind.json_ld_function(field=fdef, catalog=heritage, language=language)
            for value in (stored, None, "", [], "  ", {}):
                expected = kind.json_ld(value, field=fdef, catalog=heritage, language=language)
                assert convert(value) == expected, (fdef.key, value, language)
    removed_term = ("kind", "gone"), ("features", ["gone", "tower"])
    for key, value in removed_term:
        fdef = heritage.field_map[key]
        kind = field_type(fdef.type)
        convert = kind.json_ld_function(field=fdef, catalog=heritage, language="en")
        assert convert(value) == kind.json_ld(value, field=fdef, catalog=heritage, language="en")


def _outcome(clean_value, raw):
    try:
        return clean_value(raw)
    except ValidationError as error:
        return ("refused", error.messages)


@pytest.mark.parametrize("key", ["kind", "features", "awards"])
@pytest.mark.parametrize(
    "raw",
    ["church", " Kastély ", "KIRCHE", "schloss", "Forrás", "castle", "", None, 5,
     ["tower", "Orgona", "KERT", "tower"], ["garden", "castle"],
     [{"body": "KÓTA", "level": "gold"}]],
)  # fmt: skip
def test_a_prepared_cleaner_cleans_as_clean_does(heritage, key, raw):
    fdef = heritage.field_map[key]
    kind = field_type(fdef.type)
    cleaner = kind.cleaner(field=fdef, catalog=heritage)
    expected = _outcome(lambda value: kind.clean(value, field=fdef, catalog=heritage), raw)
    assert _outcome(cleaner, raw) == expected
    assert _outcome(cleaner, raw) == expected  # used again: nothing of one value stays


def test_a_label_of_two_terms_names_the_first_one_in_clean_and_cleaner(heritage):
    from kozkincs.catalog.definitions import LocalizedText, Term

    kinds = [
        Term(key="chapel", label=LocalizedText(hu="Kápolna", en="chapel")),
        Term(key="oratory", label=LocalizedText(hu="Imaház", en="Chapel", de="Kapelle")),
    ]
    catalog = heritage.model_copy(
        update={"vocabularies": {**heritage.vocabularies, "kinds": kinds}}
    )
    fdef = catalog.field_map["kind"]
    kind = field_type(fdef.type)
    cleaner = kind.cleaner(field=fdef, catalog=catalog)
    for raw, expected in [("CHAPEL", "chapel"), ("kapelle", "oratory"), ("oratory", "oratory")]:
        assert kind.clean(raw, field=fdef, catalog=catalog) == expected
        assert cleaner(raw) == expected
