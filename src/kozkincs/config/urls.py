from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from kozkincs.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    *i18n_patterns(path("", include("kozkincs.web.urls")), prefix_default_language=True),
]

handler400 = "kozkincs.web.views.errors.bad_request"
handler404 = "kozkincs.web.views.errors.page_not_found"
