"""The message catalogs: complete in Hungarian, placeholders intact, and actually used.

The catalogs live in ``src/kozkincs/locale`` (``LOCALE_PATHS``); ``docs/how-to/translate.md``
says how to update them. The session fixture in ``tests/conftest.py`` compiles them when needed.
"""

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from kozkincs.catalog.fields import field_type
from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.services import record_create

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
PACKAGE_DIR = LOCALE_DIR.parent
LANGUAGES = ("hu", "de")
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"
# The same sources `makemessages` reads in docs/how-to/translate.md.
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
SKIPPED_DIRECTORIES = {"locale", "var", "vendor", "__pycache__"}

PERCENT_PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]+)\))?[#0 +\-]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa%]"
)
BRACE_PLACEHOLDER = re.compile(r"\{\w*\}")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def catalog(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def live_entries(language: str) -> Iterator[polib.POEntry]:
    return (entry for entry in catalog(language) if not entry.obsolete)


def placeholders(text: str, python_format: bool) -> list[str]:
    found = BRACE_PLACEHOLDER.findall(text) + HTML_TAG.findall(text)
    if python_format:
        found += [m.group(0) for m in PERCENT_PLACEHOLDER.finditer(text) if m.group(0) != "%%"]
    return sorted(set(found))


def translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def test_the_hungarian_catalog_has_no_untranslated_or_fuzzy_entries():
    incomplete = [
        entry.msgid
        for entry in live_entries("hu")
        if "fuzzy" in entry.flags or not all(translations(entry))
    ]
    assert incomplete == []


def test_no_catalog_has_fuzzy_entries():
    # msgfmt skips fuzzy entries, so the page would silently show the fallback language.
    fuzzy = {
        lang: [e.msgid for e in live_entries(lang) if "fuzzy" in e.flags] for lang in LANGUAGES
    }
    assert fuzzy == {"hu": [], "de": []}


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_headers_name_the_language_and_its_plural_rule(language):
    metadata = catalog(language).metadata
    assert metadata["Language"] == language
    assert metadata["Plural-Forms"] == PLURAL_FORMS
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_and_markup_of_the_msgid(language):
    mismatches = []
    for entry in live_entries(language):
        python_format = "python-format" in entry.flags
        expected = placeholders(entry.msgid + " " + entry.msgid_plural, python_format)
        for text in filter(None, translations(entry)):
            if placeholders(text, python_format) != expected:
                mismatches.append((entry.msgid, text))
    assert mismatches == []


def test_the_placeholder_check_notices_a_lost_or_renamed_placeholder():
    msgid = "Source %(n)d: “%(url)s” is not a <strong>web address</strong>."
    good = "%(n)d. forrás: „%(url)s” nem <strong>webcím</strong>."
    assert placeholders(good, True) == placeholders(msgid, True)
    assert placeholders("%(n)d. forrás: „%(link)s” nem <strong>webcím</strong>.", True) != (
        placeholders(msgid, True)
    )
    assert placeholders("%(n)d. forrás: „%(url)s” nem webcím.", True) != placeholders(msgid, True)
    assert placeholders("Szia {name}", False) != placeholders("Hello {user}", False)


def _copy_sources(target: Path) -> None:
    def skipped(directory: str, names: list[str]) -> set[str]:
        return {
            name
            for name in names
            if name in SKIPPED_DIRECTORIES
            or ((Path(directory) / name).is_file() and Path(name).suffix not in SOURCE_SUFFIXES)
        }

    shutil.copytree(PACKAGE_DIR, target, ignore=skipped)
    (target / "locale").mkdir()


def marked_strings(work_dir: Path, monkeypatch) -> set[tuple[str | None, str]]:
    """Every msgid `makemessages` finds in the code now, from a copy of the sources."""
    source = work_dir / "kozkincs"
    _copy_sources(source)
    monkeypatch.chdir(source)
    with override_settings(LOCALE_PATHS=[str(source / "locale")]):
        call_command(
            "makemessages", locale=["hu"], keep_pot=True, add_location="never", verbosity=0
        )
    template = polib.pofile(str(source / "locale" / "django.pot"))
    return {(entry.msgctxt, entry.msgid) for entry in template if entry.msgid}


def test_every_string_marked_in_the_code_is_in_the_catalogs(tmp_path, monkeypatch):
    in_code = marked_strings(tmp_path, monkeypatch)
    missing = {
        language: sorted(in_code - {(e.msgctxt, e.msgid) for e in live_entries(language)}, key=str)
        for language in LANGUAGES
    }

    assert len(in_code) > 100  # the extraction really read the project
    assert missing == {"hu": [], "de": []}, (
        "Run makemessages and translate (docs/how-to/translate.md)."
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "lang", "skip_link"),
    [
        ("/hu/", "hu", "Ugrás a fő tartalomra"),
        ("/en/", "en", "Skip to main content"),
        ("/de/", "de", "Zum Hauptinhalt springen"),
    ],
)
def test_the_home_page_speaks_the_language_of_its_address(client, path, lang, skip_link):
    response = client.get(path)

    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{lang}"' in page
    assert skip_link in page


@pytest.mark.django_db
def test_a_missing_page_is_explained_in_hungarian(client):
    response = client.get("/hu/nincs-ilyen-oldal/")

    assert response.status_code == 404
    assert "Az oldal nem található" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "name_error", "place_error"),
    [
        ("hu", "A magyar név megadása kötelező.", "Magyarországon kívül esnek"),
        ("en", "The Hungarian name is required.", "are outside Hungary"),
        ("de", "Der ungarische Name ist erforderlich.", "liegen außerhalb Ungarns"),
    ],
)
def test_catalog_engine_validation_errors_follow_the_active_language(
    language, name_error, place_error
):
    with translation.override(language):
        with pytest.raises(ValidationError) as caught:
            record_create(catalog="built-values", data={"name": " ", "lat": 52.52, "lon": 13.40})
        # The messages may be lazy: read them while the language is active, as a view would.
        errors = {key: [str(m) for m in messages] for key, messages in caught.value}

    assert errors["name"] == [name_error]
    assert place_error in " ".join(errors["lat"])
    assert not Record.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("hu", "Utolsó felújítás éve: „sok” nem egész szám."),
        ("en", "Last renovated: “sok” is not a whole number."),
        ("de", "Zuletzt renoviert: „sok“ ist keine ganze Zahl."),
    ],
)
def test_a_field_error_names_the_field_and_the_problem_in_the_active_language(language, message):
    built_values = catalog_get("built-values")
    field = built_values.field_map["last_renovated"]

    with translation.override(language), pytest.raises(ValidationError) as caught:
        field_type(field.type).clean("sok", field=field, catalog=built_values)

    assert caught.value.messages == [message]


@pytest.mark.parametrize(
    ("language", "one", "five"),
    [("hu", "1 adatlap", "5 adatlap"), ("de", "1 Eintrag", "5 Einträge")],
)
def test_plural_forms_follow_the_catalog_rule(language, one, five):
    with translation.override(language):
        forms = [
            translation.ngettext("%(counter)s record", "%(counter)s records", n) % {"counter": n}
            for n in (1, 5)
        ]
    assert forms == [one, five]
