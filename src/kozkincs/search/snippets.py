"""Highlighted snippets: a short excerpt of a record's text with the matched words in <mark>.

Matching uses the same normalisation as the index, so "templomban" highlights "templom" and
"kastely" highlights "kastélyok". Everything but the <mark> tags is escaped.
"""

from collections.abc import Callable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kozkincs.core.i18n import localized_attribute
from kozkincs.core.rich_text import plain_text
from kozkincs.search.normalization import WORD_PATTERN, ParsedQuery

SNIPPET_WORDS = 30
WORDS_BEFORE_MATCH = 8
ELLIPSIS = "…"


def highlight(
    text: str,
    query: ParsedQuery,
    *,
    length: int = SNIPPET_WORDS,
    is_match: Callable[[str], bool] | None = None,
) -> SafeString | None:
    """An excerpt of ``text`` around its first matched word, or ``None`` when nothing matches.

    The words are read only as far as the excerpt needs (a description runs to hundreds of
    words). ``is_match`` is ``query.word_matcher()``, shared by the snippets of one page."""
    is_match = is_match or query.word_matcher()
    spans: list[tuple[int, int]] = []
    first = None
    needed = 0  # words to read: the excerpt's last one, and one more to know it is cut
    for found in WORD_PATTERN.finditer(text):
        if first is not None and len(spans) >= needed:
            break
        spans.append(found.span())
        if first is None and is_match(found.group()):
            first = len(spans) - 1
            needed = max(0, first - WORDS_BEFORE_MATCH) + length + 1
    if first is None:
        return None
    begin = max(0, first - WORDS_BEFORE_MATCH)
    end = min(len(spans), begin + length)
    marks = [
        n == first or (n > first and is_match(text[start:stop]))
        for n, (start, stop) in enumerate(spans[begin:end], start=begin)
    ]
    return _render(text, spans[begin:end], marks, begin > 0, end < len(spans))


def excerpt(text: str, *, length: int = SNIPPET_WORDS) -> SafeString:
    """The beginning of ``text`` (escaped), for records matched only by name or filters."""
    spans = [match.span() for match in WORD_PATTERN.finditer(text)]
    if not spans:
        return mark_safe("")
    shown = spans[:length]
    return _render(text, shown, [False] * len(shown), False, len(spans) > length)


def _render(
    text: str,
    spans: list[tuple[int, int]],
    marks: list[bool],
    cut_before: bool,
    cut_after: bool,
) -> SafeString:
    parts = [ELLIPSIS] if cut_before else []
    position = spans[0][0] if cut_before else 0
    for (start, end), marked in zip(spans, marks, strict=True):
        if marked:  # text up to here is escaped in one piece
            parts.append(escape(text[position:start]))
            parts.append(f"<mark>{escape(text[start:end])}</mark>")
            position = end
    last = spans[-1][1] if cut_after else len(text)
    parts.append(escape(text[position:last]))
    if cut_after:
        parts.append(ELLIPSIS)
    return mark_safe("".join(parts))  # every piece above is escaped


def record_snippet(
    record,
    *,
    attributes: str,
    query: ParsedQuery,
    language: str,
    is_match: Callable[[str], bool] | None = None,
) -> SafeString:
    """The summary or description around its first matched word; else their beginning; the
    attribute values (highlighted) only for a record with neither.

    The attribute text holds every vocabulary label in all three languages ("Kastély, kúria
    Mansion or manor house Schloss oder Kurie"), which reads as noise in a list shown in one
    language, so a record's own prose is preferred even when only an attribute matched.
    ``is_match``: as for :func:`highlight`.
    """
    is_match = is_match or query.word_matcher()
    summary = _one_line(plain_text(localized_attribute(record, "summary", language)))
    if not query.is_empty and summary:
        snippet = highlight(summary, query, is_match=is_match)
        if snippet is not None:
            return snippet
    # The description (HTML, often long) is read only when the summary shows no match.
    description = _one_line(plain_text(localized_attribute(record, "description", language)))
    if not query.is_empty and description:
        snippet = highlight(description, query, is_match=is_match)
        if snippet is not None:
            return snippet
    if summary or description:
        return excerpt(summary or description)
    return (
        highlight(attributes, query, is_match=is_match)
        if attributes and not query.is_empty
        else None
    ) or (excerpt(attributes))


def _one_line(text: str) -> str:
    """The words of ``text`` separated by single spaces."""
    return " ".join(text.split())
