from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kozkincs.meetings.changes import document_delete
from kozkincs.meetings.models import (
    AgendaItem,
    Decision,
    Meeting,
    MeetingDocument,
    MinutesSection,
    Participant,
)
from kozkincs.meetings.services import meeting_admin_saved, meeting_delete


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "title", "duration_minutes", "parent", "follows_up"]
    raw_id_fields = ["parent", "follows_up"]
    extra = 0


class ParticipantInline(admin.TabularInline):
    model = Participant
    exclude = ["version"]
    raw_id_fields = ["actor", "user"]
    extra = 0


class MinutesSectionInline(admin.StackedInline):
    model = MinutesSection
    exclude = ["version"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "settlement", "status", "is_demo"]
    list_filter = ["status", "is_demo"]
    search_fields = ["title", "venue_text"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["venue", "settlement", "created_by"]
    inlines = [AgendaItemInline, ParticipantInline, MinutesSectionInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        meeting_admin_saved(meeting=form.instance)

    def delete_model(self, request, obj):
        meeting_delete(meeting=obj)

    def delete_queryset(self, request, queryset):
        for meeting in queryset:
            meeting_delete(meeting=meeting)


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "responsible", "deadline", "status", "meeting"]
    list_filter = ["status", "is_demo"]
    search_fields = ["text"]
    raw_id_fields = ["meeting", "responsible"]


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "visibility", "size", "uploaded_at"]
    raw_id_fields = ["meeting", "uploaded_by"]
    readonly_fields = ["file", "size", "version"]

    def delete_model(self, request, obj):
        document_delete(document=obj, version=obj.version)

    def delete_queryset(self, request, queryset):
        for document in queryset:
            document_delete(document=document, version=document.version)
