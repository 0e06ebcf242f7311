"""The administrators' account pages (inside the language prefix, before the web app's
catch-all paths)."""

from django.urls import path

from kozkincs.accounts import views

app_name = "accounts"

urlpatterns = [
    path("fiokok/", views.accounts_list, name="list"),
    path("fiokok/<int:account_id>/", views.account_detail, name="detail"),
    path(
        "fiokok/<int:account_id>/szerepek/<int:grant_id>/visszavonas/",
        views.grant_revoke,
        name="revoke",
    ),
    path("fiokok/<int:account_id>/letiltas/", views.account_deactivate_view, name="deactivate"),
]
