from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "kozkincs.dashboard"
    verbose_name = _("Strategy dashboard")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kozkincs.catalog.demo.extensions import register_demo_loader
        from kozkincs.dashboard import computations  # noqa: F401  (registers the computations)
        from kozkincs.dashboard.demo import load_strategy_demo

        register_demo_loader(load_strategy_demo)
