from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kozkincs.strategy.models import StrategyPriority


@admin.register(StrategyPriority)
class StrategyPriorityAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "name_en", "name_de"]
    list_display_links = ["number", "name"]
    ordering = ["number"]
    search_fields = ["name", "name_en", "name_de"]
    fieldsets = [
        (None, {"fields": ["number"]}),
        (_("Hungarian"), {"fields": ["name", "description"]}),
        (_("English"), {"fields": ["name_en", "description_en"]}),
        (_("German"), {"fields": ["name_de", "description_de"]}),
    ]
