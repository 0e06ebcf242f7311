from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "kozkincs.projects"
    verbose_name = _("Joint project ideas")
    default_auto_field = "django.db.models.BigAutoField"
