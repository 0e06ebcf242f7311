"""The public site's pages; mounted inside i18n_patterns, so every path starts /hu/, /en/, /de/.

Every page is a public read (``search.cache.public_read``): anonymous visitors get an ``ETag``
from the data version and ``304 Not Modified`` while nothing changed."""

from django.urls import path

from kozkincs.search.cache import public_read
from kozkincs.web.feeds import CatalogNewRecordsFeed, NewRecordsFeed
from kozkincs.web.views import catalogs, home, maps, pages, records, search, settlements

app_name = "web"

urlpatterns = [
    path("", public_read(home.home), name="home"),
    path("kereses/", public_read(search.search), name="search"),
    path("kereses/javaslatok/", public_read(search.search_suggestions), name="search_suggestions"),
    path("terkep/", public_read(maps.map_page), name="map"),
    path("telepulesek/", public_read(settlements.settlement_index), name="settlement_list"),
    path(
        "telepulesek/<slug:slug>/",
        public_read(etag=settlements.settlement_profile_etag)(settlements.settlement_detail),
        name="settlement_detail",
    ),
    path("r/<int:record_id>/", public_read(records.record_permalink), name="record_permalink"),
    path("rolunk/", public_read(pages.about), name="about"),
    path("akadalymentesseg/", public_read(pages.accessibility), name="accessibility"),
    path("adatvedelem/", public_read(pages.privacy), name="privacy"),
    path("hirfolyam/", public_read(NewRecordsFeed()), name="feed"),
    path("hirfolyam/<slug:catalog>/", public_read(CatalogNewRecordsFeed()), name="catalog_feed"),
    path("<slug:catalog>/", public_read(catalogs.catalog_detail), name="catalog_detail"),
    path("<slug:catalog>/<slug:slug>/", public_read(records.record_detail), name="record_detail"),
]
