"""Highlighted snippets: a short excerpt of a record's text with the matched words in <mark>.

Matching uses the same normalisation as the index, so "templomban" highlights "templom" and
"kastely" highlights "kastélyok". Everything but the <mark> tags is escaped.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kozkincs.core.i18n import localized_attribute
from kozkincs.core.rich_text import plain_text
from kozkincs.search.normalization import WORD_PATTERN, ParsedQuery

SNIPPET_WORDS = 30
WORDS_BEFORE_MATCH = 8
ELLIPSIS = "…"


def highlight(text: str, query: ParsedQuery, *, length: int = SNIPPET_WORDS) -> SafeString | None:
    """An excerpt of ``text`` around its first matched word, or ``None`` when nothing matches."""
    spans = [match.span() for match in WORD_PATTERN.finditer(text)]
    first = next(
        (n for n, (start, end) in enumerate(spans) if query.matches(text[start:end].casefold())),
        None,
    )
    if first is None:
        return None
    begin = max(0, first - WORDS_BEFORE_MATCH)
    end = min(len(spans), begin + length)
    # Only the shown words are tested (descriptions run to hundreds of words).
    marks = [
        n == first or (n > first and query.matches(text[start:stop].casefold()))
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


def record_snippet(record, *, attributes: str, query: ParsedQuery, language: str) -> SafeString:
    """The summary or description around its first matched word; else their beginning; the
    attribute values (highlighted) only for a record with neither.

    The attribute text holds every vocabulary label in all three languages ("Kastély, kúria
    Mansion or manor house Schloss oder Kurie"), which reads as noise in a list shown in one
    language, so a record's own prose is preferred even when only an attribute matched.
    """
    texts = [  # the description is HTML: its words only, on one line
        " ".join(plain_text(localized_attribute(record, column, language)).split())
        for column in ("summary", "description")
    ]
    if not query.is_empty:
        for text in texts:
            snippet = highlight(text, query) if text else None
            if snippet is not None:
                return snippet
    if texts[0] or texts[1]:
        return excerpt(texts[0] or texts[1])
    return (highlight(attributes, query) if attributes and not query.is_empty else None) or (
        excerpt(attributes)
    )
