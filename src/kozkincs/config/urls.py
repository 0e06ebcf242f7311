from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from kozkincs.api.api import api
from kozkincs.web.sitemaps import site_sitemaps
from kozkincs.web.views.discovery import robots_txt, sitemap_index, sitemap_section

admin.site.site_header = _("Közkincs administration")
admin.site.site_title = "Közkincs"
admin.site.index_title = _("Maintaining the databases")

sitemaps = site_sitemaps(extra_pages=("opendata_site:open_data",))

urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_section,
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("", include("kozkincs.opendata.urls")),
    path("media/", include("kozkincs.media.file_urls")),
    *i18n_patterns(
        path("", include("kozkincs.media.urls")),
        path("", include("kozkincs.opendata.site_urls")),
        path("", include("kozkincs.api.site_urls")),
        path("", include("kozkincs.history.urls")),
        path("", include("kozkincs.editing.urls")),
        path("", include("kozkincs.accounts.urls")),
        path("", include("kozkincs.privacy.urls")),
        path("fiok/", include("allauth.urls")),
        path("", include("kozkincs.imports.urls")),
        path("", include("kozkincs.nominations.urls")),
        path("", include("kozkincs.contact.urls")),
        path("", include("kozkincs.network.urls")),
        path("", include("kozkincs.meetings.urls")),
        path("", include("kozkincs.dashboard.urls")),
        path("", include("kozkincs.projects.urls")),
        path("", include("kozkincs.web.urls")),
        prefix_default_language=True,
    ),
]

handler400 = "kozkincs.web.views.errors.bad_request"
handler404 = "kozkincs.web.views.errors.page_not_found"
