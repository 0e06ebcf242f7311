from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kozkincs.projects.models import (
    Comment,
    Endorsement,
    FundingCall,
    Milestone,
    ProgressUpdate,
    ProjectIdea,
    ProjectPartner,
    StatusChange,
)


class PartnerInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0
    raw_id_fields = ["actor"]
    readonly_fields = ["invited_by", "invited_at", "answered_by", "answered_at"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class ProgressInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0
    readonly_fields = ["author"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    readonly_fields = ["old_status", "new_status", "changed_at", "changed_by", "note"]
    can_delete = False


@admin.register(ProjectIdea)
class ProjectIdeaAdmin(SimpleHistoryAdmin):
    """Status moves belong to the pages (the services check them), so the status is shown
    here but not edited."""

    list_display = ["title", "lead", "status", "estimated_budget", "is_demo"]
    list_filter = ["status", "is_demo", "priorities"]
    search_fields = ["title"]
    raw_id_fields = ["lead", "created_by"]
    filter_horizontal = ["priorities", "settlements", "funding_calls", "related_records"]
    readonly_fields = ["status", "version"]
    inlines = [PartnerInline, MilestoneInline, ProgressInline, StatusChangeInline]


@admin.register(FundingCall)
class FundingCallAdmin(admin.ModelAdmin):
    list_display = ["programme", "name", "deadline", "funding_rate", "is_demo"]
    list_filter = ["programme", "is_demo"]
    search_fields = ["programme", "name"]
    filter_horizontal = ["priorities"]


@admin.register(Endorsement)
class EndorsementAdmin(admin.ModelAdmin):
    list_display = ["idea", "actor", "created_at"]
    raw_id_fields = ["idea", "actor", "user"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["idea", "author", "created_at"]
    raw_id_fields = ["idea", "author"]
