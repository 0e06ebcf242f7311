"""Reads of the accounts app: the administrators' list of accounts."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from kozkincs.accounts.models import RoleGrant


def account_list(*, query: str = "") -> QuerySet:
    """Accounts, newest first, with their grants; ``query`` searches e-mail and names."""
    accounts = get_user_model().objects.order_by("-date_joined", "-id")
    query = query.strip()
    if query:
        accounts = accounts.filter(
            Q(email__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(emailaddress__email__icontains=query)
        ).distinct()
    grants = RoleGrant.objects.select_related("record").prefetch_related("settlements")
    return accounts.prefetch_related(Prefetch("role_grants", queryset=grants))


def account_get(*, account_id: int):
    return account_list().get(pk=account_id)


def account_email_addresses(*, user) -> list[EmailAddress]:
    return list(EmailAddress.objects.filter(user=user).order_by("-primary", "email"))
