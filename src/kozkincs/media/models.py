"""Photos and PDF files of records.

The files live in Django's storage (``STORAGES["default"]``: ``var/media`` by default) under
random names; the rows say which files belong to which record and who may see them. A photo is
stored re-encoded (metadata stripped) with its thumbnails beside it (``renditions``); both are
written once, at upload, never while a page is shown.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.models import Record
from kozkincs.media.licences import Licence


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    MEMBERS = "members", _("members")
    STAFF = "staff", _("staff")


class RecordImage(models.Model):
    record = models.ForeignKey(
        Record, verbose_name=_("record"), on_delete=models.CASCADE, related_name="images"
    )
    file = models.FileField(_("file"), max_length=255)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    renditions = models.JSONField(
        _("thumbnails"),
        default=list,
        blank=True,
        help_text=_("Made at upload: width, height and stored name of each."),
    )
    alt_text = models.CharField(_("alternative text (Hungarian)"), max_length=300)
    alt_text_en = models.CharField(_("alternative text (English)"), max_length=300, blank=True)
    alt_text_de = models.CharField(_("alternative text (German)"), max_length=300, blank=True)
    credit = models.CharField(_("author or credit"), max_length=200, blank=True)
    licence = models.CharField(_("licence"), max_length=32, choices=Licence.choices)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_cover = models.BooleanField(_("cover image"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["record", "position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [
            models.UniqueConstraint(
                fields=["record"], condition=Q(is_cover=True), name="one_cover_image_per_record"
            ),
            models.CheckConstraint(condition=~Q(alt_text=""), name="image_alt_text_required"),
            models.CheckConstraint(
                condition=Q(licence__in=Licence.values), name="image_licence_known"
            ),
            models.CheckConstraint(
                condition=Q(width__gt=0, height__gt=0), name="image_size_positive"
            ),
        ]
        indexes = [models.Index(fields=["record", "is_cover"])]

    def __str__(self) -> str:
        return self.alt_text

    def stored_names(self) -> list[str]:
        """Every file of this photo in the storage: the original and its thumbnails."""
        return [self.file.name, *(item["name"] for item in self.renditions or [])]


class RecordAttachment(models.Model):
    """A PDF document of a record (a source, a letter of support) with who may see it."""

    record = models.ForeignKey(
        Record, verbose_name=_("record"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), max_length=255)
    title = models.CharField(_("title"), max_length=200)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.STAFF
    )
    size = models.PositiveBigIntegerField(_("size in bytes"))
    position = models.PositiveIntegerField(_("position"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["record", "position", "id"]
        verbose_name = _("file")
        verbose_name_plural = _("files")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="attachment_title_required"),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="attachment_visibility_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def stored_names(self) -> list[str]:
        return [self.file.name]
