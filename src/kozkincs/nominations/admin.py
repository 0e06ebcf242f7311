from django.contrib import admin

from kozkincs.nominations.models import ValueCategory


@admin.register(ValueCategory)
class ValueCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "key", "catalog", "position"]
    ordering = ["position"]
