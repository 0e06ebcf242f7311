from django.urls import path

from kozkincs.network import views

app_name = "network"

urlpatterns = [
    path("halozat/", views.network_index, name="index"),
    path("halozat/graf.json", views.graph_json, name="graph_json"),
    path("halozat/halozatom/", views.my_network, name="my_network"),
    path("halozat/interju/", views.interview, name="interview"),
    path("halozat/egeszseg/", views.health, name="health"),
    path("halozat/szereplo/<int:actor_id>/", views.actor_detail, name="actor_detail"),
    path("halozat/szereplo/<int:actor_id>/profil/", views.actor_edit, name="actor_edit"),
    path("halozat/szereplo/<int:actor_id>/uj-kapcsolat/", views.tie_new, name="tie_new"),
    path("halozat/kapcsolat/<int:tie_id>/valasz/", views.tie_answer_view, name="tie_answer"),
    path("halozat/partnerkereso/", views.partner_finder, name="partner_finder"),
    path(
        "halozat/partnerkereso/megkereses/<int:actor_id>/",
        views.contact_request_new,
        name="contact_request",
    ),
    path(
        "halozat/megkereses/<int:request_id>/eredmeny/",
        views.contact_outcome,
        name="contact_outcome",
    ),
    path("halozat/uj-profil/<int:record_id>/", views.actor_create_view, name="actor_create"),
]
