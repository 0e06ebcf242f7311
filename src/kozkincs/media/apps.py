from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "kozkincs.media"
    verbose_name = _("Photos and files")
