from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "kozkincs.nominations"
    verbose_name = _("Value repository nominations")
    default_auto_field = "django.db.models.BigAutoField"
