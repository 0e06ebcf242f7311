from django.urls import path

from kozkincs.contact import views

app_name = "contact"

urlpatterns = [
    path("kapcsolat/<int:record_id>/elkuldve/", views.contact_sent, name="contact_sent"),
    path("kapcsolat/<int:record_id>/<str:contact_key>/", views.contact_form, name="contact_form"),
]
