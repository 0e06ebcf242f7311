"""What kinds of actors and ties the network knows, and which record relations become ties.

The catalogs whose records are organisations (civil organisations, art groups, ...) come from
``settings.KOZKINCS_NETWORK_ACTOR_CATALOGS`` (checked by :mod:`kozkincs.network.checks`); the
relations between such records that are ties already (an organisation running a cultural
centre) are listed once here, in :data:`DERIVED_RELATIONS`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActorKind(models.TextChoices):
    ORGANISATION = "organisation", _("organisation or institution (a record)")
    MUNICIPALITY = "municipality", _("municipality")
    CHURCH = "church", _("church or parish")
    COMPANY = "company", _("company")
    PERSON = "person", _("private person")


class TieKind(models.TextChoices):
    PARTNERSHIP = "partnership", _("partnership")
    MEMBERSHIP = "membership", _("member of")
    OPERATES = "operates", _("maintains or operates")
    PERFORMS_AT = "performs_at", _("performs at")
    CO_ORGANISED = "co_organised", _("co-organised an event")
    PROJECT = "project", _("worked together in a project")
    ROUNDTABLE = "roundtable", _("member of the roundtable")


SYMMETRIC_TIE_KINDS = frozenset(
    {TieKind.PARTNERSHIP, TieKind.CO_ORGANISED, TieKind.PROJECT, TieKind.ROUNDTABLE}
)
"""Ties without a direction: stored once, with the smaller actor id as source."""


class OfferKind(models.TextChoices):
    VENUE = "venue", _("venue")
    EQUIPMENT = "equipment", _("equipment")
    SKILLS = "skills", _("skills")
    VOLUNTEERS = "volunteers", _("volunteers")
    AUDIENCE = "audience", _("audience")
    OTHER = "other", _("other")


def actor_catalogs() -> frozenset[str]:
    """Keys of the catalogs whose records can be actors."""
    return frozenset(settings.KOZKINCS_NETWORK_ACTOR_CATALOGS)


@dataclass(frozen=True)
class DerivedRelation:
    """A record relation (``field`` of a record of ``catalog``) that is a tie of ``kind``.
    ``reverse``: the relation's target is the tie's source (the operator of a centre)."""

    catalog: str
    field: str
    kind: str
    reverse: bool = False


DERIVED_RELATIONS: tuple[DerivedRelation, ...] = (
    DerivedRelation("cultural-centres", "operator_organisation", TieKind.OPERATES, reverse=True),
    DerivedRelation("amateur-art", "home_venue", TieKind.PERFORMS_AT),
    DerivedRelation("amateur-art", "organisation", TieKind.OPERATES, reverse=True),
    DerivedRelation("civil-organisations", "venue", TieKind.PERFORMS_AT),
    DerivedRelation("cultural-services", "provider", TieKind.OPERATES, reverse=True),
    DerivedRelation("cultural-services", "provider_organisation", TieKind.OPERATES, reverse=True),
    DerivedRelation("traditions", "organisation", TieKind.OPERATES, reverse=True),
    DerivedRelation("traditions", "performing_group", TieKind.PARTNERSHIP),
    DerivedRelation("education-associations", "supporting_foundation", TieKind.PARTNERSHIP),
)


def derived_relation_get(catalog: str, field: str) -> DerivedRelation | None:
    return next((d for d in DERIVED_RELATIONS if d.catalog == catalog and d.field == field), None)
