"""Template tags of the public site: language alternates, localized texts, embedded JSON."""

import json
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.encoding import iri_to_uri
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info, override

from kozkincs.catalog.registry import catalog_get
from kozkincs.core.i18n import TRANSLATION_SUFFIXES, current_language, localized_text
from kozkincs.core.rich_text import rich_text_sanitize

register = template.Library()

# The same escapes as django.utils.html.json_script: nothing can close the script element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class LanguageAlternate:
    code: str
    name: str
    url: str
    is_current: bool


def _translated_paths(request, codes: list[str]) -> dict[str, str]:
    """The request's path and query in each language: resolved once, reversed per language.

    What ``translate_url`` gives, without resolving the path again for every language; a path
    that does not resolve (the 404 page) stays as it is.
    """
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))
    full_path = request.get_full_path()
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return dict.fromkeys(codes, full_path)
    if match.url_name is None:
        return dict.fromkeys(codes, full_path)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    paths = {}
    for code in codes:
        with override(code):
            try:
                path = reverse(name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                path = full_path
            else:
                path = f"{path}?{query}" if query else path
        paths[code] = path
    return paths


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[LanguageAlternate]:
    """This page in every site language (same path and query, other language prefix)."""
    request = context.get("request")
    if request is None:
        return []
    active = current_language()
    try:
        origin = request.build_absolute_uri("/").rstrip("/")
    except DisallowedHost:
        # The 400 page for a bad Host header must still render: fall back to relative links.
        origin = ""
    paths = _translated_paths(request, [code for code, _name in settings.LANGUAGES])
    alternates = []
    for code, _name in settings.LANGUAGES:
        url = paths[code]
        alternates.append(
            LanguageAlternate(
                code=code,
                name=get_language_info(code)["name_local"],
                url=origin + url,
                is_current=code == active,
            )
        )
    return alternates


@dataclass(frozen=True)
class LocalizedValue:
    """A shared record text in the active language, or its Hungarian original as fallback."""

    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


@register.simple_tag
def localized_field(obj, field: str) -> LocalizedValue:
    """``obj.<field>_<lang>`` for the active language, else the Hungarian ``obj.<field>``."""
    language = current_language()
    translated = getattr(obj, field + TRANSLATION_SUFFIXES.get(language, ""), "") or ""
    if translated:
        return LocalizedValue(translated, language, False)
    original = getattr(obj, field, "") or ""
    return LocalizedValue(original, "hu", language != "hu" and bool(original))


@register.filter
def localized(text) -> str:
    """A catalog definition's ``LocalizedText`` (or a ``{"hu": …}`` dict) in the active language."""
    if text is None:
        return ""
    if isinstance(text, dict):
        return localized_text(text)
    return text.get(current_language())


@register.filter
def rich_text(value) -> SafeString:
    """A stored rich text (HTML sanitised on save) sanitised again and shown as HTML."""
    return mark_safe(rich_text_sanitize(str(value or "")))  # nh3 leaves only the allowlist


@register.simple_tag(takes_context=True)
def ld_json(context, data) -> SafeString:
    """Embed ``data`` as schema.org JSON-LD, carrying the CSP nonce."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    nonce = context.get("csp_nonce")
    # A LazyNonce is falsy until generated: test for None, and str() generates it.
    if nonce is not None:
        return format_html(
            '<script type="application/ld+json" nonce="{}">{}</script>',
            str(nonce),
            mark_safe(payload),
        )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag
def tile_settings() -> dict[str, str]:
    """The configured map tile server and its attribution."""
    return {"url": settings.KOZKINCS_TILE_URL, "attribution": settings.KOZKINCS_TILE_ATTRIBUTION}


@register.filter
def catalog_label(key: str) -> str:
    """The label of the catalog ``key`` in the active language (the key if it is unknown)."""
    definition = catalog_get(key)
    return definition.label.get(current_language()) if definition else key
