from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kozkincs.accounts.models import RoleGrant


@admin.register(RoleGrant)
class RoleGrantAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "granted_at", "granted_by"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__username"]
    autocomplete_fields = ["settlements"]
    raw_id_fields = ["user", "record", "granted_by"]
