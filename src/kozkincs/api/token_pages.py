"""The account's API tokens page: list, create (the key is shown once) and revoke.

Logged-in users only; everyone sees and revokes only their own tokens.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kozkincs.api.tokens import VALID_DAYS, api_token_create, api_token_revoke, api_tokens_of


def _page(request: HttpRequest, *, status: int = 200, **context) -> HttpResponse:
    errors = dict(context.get("errors") or {})
    context.update(general_errors=errors.pop("__all__", []), errors=errors)
    context.update(tokens=api_tokens_of(request.user), lifetimes=VALID_DAYS)
    return render(request, "api/tokens.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request)
    if "revoke" in request.POST:
        try:
            token_id = int(request.POST["revoke"])
            revoked = api_token_revoke(user=request.user, token_id=token_id)
        except (ValueError, ValidationError) as error:
            message = error.messages if isinstance(error, ValidationError) else []
            return _page(request, status=400, errors={"__all__": message or [str(error)]})
        return _page(request, revoked=revoked)
    name = request.POST.get("name", "")
    try:
        days = int(request.POST.get("days", ""))
    except ValueError:
        days = 0
    try:
        token, key = api_token_create(user=request.user, name=name, days=days)
    except ValidationError as error:
        return _page(request, status=400, errors=error.message_dict, name=name)
    return _page(request, created=token, key=key)
