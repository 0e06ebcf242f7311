"""Roles with scope: one grant per role a person holds (accounts are Django's users).

A contributor needs no grant (any account with a confirmed e-mail address). An editor's grant
names catalogs and/or settlements (empty = no limit on that side, but at least one is set);
a member's grant points at the record of the organisation, art group or community they
belong to; a moderator's grant may be limited like an editor's; an administrator's is not.
Every change is kept (django-simple-history) with who made it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    EDITOR = "editor", _("editor")
    MEMBER = "member", _("organisation member")
    MODERATOR = "moderator", _("moderator")
    ADMINISTRATOR = "administrator", _("administrator")


class RoleGrant(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_grants",
        verbose_name=_("account"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    catalogs = models.JSONField(
        _("catalogs"), default=list, blank=True, help_text=_("Catalog keys; empty: every catalog.")
    )
    settlements = models.ManyToManyField(
        "gazetteer.Settlement",
        blank=True,
        related_name="+",
        verbose_name=_("settlements"),
        help_text=_("Empty: every settlement."),
    )
    record = models.ForeignKey(
        "catalog.Record",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation record"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    history = HistoricalRecords(
        m2m_fields=[settlements],
        verbose_name=_("version of a role grant"),
        verbose_name_plural=_("versions of role grants"),
    )

    class Meta:
        ordering = ["user_id", "role", "id"]
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            # A member's grant points at a record; no other role's does.
            models.CheckConstraint(
                condition=(
                    models.Q(role="member", record__isnull=False)
                    | (~models.Q(role="member") & models.Q(record__isnull=True))
                ),
                name="role_grant_record_for_members_only",
            ),
            models.UniqueConstraint(
                fields=["user", "record"],
                condition=models.Q(role="member"),
                name="role_grant_one_membership_per_record",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(role="administrator"),
                name="role_grant_one_administrator_grant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.get_role_display()}"
