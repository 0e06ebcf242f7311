from django.urls import path

from kozkincs.meetings import views

app_name = "meetings"

urlpatterns = [
    path("kerekasztal/", views.meeting_list, name="list"),
    path("kerekasztal/naptar/", views.calendar, name="calendar"),
    path("kerekasztal/naptar.ics", views.ical_feed, name="ical"),
    path("kerekasztal/hatarozatok/", views.decision_list, name="decisions"),
    path("kerekasztal/uj/", views.meeting_create, name="create"),
    path("kerekasztal/<int:meeting_id>/", views.meeting_detail, name="detail"),
    path("kerekasztal/<int:meeting_id>/szerkesztes/", views.meeting_edit, name="edit"),
    path("kerekasztal/<int:meeting_id>/kezeles/", views.meeting_manage, name="manage"),
    path("kerekasztal/<int:meeting_id>/napirend/", views.agenda_add, name="agenda_add"),
    path("kerekasztal/<int:meeting_id>/resztvevok/", views.participant_add, name="participant_add"),
    path("kerekasztal/<int:meeting_id>/jelenlet/", views.attendance, name="attendance"),
    path("kerekasztal/<int:meeting_id>/jegyzokonyv/", views.minutes_add, name="minutes_add"),
    path("kerekasztal/<int:meeting_id>/dokumentumok/", views.document_add, name="document_add"),
    path("kerekasztal/<int:meeting_id>/hatarozatok/", views.decision_add, name="decision_add"),
    path(
        "kerekasztal/<int:meeting_id>/meghivok-kuldese/",
        views.invitations_send,
        name="invitations_send",
    ),
    path(
        "kerekasztal/<int:meeting_id>/jegyzokonyv-kuldese/",
        views.minutes_send,
        name="minutes_send",
    ),
    path("kerekasztal/dokumentum/<int:document_id>/", views.document_file, name="document"),
    path("kerekasztal/hatarozat/<int:decision_id>/", views.decision_edit, name="decision_edit"),
    path(
        "kerekasztal/hatarozat/<int:decision_id>/allapot/",
        views.decision_status,
        name="decision_status",
    ),
]
