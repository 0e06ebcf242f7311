from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "kozkincs.network"
    verbose_name = _("Cultural network")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kozkincs.catalog.demo.extensions import register_demo_loader
        from kozkincs.catalog.hooks import register_record_listener
        from kozkincs.network import checks  # noqa: F401  (registers the system check)
        from kozkincs.network.demo import load_network_demo
        from kozkincs.network.services import record_changes_follow

        register_record_listener(record_changes_follow)
        register_demo_loader(load_network_demo)
