"""The account owner's pages under /<language>/fiok/: overview (e-mail, password and
two-factor links), download my data (an expiring signed link), delete my account.

The login, e-mail, password and two-factor pages themselves are django-allauth's, mounted
under the same prefix; these pages call the accounts app and this app's services.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from kozkincs.accounts.models import Role
from kozkincs.accounts.permissions import (
    can_manage_accounts,
    can_propose,
    grants_of,
    is_administrator,
    is_moderator,
    requires_mfa,
)
from kozkincs.accounts.selectors import account_email_addresses
from kozkincs.privacy.forms import AccountDeleteForm
from kozkincs.privacy.links import LinkInvalid, data_link_check, data_link_token
from kozkincs.privacy.services import account_data_archive, account_delete

GONE = 410


def _role_names(user) -> list[str]:
    roles = list(dict.fromkeys(grant.role for grant in grants_of(user)))
    if is_administrator(user) and Role.ADMINISTRATOR not in roles:
        roles.append(Role.ADMINISTRATOR)
    elif is_moderator(user) and not roles:
        roles.append(Role.MODERATOR)
    return [Role(role).label for role in roles]


@never_cache
@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    context = {
        "emails": account_email_addresses(user=user),
        "has_totp": is_mfa_enabled(user, [Authenticator.Type.TOTP]),
        "mfa_required": settings.KOZKINCS_MFA_REQUIRED and requires_mfa(user),
        "roles": _role_names(user),
        "can_propose": can_propose(user),
        "can_manage_accounts": can_manage_accounts(user),
        "next_url": next_url,
    }
    return render(request, "privacy/account/overview.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def data_download_request(request: HttpRequest) -> HttpResponse:
    link = ""
    if request.method == "POST":
        token = data_link_token(user=request.user)
        link = request.build_absolute_uri(reverse("my_account:data_download", args=[token]))
    context = {"link": link, "minutes": settings.KOZKINCS_DATA_LINK_MINUTES}
    return render(request, "privacy/account/data.html", context)


@never_cache
@login_required
@require_GET
def data_download(request: HttpRequest, token: str) -> HttpResponse:
    try:
        data_link_check(token=token, user=request.user)
    except LinkInvalid:
        context = {"link": "", "minutes": settings.KOZKINCS_DATA_LINK_MINUTES, "expired": True}
        return render(request, "privacy/account/data.html", context, status=GONE)
    response = HttpResponse(account_data_archive(user=request.user), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="kozkincs-personal-data.zip"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None, request=request)
    if request.method == "POST":
        if form.is_valid():
            user = request.user
            account_delete(user=user)
            logout(request)
            messages.success(request, _("Your account and your personal data were deleted."))
            return redirect("web:home")
        return render(request, "privacy/account/delete.html", {"form": form}, status=400)
    return render(request, "privacy/account/delete.html", {"form": form})
