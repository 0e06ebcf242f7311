"""The open-data page, inside the language prefixes (its path translated: ``/hu/nyilt-adatok/``,
``/en/open-data/``, ``/de/offene-daten/``), before the web app's catch-all catalog paths."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from kozkincs.opendata.exports import views

app_name = "opendata_site"

urlpatterns = [
    path(pgettext_lazy("URL path", "open-data/"), views.open_data_page, name="open_data"),
]
