"""The administrators' pages: accounts with their roles, grant, revoke, deactivate.

Everyone else is refused (anonymous visitors are sent to the login); every bad input answers
with the page and a message in the visitor's language, and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kozkincs.accounts.forms import AccountSearchForm, RoleGrantForm
from kozkincs.accounts.models import RoleGrant
from kozkincs.accounts.permissions import can_manage_accounts
from kozkincs.accounts.selectors import account_email_addresses, account_list
from kozkincs.accounts.services import account_deactivate, role_grant_create, role_grant_revoke

PAGE_SIZE = 50


def _refused(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_manage_accounts(request.user):
        return render(request, "accounts/forbidden.html", status=403)
    return None


@require_GET
def accounts_list(request: HttpRequest) -> HttpResponse:
    if refused := _refused(request):
        return refused
    form = AccountSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(account_list(query=query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/account_list.html", {"form": form, "page": page})


def _account_page(request, account, form, *, status: int = 200) -> HttpResponse:
    context = {
        "account": account,
        "emails": account_email_addresses(user=account),
        "grants": account.role_grants.select_related("record").prefetch_related("settlements"),
        "form": form,
    }
    return render(request, "accounts/account_detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def account_detail(request: HttpRequest, account_id: int) -> HttpResponse:
    if refused := _refused(request):
        return refused
    account = get_object_or_404(get_user_model(), pk=account_id)
    if request.method == "GET":
        return _account_page(request, account, RoleGrantForm())
    form = RoleGrantForm(request.POST)
    if form.is_valid():
        try:
            role_grant_create(user=account, granted_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("The role was granted."))
            return redirect("accounts:detail", account_id=account.pk)
    return _account_page(request, account, form, status=400)


@require_POST
def grant_revoke(request: HttpRequest, account_id: int, grant_id: int) -> HttpResponse:
    if refused := _refused(request):
        return refused
    grant = get_object_or_404(RoleGrant, pk=grant_id, user_id=account_id)
    role_grant_revoke(grant=grant, revoked_by=request.user)
    messages.success(request, _("The role was revoked."))
    return redirect("accounts:detail", account_id=account_id)


@require_POST
def account_deactivate_view(request: HttpRequest, account_id: int) -> HttpResponse:
    if refused := _refused(request):
        return refused
    account = get_object_or_404(get_user_model(), pk=account_id)
    try:
        account_deactivate(user=account, deactivated_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _account_page(request, account, RoleGrantForm(), status=400)
    messages.success(request, _("The account was deactivated: it can no longer log in."))
    return redirect("accounts:detail", account_id=account.pk)
