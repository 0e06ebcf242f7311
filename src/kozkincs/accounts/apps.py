from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kozkincs.accounts"
    verbose_name = _("Accounts and roles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kozkincs.accounts import checks  # noqa: F401  (registers the deployment check)

        # The catalog sits below accounts: it asks through a registered test who sees
        # the staff level of records (moderators, administrators, staff).
        from kozkincs.accounts.permissions import is_moderator
        from kozkincs.catalog.visibility import staff_viewer_test_register

        staff_viewer_test_register(is_moderator)
