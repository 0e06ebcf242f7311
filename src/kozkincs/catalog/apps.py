from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "kozkincs.catalog"
    verbose_name = _("Thematic databases")

    def ready(self) -> None:
        from kozkincs.catalog import checks  # noqa: F401  (registers the system checks)
