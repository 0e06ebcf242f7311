from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kozkincs.network.models import Actor, ActorOffer, NetworkSnapshot, Tie


class ActorOfferInline(admin.TabularInline):
    model = ActorOffer
    extra = 0


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "settlement", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name", "record__name"]
    raw_id_fields = ["record", "settlement"]
    filter_horizontal = ["priorities", "accounts"]
    autocomplete_fields: list[str] = []
    inlines = [ActorOfferInline]


@admin.register(Tie)
class TieAdmin(SimpleHistoryAdmin):
    list_display = ["source", "kind", "target", "status", "origin", "start_date", "end_date"]
    list_filter = ["status", "origin", "kind"]
    raw_id_fields = ["source", "target", "proposed_by_actor", "evidence_record"]
    readonly_fields = ["proposed_by", "answered_by", "answered_at", "derived_field"]


@admin.register(NetworkSnapshot)
class NetworkSnapshotAdmin(admin.ModelAdmin):
    list_display = ["year", "computed_at"]
    readonly_fields = ["year", "computed_at", "figures", "actor_figures", "settlement_figures",
                       "matrix"]  # fmt: skip
