from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "kozkincs.opendata"
    verbose_name = _("Open data")

    def ready(self) -> None:
        # No database access here: only the listeners are registered.
        from kozkincs.catalog.hooks import register_record_listener
        from kozkincs.gazetteer.hooks import register_settlement_listener
        from kozkincs.opendata.oai.tracking import (
            record_changed_listener,
            settlements_changed_listener,
        )

        register_record_listener(record_changed_listener)
        register_settlement_listener(settlements_changed_listener)
