"""Staff editing of records in the Django admin, with forms generated from the catalogs.

The admin lists the catalogs by their labels with record counts and "add" links (on the
admin index, the app index and the record list). Adding starts by choosing the catalog.
The add and change pages use :mod:`kozkincs.catalog.forms` and save through the services,
so the rules are the same as everywhere else; the actions publish, unpublish and archive
through the services too.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kozkincs.catalog.forms import (
    conflict_rows,
    record_changed_fields,
    record_form_class,
    record_form_initial,
)
from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get, catalog_list
from kozkincs.catalog.selectors import record_counts_by_catalog
from kozkincs.catalog.services import (
    RecordConflict,
    record_archive,
    record_create,
    record_delete,
    record_publish,
    record_unpublish,
    record_update,
)
from kozkincs.core.i18n import current_language

# Change messages store field names untranslated (the history page translates them).
STATUS_FIELD_NAME = "status"

if admin.site.index_template is None:  # the index lists the catalogs (see the template)
    admin.site.index_template = "admin/catalog/index.html"


def catalog_entries() -> list[dict]:
    """The catalogs as the admin shows them: label, record count, list and add links."""
    language = current_language()
    counts = record_counts_by_catalog(public_only=False)
    changelist = reverse("admin:catalog_record_changelist")
    add = reverse("admin:catalog_record_add")
    return [
        {
            "key": definition.key,
            "label": definition.label.get(language),
            "description": definition.description.get(language),
            "record_label": definition.record_label.get(language),
            "count": counts.get(definition.key, 0),
            "changelist_url": f"{changelist}?catalog={definition.key}",
            "add_url": f"{add}?catalog={definition.key}",
        }
        for definition in catalog_list()
    ]


class CatalogFilter(admin.SimpleListFilter):
    title = _("thematic database")
    parameter_name = "catalog"

    def lookups(self, request, model_admin):
        language = current_language()
        return [(d.key, d.label.get(language)) for d in catalog_list()]

    def queryset(self, request, queryset):
        return queryset.filter(catalog=self.value()) if self.value() else queryset


@admin.register(Record)
class RecordAdmin(admin.ModelAdmin):
    list_display = ["name", "catalog_label", "settlement", "status", "is_demo", "updated_at"]
    list_filter = [CatalogFilter, "status", "is_demo"]
    list_select_related = ["settlement"]
    search_fields = ["name", "name_en", "name_de", "slug"]
    actions = ["publish_selected", "unpublish_selected", "archive_selected"]
    form_template = "admin/catalog/record/record_form.html"

    @admin.display(description=_("thematic database"), ordering="catalog")
    def catalog_label(self, record: Record) -> str:
        definition = catalog_get(record.catalog)
        return definition.label.get(current_language()) if definition else record.catalog

    def changelist_view(self, request, extra_context=None):
        selected = catalog_get(request.GET.get("catalog", ""))
        extra = {"catalog_entries": catalog_entries(), "selected_catalog": selected}
        if selected is not None:
            extra["selected_label"] = selected.record_label.get(current_language())
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    # --- add and change ---------------------------------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        definition = catalog_get(request.GET.get("catalog", ""))
        if definition is None:
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Choose a thematic database"),
                "catalog_entries": catalog_entries(),
            }
            return TemplateResponse(request, "admin/catalog/record/choose_catalog.html", context)
        return self._form_view(request, definition, None)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, unquote(object_id))
        if record is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, record):
            raise PermissionDenied
        definition = catalog_get(record.catalog)
        if definition is None:
            messages.error(request, _("The catalog of this record is not defined any more."))
            return HttpResponseRedirect(reverse("admin:catalog_record_changelist"))
        return self._form_view(request, definition, record)

    def _form_view(self, request, definition, record):
        language = current_language()
        form_class = record_form_class(definition, language)
        if record is None:
            can_save = self.has_add_permission(request)
        else:
            can_save = self.has_change_permission(request, record)
        conflict = None
        if request.method == "POST" and can_save:
            form = form_class(request.POST)
            if form.is_valid():
                try:
                    saved = self._save(request, form, definition, record)
                except RecordConflict as error:
                    conflict = error
                    form.add_error(None, error.message_dict["version"][0])
                    form.data = form.data.copy()
                    form.data["version"] = error.current_version
                except ValidationError as error:
                    form.add_service_errors(error.message_dict)
                else:
                    return self._saved_redirect(request, saved, definition)
        else:
            initial = record_form_initial(record, definition) if record else {}
            form = form_class(initial=initial)
        title = definition.record_label.get(language)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": record.name if record else _("New %(what)s") % {"what": title},
            "subtitle": definition.label.get(language),
            "form": form,
            "record": record,
            "definition_label": definition.label.get(language),
            "changelist_url": catalog_changelist_url(definition.key),
            "can_save": can_save,
            "can_purge": record is not None and self.has_delete_permission(request, record),
            "conflict_rows": conflict_rows(conflict, definition, language) if conflict else [],
            "media": self.media + form.media,
        }
        return TemplateResponse(request, self.form_template, context)

    def _save(self, request, form, definition, record) -> Record:
        data = form.record_data()
        if record is None:
            saved = record_create(catalog=definition.key, data=data, user=request.user)
        else:
            version = form.cleaned_data.get("version")
            if version is None:  # a form without its version must not overwrite anything
                raise RecordConflict(expected_version=None, current=record, attempted=data)
            before = record_form_initial(record, definition)
            saved = record_update(
                record=record, data=data, user=request.user, expected_version=version
            )
        if "_publish" in request.POST and saved.status != Record.Status.PUBLISHED:
            saved = record_publish(record=saved, user=request.user)
        if record is None:
            self.log_addition(request, saved, [{"added": {}}])
        else:
            after = record_form_initial(saved, definition)
            fields = record_changed_fields(before, after, definition, current_language())
            self.log_change(request, saved, [{"changed": {"fields": fields}}] if fields else [])
        return saved

    def _saved_redirect(self, request, record, definition):
        messages.success(request, _("“%(name)s” was saved.") % {"name": record.name})
        if "_continue" in request.POST:
            url = reverse("admin:catalog_record_change", args=[record.pk])
        elif "_addanother" in request.POST:
            url = reverse("admin:catalog_record_add") + f"?catalog={definition.key}"
        else:
            url = catalog_changelist_url(definition.key)
        return HttpResponseRedirect(url)

    # --- delete and actions -----------------------------------------------------------------

    def has_delete_permission(self, request, obj=None) -> bool:
        """Deleting here is for good (a purge, with the record's history): administrators
        only. Editors archive, which moves a record to the trash (see the history app)."""
        return bool(request.user.is_active and request.user.is_superuser)

    def delete_model(self, request, obj):
        record_delete(record=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for record in queryset:
            record_delete(record=record, user=request.user)

    def _apply(self, request, queryset, service) -> int:
        records = list(queryset)
        for record in records:
            service(record=record, user=request.user)
            self.log_change(request, record, [{"changed": {"fields": [STATUS_FIELD_NAME]}}])
        return len(records)

    @admin.action(description=_("Publish the selected records"), permissions=["change"])
    def publish_selected(self, request, queryset):
        count = self._apply(request, queryset, record_publish)
        message = ngettext("%(count)d record published.", "%(count)d records published.", count)
        messages.success(request, message % {"count": count})

    @admin.action(description=_("Unpublish the selected records"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        count = self._apply(request, queryset, record_unpublish)
        message = ngettext(
            "%(count)d record set back to draft.", "%(count)d records set back to draft.", count
        )
        messages.success(request, message % {"count": count})

    @admin.action(description=_("Archive the selected records"), permissions=["change"])
    def archive_selected(self, request, queryset):
        count = self._apply(request, queryset, record_archive)
        message = ngettext("%(count)d record archived.", "%(count)d records archived.", count)
        messages.success(request, message % {"count": count})


def catalog_changelist_url(key: str) -> str:
    return reverse("admin:catalog_record_changelist") + f"?catalog={key}"
