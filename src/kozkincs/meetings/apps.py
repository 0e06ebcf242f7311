from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "kozkincs.meetings"
    verbose_name = _("Roundtable meetings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kozkincs.accounts.personal_data import AccountData, account_data_register
        from kozkincs.catalog.demo.extensions import register_demo_loader
        from kozkincs.meetings.demo import load_meetings_demo
        from kozkincs.meetings.panels import open_decisions_panel
        from kozkincs.meetings.selectors import participation_rows
        from kozkincs.meetings.services import participations_erase
        from kozkincs.network.panels import register_my_network_panel

        register_demo_loader(load_meetings_demo)
        register_my_network_panel(open_decisions_panel)
        account_data_register(
            AccountData(
                section="roundtable_participations",
                rows=participation_rows,
                erase=participations_erase,
            )
        )
