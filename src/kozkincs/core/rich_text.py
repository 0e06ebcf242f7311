"""Rich text: the one allowlist of HTML that editors' long texts may carry, and plain text.

Long texts (a record's description, a catalog field of type ``long_text``) are stored as HTML
sanitised with nh3 when they are saved (:func:`rich_text_clean`) and sanitised again when they
are shown (:func:`rich_text_sanitize`). Text typed without any markup is escaped and turned into
paragraphs: a blank line starts a new paragraph, a single line break becomes ``<br>``.

Search, snippets, list excerpts and JSON-LD use :func:`plain_text`: the words without tags,
the contents of ``<script>`` and ``<style>`` dropped.
"""

import html
import re

import nh3

ALLOWED_TAGS = frozenset(
    {"p", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "blockquote", "br"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer"

# A complete tag or comment: "<p>", "</a >", "<a href='…'>", "<br/>", "<!-- … -->". A lone "<"
# (as in "1 < 2" or "<3") is text.
_TAG = re.compile(
    r"<(?:[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?|/[a-zA-Z][a-zA-Z0-9-]*\s*|!--.*?--)>", re.S
)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
# Tags that make a text HTML with its own structure (its line breaks are not paragraphs).
_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|h[1-6]|ul|ol|li|blockquote|div|br|table|pre)\b", re.I)
# Where a block ends in HTML, a word ends in the plain text.
_BLOCK_BREAK = re.compile(
    r"<br\s*/?>|<\s*/?\s*(?:p|h[1-6]|li|blockquote|div|ul|ol|tr|td|th|table|pre)\b[^>]*>", re.I
)
# Common tags outside the allowlist that have an allowed equivalent (pasted or imported HTML).
_EQUIVALENT_TAGS = {"h1": "h2", "h5": "h4", "h6": "h4", "div": "p", "b": "strong", "i": "em"}
_EQUIVALENT_TAG = re.compile(r"<(/?)\s*(h1|h5|h6|div|b|i)\b", re.I)
# Elements whose content is not text: removed with it.
_CONTENT_DROPPED = re.compile(
    r"<\s*(?:script|style|template|noscript|textarea|iframe)\b|<!--", re.I
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# Runs of blanks, or a single blank other than a space (a single space, by far the most common,
# is left alone: substituting every one costs more than all the rest of ``plain_text``).
_SPACES = re.compile(r"[ \t\f\v\u00a0]{2,}|[\t\f\v\u00a0]")
_SPACES_TO_SQUEEZE = re.compile(r"  |[\t\f\v\u00a0]")
"""Where ``_SPACES`` would change something (one search instead of a substitution)."""
# What the sanitiser writes otherwise in text: a no-break space as "&nbsp;", a NUL not at all.
_SANITISER_CHANGES = re.compile("[\x00\u00a0]")


def rich_text_sanitize(value: str) -> str:
    """``value`` with only the allowed tags, attributes and URL schemes; links get
    ``rel="noopener noreferrer"``; scripts and styles are dropped with their content."""
    return nh3.clean(
        value,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()


def _paragraphs(text: str) -> str:
    parts = [part.strip() for part in _PARAGRAPH_BREAK.split(text) if part.strip()]
    return "".join(
        "<p>" + "<br>".join(line.strip() for line in part.split("\n")) + "</p>" for part in parts
    )


def rich_text_clean(value: str | None) -> str:
    """The HTML to store for ``value`` as typed by an editor or sent by an import.

    Plain text (no tag at all) is escaped and split into paragraphs; text with inline markup
    only (``<strong>``, ``<a>``) is split into paragraphs too, its markup kept; text with
    block markup (``<p>``, ``<ul>``, ``<br>``…) keeps its own structure. Everything is then
    sanitised, so the result holds nothing outside the allowlist.
    """
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    if not _BLOCK_TAG.search(text):
        has_markup = _TAG.search(text) or _ENTITY.search(text)
        if not has_markup and not _SANITISER_CHANGES.search(text):
            # Escaped text in paragraphs: nothing the sanitiser would change (a property test
            # compares the two); the sanitiser was a quarter of an import's validation.
            return _paragraphs(html.escape(text, quote=False))
        text = _paragraphs(text if has_markup else html.escape(text, quote=False))
    text = _EQUIVALENT_TAG.sub(
        lambda match: f"<{match[1]}{_EQUIVALENT_TAGS[match[2].lower()]}", text
    )
    return rich_text_sanitize(text)


def _normalised_whitespace(text: str) -> str:
    # Each step only where it changes something: most texts are one short line (per indexed
    # record and per search snippet).
    if _SPACES_TO_SQUEEZE.search(text):
        text = _SPACES.sub(" ", text)
    if "\n" in text:
        text = "\n".join(line.strip() for line in text.split("\n"))
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def plain_text(value: str | None) -> str:
    """The text of ``value`` without any tag: what search, snippets and excerpts show.

    Block ends become line breaks, so words of two paragraphs never run together. Entities
    are decoded; text that decodes into markup (``&lt;script&gt;``) is stripped again, so the
    result never contains a tag. Scripts, styles and comments go with their content (nh3);
    other tags are simply cut out, which is all the stored, sanitised HTML ever holds (and
    five times cheaper: this runs for every indexed record and every search snippet).
    """
    if not value:  # most language versions are empty
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if not (_TAG.search(text) or _ENTITY.search(text)):
        return _normalised_whitespace(text)
    text = _BLOCK_BREAK.sub("\n", text)
    for _round in range(4):
        if _CONTENT_DROPPED.search(text):
            text = nh3.clean(text, tags=set(), strip_comments=True)
        else:
            text = _TAG.sub("", text)
        text = html.unescape(text)
        if not (_TAG.search(text) or _ENTITY.search(text)):
            break
    if _TAG.search(text):  # entities nested deeper than the rounds above: no tag survives
        text = _TAG.sub("", text)
    return _normalised_whitespace(text)
