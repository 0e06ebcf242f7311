"""The editing and moderation pages (inside the language prefix, before the web app's
catch-all paths)."""

from django.urls import path

from kozkincs.editing.views import contributions, matches, moderation, records

app_name = "editing"

urlpatterns = [
    path("szerkesztes/uj/", records.choose_catalog, name="choose_catalog"),
    path("szerkesztes/uj/<slug:catalog>/", records.record_create_view, name="create"),
    path("szerkesztes/<int:record_id>/", records.record_edit_view, name="edit"),
    path("szerkesztes/ellenorzes/<slug:catalog>/", records.record_validate, name="validate"),
    path("szerkesztes/telepulesek/", matches.settlement_matches_view, name="settlement_matches"),
    path("szerkesztes/adatok/<slug:catalog>/", matches.record_matches_view, name="record_matches"),
    path("hozzajarulasaim/", contributions.contributions, name="contributions"),
    path("hozzajarulasaim/<int:pk>/", contributions.proposal, name="proposal"),
    path("moderalas/", moderation.queue, name="queue"),
    path("moderalas/<int:pk>/", moderation.review, name="review"),
]
