"""The public site's pages; mounted inside i18n_patterns, so every path starts /hu/, /en/, /de/."""

from django.urls import path

from kozkincs.web.feeds import CatalogNewRecordsFeed, NewRecordsFeed
from kozkincs.web.views import catalogs, home, maps, pages, records, search, settlements

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("kereses/", search.search, name="search"),
    path("kereses/javaslatok/", search.search_suggestions, name="search_suggestions"),
    path("terkep/", maps.map_page, name="map"),
    path("telepulesek/", settlements.settlement_index, name="settlement_list"),
    path("telepulesek/<slug:slug>/", settlements.settlement_detail, name="settlement_detail"),
    path("r/<int:record_id>/", records.record_permalink, name="record_permalink"),
    path("rolunk/", pages.about, name="about"),
    path("akadalymentesseg/", pages.accessibility, name="accessibility"),
    path("adatvedelem/", pages.privacy, name="privacy"),
    path("hirfolyam/", NewRecordsFeed(), name="feed"),
    path("hirfolyam/<slug:catalog>/", CatalogNewRecordsFeed(), name="catalog_feed"),
    path("<slug:catalog>/", catalogs.catalog_detail, name="catalog_detail"),
    path("<slug:catalog>/<slug:slug>/", records.record_detail, name="record_detail"),
]
