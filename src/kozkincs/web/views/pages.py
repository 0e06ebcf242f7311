"""About, accessibility statement and privacy notice: pages about the portal itself."""

from datetime import date

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kozkincs.gazetteer.attribution import data_sources
from kozkincs.strategy.selectors import priority_list


def about(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/pages/about.html",
        {"data_sources": data_sources(), "priorities": priority_list()},
    )


# Update both dates whenever the statement is reviewed (the law asks for a yearly review).
STATEMENT_PREPARED = date(2026, 11, 27)
STATEMENT_REVIEWED = date(2026, 11, 27)


def operator_context() -> dict[str, str]:
    return {
        "operator_name": settings.KOZKINCS_OPERATOR_NAME,
        "contact_email": settings.KOZKINCS_CONTACT_EMAIL,
    }


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/pages/accessibility.html",
        {
            **operator_context(),
            "prepared": STATEMENT_PREPARED,
            "reviewed": STATEMENT_REVIEWED,
            "site_url": request.build_absolute_uri("/"),
        },
    )


def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/pages/privacy.html",
        {
            **operator_context(),
            "tile_url": settings.KOZKINCS_TILE_URL,
            "tile_host": tile_host(settings.KOZKINCS_TILE_URL),
            "tile_attribution": settings.KOZKINCS_TILE_ATTRIBUTION,
        },
    )


def tile_host(url: str) -> str:
    """The host name of a tile URL template, e.g. ``tile.openstreetmap.org``."""
    parts = url.split("/")
    return parts[2] if len(parts) > 2 else url
