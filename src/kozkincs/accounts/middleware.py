"""Two-factor authentication before anything else, for those whose role requires it.

A moderator, administrator or staff account (``permissions.requires_mfa``) that has no TOTP
authenticator is sent to the account page, which explains the two steps (a confirmed e-mail
address, then the authenticator app); one that has an authenticator but whose session was not
confirmed with it (a password-only login, for instance through the admin's login form) is
sent to allauth's "confirm with your second factor" page. The account, login and MFA pages
themselves, static files and the language switch stay reachable.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from kozkincs.accounts.permissions import requires_mfa

# URL names (namespace:name or name) reachable before the second factor is set up: the account
# pages and the read-only API (which shows the same to everyone).
OPEN_NAMESPACES = {"my_account", "api-v1"}
OPEN_NAMES = {"admin:login", "admin:logout", "set_language", "robots_txt"}
OPEN_PREFIXES = ("account_", "mfa_")


def _open(match) -> bool:
    if match is None:
        return True
    if match.namespace in OPEN_NAMESPACES or match.view_name in OPEN_NAMES:
        return True
    return not match.namespace and (match.url_name or "").startswith(OPEN_PREFIXES)


def session_confirmed_with_mfa(request) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class MfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.KOZKINCS_MFA_REQUIRED or _open(request.resolver_match):
            return None
        user = getattr(request, "user", None)
        if user is None or not requires_mfa(user):
            return None
        next_query = urlencode({"next": request.get_full_path()})
        if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            return redirect(f"{reverse('my_account:overview')}?{next_query}")
        if not session_confirmed_with_mfa(request):
            return redirect(f"{reverse('mfa_reauthenticate')}?{next_query}")
        return None
