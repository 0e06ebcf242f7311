"""The history pages (inside the language prefix, before the web app's catch-all paths)."""

from django.urls import path

from kozkincs.history import views

app_name = "history"

urlpatterns = [
    path("valtozatok/<int:record_id>/", views.record_history, name="record_history"),
    path("valtozatok/<int:record_id>/osszevetes/", views.record_compare, name="compare"),
    path("valtozatok/<int:record_id>/visszaallitas/", views.record_revert_view, name="revert"),
    path("lomtar/", views.trash, name="trash"),
    path("lomtar/<int:record_id>/visszaallitas/", views.trash_restore, name="restore"),
    path("lomtar/<int:record_id>/vegleges-torles/", views.trash_purge, name="purge"),
]
