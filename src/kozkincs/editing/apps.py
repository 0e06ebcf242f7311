from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditingConfig(AppConfig):
    name = "kozkincs.editing"
    verbose_name = _("Editing and moderation")
