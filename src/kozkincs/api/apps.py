from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "kozkincs.api"
    verbose_name = _("API")

    def ready(self) -> None:
        # No database access here: the stored record JSON follows every change in its
        # transaction, and check_index covers it.
        from kozkincs.accounts.personal_data import AccountData, account_data_register
        from kozkincs.api import stored_records
        from kozkincs.api.tokens import api_token_rows, api_tokens_erase
        from kozkincs.catalog.hooks import register_record_listener
        from kozkincs.core.derived_data import DerivedStore, register_derived_store
        from kozkincs.gazetteer.hooks import register_settlement_listener

        account_data_register(
            AccountData(section="api_tokens", rows=api_token_rows, erase=api_tokens_erase)
        )
        register_record_listener(stored_records.record_changed_listener)
        register_settlement_listener(stored_records.settlements_changed_listener)
        register_derived_store(
            DerivedStore(
                label=_("stored record JSON"),
                check=stored_records.representations_check,
                repair=stored_records.representations_write,
            )
        )
