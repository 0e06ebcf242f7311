from django.urls import path

from kozkincs.meetings import change_views, views

app_name = "meetings"

MEETING = "kerekasztal/<int:meeting_id>/"
PARTS = [  # (kind, slug, movable)
    ("agenda", "napirend", True),
    ("participant", "resztvevok", False),
    ("minutes", "jegyzokonyv", True),
    ("document", "dokumentumok", False),
]


def _part_urls(kind: str, slug: str, movable: bool) -> list:
    """Edit, delete (and move) one part of a meeting: ``meetings:<kind>_edit`` and so on."""
    part = f"{MEETING}{slug}/<int:part_id>/"
    urls = [
        path(part, change_views.part_edit, {"kind": kind}, name=f"{kind}_edit"),
        path(part + "torles/", change_views.part_delete, {"kind": kind}, name=f"{kind}_delete"),
    ]
    if movable:
        urls.append(
            path(part + "sorrend/", change_views.part_move, {"kind": kind}, name=f"{kind}_move")
        )
    return urls


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
] + [url for kind, slug, movable in PARTS for url in _part_urls(kind, slug, movable)]
