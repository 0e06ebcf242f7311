"""Staff editing of counties, regions and settlements; settlement writes go through services."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from kozkincs.gazetteer.models import County, Region, RegionMembership, Settlement
from kozkincs.gazetteer.services import EDITABLE_FIELDS, settlement_create, settlement_update
from kozkincs.gazetteer.validation import settlement_value_errors


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "seat"]
    list_select_related = ["seat"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["seat"]


class RegionMembershipInline(admin.TabularInline):
    model = RegionMembership
    extra = 0
    fields = ["settlement", "valid_from", "valid_to"]
    autocomplete_fields = ["settlement"]
    ordering = ["settlement__name"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "kind", "county", "seat", "valid_from", "valid_to", "members"]
    list_filter = ["kind", "county"]
    list_select_related = ["county", "seat"]
    search_fields = ["name", "key", "code"]
    prepopulated_fields = {"key": ["name"]}
    autocomplete_fields = ["seat"]
    inlines = [RegionMembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("memberships"))

    @admin.display(description=_("members"), ordering="member_count")
    def members(self, region: Region) -> int:
        return region.member_count


class SettlementAdminForm(forms.ModelForm):
    class Meta:
        model = Settlement
        fields = list(EDITABLE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Leave empty to make one from the name.")

    def clean(self):
        cleaned = super().clean()
        errors = settlement_value_errors(cleaned)
        for field, message in errors.items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return cleaned


class SettlementMembershipInline(admin.TabularInline):
    model = RegionMembership
    extra = 0
    fields = ["region", "valid_from", "valid_to"]
    autocomplete_fields = ["region"]
    verbose_name_plural = _("regions")


@admin.register(Settlement)
class SettlementAdmin(admin.ModelAdmin):
    form = SettlementAdminForm
    list_display = ["name", "ksh_code", "status", "county", "population", "population_year"]
    list_filter = ["county", "status", "regions"]
    list_select_related = ["county"]
    search_fields = ["name", "name_folded", "ksh_code"]
    autocomplete_fields = ["county"]
    inlines = [SettlementMembershipInline]
    fieldsets = [
        (None, {"fields": ["ksh_code", "name", "slug", "status", "county"]}),
        (_("Figures"), {"fields": ["population", "population_year", "area_ha"]}),
        (_("Location"), {"fields": ["lat", "lon", "boundary"]}),
        (_("Links"), {"fields": ["wikidata_id"]}),
    ]

    def save_model(self, request, obj, form, change):
        # The form has validated with the services' rules; the services save.
        values = {field: form.cleaned_data.get(field) for field in EDITABLE_FIELDS}
        if change:
            changes = {field: values[field] for field in form.changed_data if field in values}
            saved = settlement_update(
                settlement=Settlement.objects.get(pk=obj.pk), user=request.user, **changes
            )
        else:
            values["slug"] = values["slug"] or ""
            values["wikidata_id"] = values["wikidata_id"] or ""
            saved = settlement_create(**values, user=request.user)
        obj.pk = saved.pk
        obj._state.adding = False
        obj.refresh_from_db()
