from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from kozkincs.strategy.models import Goal, Indicator, IndicatorValue, Measure, StrategyPriority

TRANSLATED_FIELDSETS = [
    (_("Hungarian"), {"fields": ["name", "description"]}),
    (_("English"), {"fields": ["name_en", "description_en"]}),
    (_("German"), {"fields": ["name_de", "description_de"]}),
]


@admin.register(StrategyPriority)
class StrategyPriorityAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "name_en", "name_de"]
    list_display_links = ["number", "name"]
    ordering = ["number"]
    search_fields = ["name", "name_en", "name_de"]
    fieldsets = [(None, {"fields": ["number"]}), *TRANSLATED_FIELDSETS]


class MeasureInline(admin.TabularInline):
    model = Measure
    extra = 0
    fields = ["number", "name", "name_en", "name_de", "is_demo"]


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "priority", "is_demo"]
    list_filter = ["priority", "is_demo"]
    search_fields = ["name", "name_en", "name_de"]
    fieldsets = [(None, {"fields": ["priority", "number", "is_demo"]}), *TRANSLATED_FIELDSETS]
    inlines = [MeasureInline]


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "goal", "is_demo"]
    list_filter = ["goal__priority", "is_demo"]
    search_fields = ["name", "name_en", "name_de"]
    fieldsets = [(None, {"fields": ["goal", "number", "is_demo"]}), *TRANSLATED_FIELDSETS]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ["year", "measured_on", "value", "source_note", "is_computed", "is_demo"]
    readonly_fields = ["is_computed"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "goal", "unit", "direction", "computed_by", "is_demo"]
    list_filter = ["goal__priority", "unit", "is_demo"]
    search_fields = ["name", "name_en", "name_de", "computed_by"]
    fieldsets = [
        (None, {"fields": ["goal", "measure", "unit", "direction", "computed_by", "is_demo"]}),
        (_("Baseline and target"), {"fields": [
            "baseline_value", "baseline_year", "target_value", "target_year"]}),
        *TRANSLATED_FIELDSETS,
    ]  # fmt: skip
    inlines = [IndicatorValueInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "value", "unit", "is_computed", "recorded_by"]
    list_filter = ["indicator__goal__priority", "is_computed", "year"]
    readonly_fields = ["unit", "is_computed", "recorded_by"]
    fields = ["indicator", "year", "measured_on", "value", "unit", "source_note", "is_demo",
              "is_computed", "recorded_by"]  # fmt: skip
