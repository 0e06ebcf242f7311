"""Writes of the accounts app: role grants and deactivation (administrators' actions)."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kozkincs.accounts.models import Role, RoleGrant
from kozkincs.accounts.permissions import grants_forget
from kozkincs.catalog.registry import catalog_get


def _validate_grant(*, role: str, catalogs: list[str], settlements: list, record) -> None:
    errors: dict[str, list[str]] = {}
    if role not in Role.values:
        errors["role"] = [_("Choose a role from the list.")]
    unknown = [key for key in catalogs if catalog_get(key) is None]
    if unknown:
        errors["catalogs"] = [_("Unknown catalog: %(keys)s.") % {"keys": ", ".join(unknown)}]
    if role == Role.EDITOR and not (catalogs or settlements):
        errors["catalogs"] = [_("An editor's role is limited to catalogs and/or settlements.")]
    if role == Role.MEMBER and record is None:
        errors["record"] = [_("A member's role needs the record of their organisation.")]
    if role != Role.MEMBER and record is not None:
        errors["record"] = [_("Only an organisation member's role points at a record.")]
    if role == Role.ADMINISTRATOR and (catalogs or settlements):
        errors["catalogs"] = [_("An administrator's role has no limits.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def role_grant_create(
    *,
    user,
    role: str,
    granted_by,
    catalogs: Iterable[str] = (),
    settlements: Iterable = (),
    record=None,
) -> RoleGrant:
    """Give ``user`` a role (validated first; nothing is saved when it is refused)."""
    catalogs, settlements = sorted(set(catalogs)), list(settlements)
    _validate_grant(role=role, catalogs=catalogs, settlements=settlements, record=record)
    existing = RoleGrant.objects.filter(user=user, role=role)
    if role == Role.MEMBER and existing.filter(record=record).exists():
        raise ValidationError({"record": [_("This account is already a member of it.")]})
    if role == Role.ADMINISTRATOR and existing.exists():
        raise ValidationError({"role": [_("This account is already an administrator.")]})
    grant = RoleGrant(user=user, role=role, catalogs=catalogs, record=record, granted_by=granted_by)
    grant._history_user = granted_by
    grant.save()
    grant.settlements.set(settlements)
    grants_forget(user)
    return grant


@transaction.atomic
def role_grant_revoke(*, grant: RoleGrant, revoked_by) -> None:
    grant._history_user = revoked_by
    grant.delete()
    grants_forget(grant.user)


@transaction.atomic
def account_deactivate(*, user, deactivated_by) -> None:
    """Block an account's logins (its grants and contributions stay, it can be reactivated
    in the admin)."""
    if user.pk == deactivated_by.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False


@transaction.atomic
def account_roles_remove(*, user) -> int:
    """Remove every grant of ``user`` (their account is being deleted)."""
    count = 0
    for grant in RoleGrant.objects.filter(user=user):
        role_grant_revoke(grant=grant, revoked_by=None)
        count += 1
    return count
