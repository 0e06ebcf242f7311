"""The repeated items of the record lists, rendered in one pass each.

A list page has up to a hundred facet links and up to a hundred results. Rendered by the
template engine every item costs 50 to 100 µs (a dozen variable lookups, escaping, number
localisation); formatted here it costs a few. The markup is the same as a template would give:
change it here and in ``web/includes/listing.html`` together.
"""

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from kozkincs.media.templatetags.media_tags import cover_html
from kozkincs.web.facets import FacetGroup
from kozkincs.web.record_items import ListedRecord

register = template.Library()

_FACET_ITEM = (
    '<li><a id="{id}" href="{url}" hx-get="{url}"{current}>{label} '
    '<span class="count">({count}){note}</span></a></li>'
)
_RESULT_ITEM = (
    '<li{li_class}>\n  <h3><a href="{url}"{lang}>{name}</a></h3>\n'
    '  <p class="note">{note}</p>\n{snippet}{cover}</li>'
)


@register.simple_tag
def facet_value_items(group: FacetGroup) -> SafeString:
    """The ``<li>`` toggle links of one facet; a selected value says how to remove it."""
    selected_note = (
        f'<span class="visually-hidden">, '
        f"{escape(gettext('selected; choose to remove this filter'))}</span>"
    )
    return mark_safe(
        "\n".join(
            _FACET_ITEM.format(
                id=escape(link.element_id),
                url=escape(link.url),
                current=' aria-current="true"' if link.selected else "",
                label=escape(str(link.label)),
                count=link.count,
                note=selected_note if link.selected else "",
            )
            for link in group.links
        )
    )


def _note(record: ListedRecord, show_catalog: bool, link_settlement: bool, locations: bool) -> str:
    parts = [escape(record.catalog_label)] if show_catalog else []
    if record.settlement_name and link_settlement and record.settlement_url:
        parts.append(
            f'<a href="{escape(record.settlement_url)}">{escape(record.settlement_name)}</a>'
        )
    elif record.settlement_name:
        parts.append(escape(record.settlement_name))
    if locations and record.approximate:
        parts.append(escape(gettext("on the map at the settlement's centre (approximate)")))
    return " · ".join(parts)


def _snippet(record: ListedRecord) -> str:
    # The snippet is safe markup (its <mark>s) from the search; anything else is escaped.
    return f"  <p>{conditional_escape(record.snippet)}</p>\n" if record.snippet else ""


@register.simple_tag
def record_list_items(
    records: Iterable[ListedRecord],
    show_catalog: bool = False,
    *,
    link_settlement: bool = False,
    snippets: bool = True,
    locations: bool = False,
) -> SafeString:
    """The ``<li>`` items of a result list: name link, catalog and settlement, snippet, and the
    cover photo (``media_tags.cover_html``) when the record has one; with ``locations``, whether
    the map shows the record only approximately."""
    return mark_safe(
        "\n".join(
            _RESULT_ITEM.format(
                li_class=' class="has-cover"' if record.cover else "",
                cover=f"  {cover_html(record.cover)}\n" if record.cover else "",
                url=escape(record.url),
                lang=' lang="hu"' if record.name.is_fallback else "",
                name=escape(str(record.name.text)),
                note=_note(record, show_catalog, link_settlement, locations),
                snippet=_snippet(record) if snippets else "",
            )
            for record in records
        )
    )
