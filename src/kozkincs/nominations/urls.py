"""The value repository's pages (inside the language prefix, before the catalogs' paths)."""

from django.urls import path

from kozkincs.nominations import views

app_name = "nominations"

urlpatterns = [
    path("ertektar/", views.register, name="register"),
    path("ertektar/javaslat/", views.nominate, name="nominate"),
    path("ertektar/javaslat/<str:token>/", views.follow, name="follow"),
    path(
        "ertektar/javaslat/<str:token>/fajl/<int:file_id>/", views.follow_file, name="follow_file"
    ),
    path("ertektar/bizottsag/", views.committee_queue, name="committee_queue"),
    path(
        "ertektar/bizottsag/<int:nomination_id>/", views.committee_detail, name="committee_detail"
    ),
    path(
        "ertektar/bizottsag/<int:nomination_id>/elfogadas/",
        views.committee_accept,
        name="committee_accept",
    ),
    path(
        "ertektar/bizottsag/<int:nomination_id>/fajl/<int:file_id>/",
        views.committee_file,
        name="committee_file",
    ),
    path(
        "ertektar/bizottsag/<int:nomination_id>/<slug:action>/",
        views.committee_action,
        name="committee_action",
    ),
]
