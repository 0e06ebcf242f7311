"""The "Photos and files" pages of a record (inside the language prefix, before the web app's
catch-all catalog paths)."""

from django.urls import path

from kozkincs.media.views import pages

app_name = "media"

urlpatterns = [
    path("kepek-es-fajlok/<int:record_id>/", pages.record_media, name="record_media"),
    path(
        "kepek-es-fajlok/<int:record_id>/dokumentum/",
        pages.attachment_add,
        name="attachment_add",
    ),
    path(
        "kepek-es-fajlok/<int:record_id>/dokumentum/<int:attachment_id>/torles/",
        pages.attachment_remove,
        name="attachment_remove",
    ),
    path(
        "kepek-es-fajlok/<int:record_id>/kep/<int:image_id>/",
        pages.image_edit,
        name="image_edit",
    ),
    path(
        "kepek-es-fajlok/<int:record_id>/kep/<int:image_id>/torles/",
        pages.image_remove,
        name="image_remove",
    ),
    path(
        "kepek-es-fajlok/<int:record_id>/kep/<int:image_id>/<slug:action>/",
        pages.image_action,
        name="image_action",
    ),
]
