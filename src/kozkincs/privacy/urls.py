"""The account owner's pages (inside the language prefix, before allauth's pages under the
same ``fiok/`` prefix and the web app's catch-all paths)."""

from django.urls import path

from kozkincs.privacy import views

app_name = "my_account"

urlpatterns = [
    path("fiok/", views.overview, name="overview"),
    path("fiok/adataim/", views.data_download_request, name="data"),
    path("fiok/adataim/<str:token>/", views.data_download, name="data_download"),
    path("fiok/torles/", views.delete, name="delete"),
]
