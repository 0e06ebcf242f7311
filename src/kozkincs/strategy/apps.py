from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "kozkincs.strategy"
    verbose_name = _("Strategy")
