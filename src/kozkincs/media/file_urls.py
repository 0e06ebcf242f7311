"""Where the stored files are served (no language prefix): ``/media/images/…``, ``/media/files/…``.

Nothing under ``MEDIA_URL`` is served straight from the storage: every file passes a view.
"""

from django.urls import path

from kozkincs.media.views import files

app_name = "media_files"

urlpatterns = [
    path("images/<int:image_id>/<str:name>", files.image_file, name="image"),
    path("files/<int:attachment_id>/", files.attachment_file, name="attachment"),
]
