"""The strategy dashboard; its public pages are public reads (``ETag`` from the data version
and the dashboard's own stamp, ``304`` while nothing changed)."""

from django.urls import path

from kozkincs.dashboard import views
from kozkincs.search.cache import public_read

app_name = "dashboard"

cached = public_read(etag=views.dashboard_etag)

urlpatterns = [
    path("strategia/", cached(views.dashboard_index), name="index"),
    path("strategia/<int:number>/", cached(views.dashboard_priority), name="priority"),
    path("strategia/nyomtathato/", cached(views.dashboard_print), name="print"),
    path("strategia/adatok.csv", cached(views.dashboard_export), name="export"),
    path(
        "strategia/mutato/<int:indicator_id>/uj-ertek/",
        views.indicator_value_new,
        name="value_new",
    ),
    path("strategia/szamitas/", views.indicators_compute_now, name="compute"),
]
