"""What the editing views share: refusals, messages, the form page's media."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import render
from js_asset import Media

from kozkincs.catalog.registry import catalog_get
from kozkincs.core.i18n import current_language

FORBIDDEN = 403
CONFLICT = 409


def refused(request: HttpRequest, message: str = "") -> HttpResponse:
    """Anonymous visitors log in first; others get a page saying they may not."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "editing/forbidden.html", {"message": message}, status=FORBIDDEN)


def not_found(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "editing/not_found.html", {"message": message}, status=404)


def error_texts(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for messages in error.message_dict.values() for m in messages]
    return list(error.messages)


def form_media(request: HttpRequest, form) -> Media:
    """The form's scripts and styles, the inline import map carrying the CSP nonce."""
    return Media.from_media(form.media, nonce=get_nonce(request))


def page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < len(raw) < 7 else 1


def catalog_labels(change_requests) -> None:
    """Give each change request its catalog's label in the current language."""
    language = current_language()
    for change_request in change_requests:
        definition = catalog_get(change_request.catalog)
        change_request.catalog_label = (
            definition.label.get(language) if definition else change_request.catalog
        )
