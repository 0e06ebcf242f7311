"""Download links of the exports, for the record lists and the settlement pages: the page's
filters kept, its paging left out."""

from dataclasses import dataclass

from django import template
from django.http import QueryDict
from django.utils.translation import gettext as _

from kozkincs.opendata.exports.downloads import LIST_ONLY
from kozkincs.opendata.links import EXPORT_FORMATS, REGION_EXPORT, export_download_path

register = template.Library()


@dataclass(frozen=True)
class DownloadLink:
    label: str
    url: str
    media_type: str


def _query(params: QueryDict, **extra: str) -> str:
    kept = QueryDict(mutable=True)
    for name, values in params.lists():
        if name not in LIST_ONLY:
            kept.setlist(name, values)
    for name, value in extra.items():
        kept[name] = value
    encoded = kept.urlencode()
    return "?" + encoded if encoded else ""


@register.inclusion_tag("opendata/includes/downloads.html", takes_context=True)
def export_links(context, catalog: str = "", settlement: str = "", count: int | None = None):
    """Links to the exports of ``catalog`` (else of every catalog) with the request's filters,
    or of the records of ``settlement`` (a KSH code) alone."""
    request = context["request"]
    params = QueryDict(f"settlement={settlement}") if settlement else request.GET
    name = catalog or REGION_EXPORT
    links = []
    for fmt in EXPORT_FORMATS.values():
        path = export_download_path(name, fmt.key)
        links.append(DownloadLink(fmt.label, path + _query(params), fmt.media_type))
        if fmt.key == "csv":
            excel = _query(params, separator="semicolon", encoding="windows-1250")
            links.append(DownloadLink(_("CSV for Hungarian Excel"), path + excel, fmt.media_type))
    return {"links": links, "count": count}
