"""Counties, regions (micro-regions and districts), settlements and dated membership."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kozkincs.gazetteer.identifiers import is_valid_ksh_code


def validate_ksh_code(value: str) -> None:
    if not is_valid_ksh_code(value):
        raise ValidationError(
            _("%(value)s is not a valid KSH code (5 digits, the last one a check digit)."),
            code="invalid_ksh_code",
            params={"value": value},
        )


class County(models.Model):
    code = models.CharField(_("county code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    seat = models.ForeignKey(
        "Settlement",
        verbose_name=_("seat"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    """A grouping of settlements: a statistical micro-region (kistérség) or a district (járás)."""

    class Kind(models.TextChoices):
        MICRO_REGION = "kisterseg", _("micro-region (kistérség)")
        DISTRICT = "jaras", _("district (járás)")

    key = models.SlugField(_("key"), max_length=100, unique=True)
    code = models.CharField(_("code"), max_length=10, blank=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    county = models.ForeignKey(
        County, verbose_name=_("county"), on_delete=models.PROTECT, null=True, blank=True
    )
    seat = models.ForeignKey(
        "Settlement",
        verbose_name=_("seat"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Settlement(models.Model):
    class Status(models.TextChoices):
        CAPITAL = "főváros", _("capital")
        CAPITAL_DISTRICT = "fővárosi kerület", _("district of the capital")
        CITY_WITH_COUNTY_RIGHTS = "megyei jogú város", _("city with county rights")
        TOWN = "város", _("town")
        LARGE_VILLAGE = "nagyközség", _("large village")
        VILLAGE = "község", _("village")

    ksh_code = models.CharField(
        _("KSH code"), max_length=5, unique=True, validators=[validate_ksh_code]
    )
    name = models.CharField(_("name"), max_length=100, db_index=True)
    # Lower-case, accent-free name for lookups that work alike on SQLite and PostgreSQL.
    name_folded = models.CharField(_("name without accents"), max_length=100, db_index=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    status = models.CharField(_("legal status"), max_length=30, choices=Status.choices)
    county = models.ForeignKey(County, verbose_name=_("county"), on_delete=models.PROTECT)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    area_ha = models.PositiveIntegerField(_("area (ha)"), null=True, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    wikidata_id = models.CharField(_("Wikidata id"), max_length=20, blank=True)
    regions = models.ManyToManyField(
        Region, through="RegionMembership", related_name="settlements", blank=True
    )
    # Saved by the services with ``save()`` (a version each); the import writes in bulk with
    # simple-history's ``*_with_history`` helpers.
    history = HistoricalRecords(
        verbose_name=_("version of a settlement"),
        verbose_name_plural=_("versions of settlements"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lat__isnull=True) | models.Q(lat__gte=-90, lat__lte=90),
                name="settlement_lat_range",
            ),
            models.CheckConstraint(
                condition=models.Q(lon__isnull=True) | models.Q(lon__gte=-180, lon__lte=180),
                name="settlement_lon_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:settlement_detail", kwargs={"slug": self.slug})


class RegionMembership(models.Model):
    """A settlement belonged to a region from ``valid_from`` to ``valid_to`` (inclusive)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="memberships")
    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="memberships")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("region membership")
        verbose_name_plural = _("region memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "settlement", "valid_from"], name="unique_region_membership"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="membership_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.settlement} ∈ {self.region}"
