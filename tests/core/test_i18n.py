"""``core.i18n.in_language``: the language asked for is active inside, the previous one after."""

from django.utils import translation

from kozkincs.core.i18n import in_language


def test_in_language_activates_a_different_language_and_restores_the_previous_one():
    with translation.override("hu"):
        with in_language("de"):
            assert translation.get_language() == "de"
        assert translation.get_language() == "hu"


def test_in_language_keeps_the_active_language_as_it_is():
    with translation.override("en"):
        with in_language("en"):
            assert translation.get_language() == "en"
        assert translation.get_language() == "en"
