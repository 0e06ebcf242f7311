"""Texts kept in Hungarian with optional English and German translations.

Models store the Hungarian text in ``<field>`` and the translations in ``<field>_en`` and
``<field>_de``. Display falls back to Hungarian when a translation is missing.
"""

from contextlib import AbstractContextManager, nullcontext
from typing import Any

from django.utils.translation import get_language, override

CONTENT_LANGUAGES = ("hu", "en", "de")
TRANSLATION_SUFFIXES = {"hu": "", "en": "_en", "de": "_de"}


def current_language() -> str:
    language = (get_language() or "hu").split("-")[0]
    return language if language in CONTENT_LANGUAGES else "hu"


def in_language(language: str) -> AbstractContextManager:
    """``translation.override(language)``, or nothing when ``language`` is already active:
    the displays of a record's fields run once per value inside a caller's override, and
    activating a language and restoring the previous one cost more than most of them (a
    tenth of the stored record JSON's CPU time, docs/explanation/performance.md)."""
    return nullcontext() if get_language() == language else override(language)


def localized_attribute(obj: Any, field: str, language: str | None = None) -> str:
    """The value of ``field`` on ``obj`` in ``language`` (default: active), Hungarian fallback."""
    language = language or current_language()
    value = getattr(obj, field + TRANSLATION_SUFFIXES.get(language, ""), "") or ""
    return value or (getattr(obj, field, "") or "")


def localized_text(texts: dict[str, str] | None, language: str | None = None) -> str:
    """Pick a language from a ``{"hu": …, "en": …, "de": …}`` mapping, Hungarian fallback."""
    if not texts:
        return ""
    language = language or current_language()
    return texts.get(language) or texts.get("hu") or next(iter(texts.values()), "")
