"""The matrix table: one or more cases per named URL of the portal.

A case names the URL, how to build its arguments from the world, the method, the form data of
a POST, and the status each role gets. ``guarded`` POSTs are also checked to change nothing
for every role that is refused. Every named URL pattern must appear here
(``test_every_named_url_is_in_the_matrix``); Django admin's own URLs are checked as a family
(``ADMIN_CASES`` in test_matrix.py).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from kozkincs.privacy.links import data_link_token
from kozkincs.projects.models import FundingCall, ProjectIdea
from tests.media import pictures
from tests.permissions.world import CATALOG, PASSWORD, ROLES, World

LOGIN = 302  # anonymous visitors are sent to the login
REFUSED = 403

EDIT_HERE = {"editor_here", "member_here", "moderator", "administrator"}
EDIT_OTHER = {"editor_other", "member_other", "moderator", "administrator"}
EDIT_HERE_NOT_MEMBERS = {"editor_here", "moderator", "administrator"}
MODERATORS = {"moderator", "administrator"}
ADMINISTRATORS = {"administrator"}
LOGGED_IN = set(ROLES) - {"anonymous"}


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def only(allowed: set[str], ok: int = 200, *, refused: int = REFUSED, anonymous: int = LOGIN):
    expect = {role: ok if role in allowed else refused for role in ROLES}
    expect["anonymous"] = anonymous
    return expect


def logged_in(ok: int = 200, *, anonymous: int = LOGIN) -> dict[str, int]:
    return only(LOGGED_IN, ok, anonymous=anonymous)


@dataclass(frozen=True)
class Case:
    name: str
    expect: dict[str, int]
    args: Callable[[World], list] = lambda w: []
    method: str = "GET"
    data: Callable[[World, str], dict] | None = None
    query: Callable[[World], dict] | None = None
    guarded: bool = False
    note: str = ""
    extra: dict = field(default_factory=dict)


def _here(w: World) -> list:
    return [w.here.pk]


def _versions(w: World) -> dict:
    versions = list(type(w.here).history.filter(id=w.here.pk).order_by("history_id"))
    return {"from": versions[0].history_id, "to": versions[-1].history_id}


def _revert(w: World, role: str) -> dict:
    first = type(w.here).history.filter(id=w.here.pk).order_by("history_id").first()
    return {
        "history_id": first.history_id,
        "version": type(w.here).objects.get(pk=w.here.pk).version,
    }


def _photo(w: World, role: str) -> dict:
    return {
        "photo-file": pictures.upload(pictures.photo()),
        "photo-alt_text": "A dalkör próbán",
        "photo-licence": "CC-BY-4.0",
        "photo-credit": "Kiss Ilona",
    }


def _document(w: World, role: str) -> dict:
    return {
        "document-file": pictures.upload(pictures.pdf(), "level.pdf", "application/pdf"),
        "document-title": "Támogató levél",
        "document-visibility": "public",
    }


def _image_texts(w: World, role: str) -> dict:
    return {"alt_text": "A dalkör a templomkertben", "licence": "CC-BY-4.0", "credit": "Kiss Ilona"}


def _grant(w: World, role: str) -> dict:
    return {"role": "editor", "settlements": "Bagod"}


def _contact(w: World, role: str) -> dict:
    return {
        "name": "Tóth Anna",
        "email": "toth.anna@example.hu",
        "message": "Szeretnénk meghívni a dalkört a falunapra.",
    }


def _accept_into(w: World) -> dict:
    return {"catalog": "nomination-test-values"}


def _own_link(w: World) -> list:
    return [data_link_token(user=w.users["member_here"])]


WEB = [
    Case("web:home", everyone(200)),
    Case("web:search", everyone(200), query=lambda w: {"q": "dalkör"}),
    Case("web:search_suggestions", everyone(200), query=lambda w: {"q": "dal"}),
    Case("web:map", everyone(200)),
    Case("web:settlement_list", everyone(200)),
    Case("web:settlement_detail", everyone(200), args=lambda w: [w.bagod.slug]),
    Case("web:record_permalink", everyone(302), args=_here),
    Case("web:about", everyone(200)),
    Case("web:accessibility", everyone(200)),
    Case("web:privacy", everyone(200)),
    Case("web:feed", everyone(200)),
    Case("web:catalog_feed", everyone(200), args=lambda w: [CATALOG]),
    Case("web:catalog_detail", everyone(200), args=lambda w: [CATALOG]),
    Case("web:record_detail", everyone(200), args=lambda w: [CATALOG, w.here.slug]),
    Case(
        "web:record_detail",
        everyone(404),
        args=lambda w: [CATALOG, w.draft.slug],
        note="a draft is not public (editing happens on the editing pages)",
    ),
    Case("robots_txt", everyone(200)),
    Case("sitemap_index", everyone(200)),
    Case("sitemap_section", everyone(200), args=lambda w: ["records"]),
    Case("set_language", everyone(302), method="POST", data=lambda w, r: {"language": "en"}),
]

API = [
    Case("api-v1:api-root", everyone(404), note="no page at the root"),
    Case("api-v1:openapi-json", everyone(200)),
    Case("api-v1:openapi-view", everyone(200)),
    Case("api-v1:catalog_list", everyone(200)),
    Case("api-v1:catalog_detail", everyone(200), args=lambda w: [CATALOG]),
    Case("api-v1:record_list", everyone(200)),
    Case("api-v1:record_geojson", everyone(200)),
    Case("api-v1:record_detail", everyone(200), args=_here),
    Case("api-v1:record_detail", everyone(404), args=lambda w: [w.draft.pk]),
    Case("api-v1:settlement_list", everyone(200)),
    Case("api-v1:settlement_detail", everyone(200), args=lambda w: [w.bagod.ksh_code]),
]

OPENDATA = [
    Case("opendata:oai", everyone(200), query=lambda w: {"verb": "Identify"}),
    Case("opendata:dcat", everyone(303), note="content negotiation"),
    Case("opendata:dcat_turtle", everyone(200)),
    Case("opendata:dcat_json_ld", everyone(200)),
    Case("opendata:region_download", everyone(200), args=lambda w: ["csv"]),
    Case("opendata:catalog_download", everyone(200), args=lambda w: [CATALOG, "csv"]),
    Case("opendata_site:open_data", everyone(200)),
]

MEDIA = [
    Case(
        "media_files:image",
        everyone(200),
        args=lambda w: [w.image.pk, w.image.file.name.rsplit("/", 1)[-1]],
    ),
    Case("media_files:attachment", everyone(200), args=lambda w: [w.attachment.pk]),
    Case(
        "media_files:attachment",
        only(EDIT_HERE | MODERATORS, refused=404, anonymous=404),
        args=lambda w: [w.staff_attachment.pk],
        note="a document for staff",
    ),
    Case("media:record_media", only(EDIT_HERE), args=_here),
    Case("media:record_media", only(EDIT_OTHER), args=lambda w: [w.other.pk]),
    Case(
        "media:record_media",
        only(EDIT_HERE, 302),
        args=_here,
        method="POST",
        data=_photo,
        guarded=True,
    ),
    Case(
        "media:attachment_add",
        only(EDIT_HERE, 302),
        args=_here,
        method="POST",
        data=_document,
        guarded=True,
    ),
    Case("media:attachment_remove", only(EDIT_HERE), args=lambda w: [w.here.pk, w.attachment.pk]),
    Case(
        "media:attachment_remove",
        only(EDIT_HERE, 302),
        method="POST",
        guarded=True,
        args=lambda w: [w.here.pk, w.attachment.pk],
        data=lambda w, r: {},
    ),
    Case("media:image_edit", only(EDIT_HERE), args=lambda w: [w.here.pk, w.image.pk]),
    Case(
        "media:image_edit",
        only(EDIT_HERE, 302),
        method="POST",
        guarded=True,
        args=lambda w: [w.here.pk, w.image.pk],
        data=_image_texts,
    ),
    Case("media:image_remove", only(EDIT_HERE), args=lambda w: [w.here.pk, w.image.pk]),
    Case(
        "media:image_remove",
        only(EDIT_HERE, 302),
        method="POST",
        guarded=True,
        args=lambda w: [w.here.pk, w.image.pk],
        data=lambda w, r: {},
    ),
    Case(
        "media:image_action",
        only(EDIT_HERE, 302),
        method="POST",
        guarded=True,
        args=lambda w: [w.here.pk, w.image.pk, "down"],
        data=lambda w, r: {},
    ),
]

HISTORY = [
    Case("history:record_history", only(EDIT_HERE), args=_here),
    Case("history:record_history", only(EDIT_OTHER), args=lambda w: [w.other.pk]),
    Case("history:compare", only(EDIT_HERE), args=_here, query=_versions),
    Case(
        "history:revert",
        only(EDIT_HERE, 302),
        args=_here,
        method="POST",
        data=_revert,
        guarded=True,
    ),
    Case("history:trash", only(MODERATORS)),
    Case(
        "history:restore",
        only(EDIT_HERE_NOT_MEMBERS, 302),
        method="POST",
        guarded=True,
        args=lambda w: [w.trashed.pk],
        data=lambda w, r: {},
    ),
    Case("history:purge", only(ADMINISTRATORS), args=lambda w: [w.trashed.pk]),
    Case(
        "history:purge",
        only(ADMINISTRATORS, 302),
        method="POST",
        guarded=True,
        args=lambda w: [w.trashed.pk],
        data=lambda w, r: {},
    ),
]

NOMINATIONS = [
    Case("nominations:register", everyone(200)),
    Case("nominations:nominate", everyone(200)),
    Case(
        "nominations:nominate",
        everyone(400),
        method="POST",
        guarded=True,
        data=lambda w, r: {"value_name": ""},
        note="an incomplete form saves nothing",
    ),
    Case("nominations:follow", everyone(200), args=lambda w: [w.nomination.follow_token]),
    Case(
        "nominations:follow_file", everyone(404), args=lambda w: [w.nomination.follow_token, 999999]
    ),
    Case("nominations:committee_queue", only(MODERATORS)),
    Case("nominations:committee_detail", only(MODERATORS), args=lambda w: [w.nomination.pk]),
    Case(
        "nominations:committee_accept",
        only(MODERATORS),
        args=lambda w: [w.nomination.pk],
        query=_accept_into,
    ),
    Case(
        "nominations:committee_accept",
        only(MODERATORS, 400),
        method="POST",
        guarded=True,
        args=lambda w: [w.nomination.pk],
        query=_accept_into,
        data=lambda w, r: {},
    ),
    Case(
        "nominations:committee_file",
        only(MODERATORS, 404),
        args=lambda w: [w.nomination.pk, 999999],
    ),
    Case(
        "nominations:committee_action",
        only(MODERATORS, 302),
        method="POST",
        guarded=True,
        args=lambda w: [w.nomination.pk, "reject"],
        data=lambda w, r: {"reject-reason": "Nem a térség értéke."},
    ),
]

CONTACT = [
    Case("contact:contact_form", everyone(200), args=lambda w: [w.here.pk, "leader"]),
    Case(
        "contact:contact_form",
        everyone(302),
        method="POST",
        args=lambda w: [w.here.pk, "leader"],
        data=_contact,
    ),
    Case("contact:contact_sent", everyone(200), args=_here),
]

ACCOUNTS = [
    Case("accounts:list", only(ADMINISTRATORS), query=lambda w: {"q": "example"}),
    Case("accounts:detail", only(ADMINISTRATORS), args=lambda w: [w.users["contributor"].pk]),
    Case(
        "accounts:detail",
        only(ADMINISTRATORS, 302),
        method="POST",
        guarded=True,
        args=lambda w: [w.users["contributor"].pk],
        data=_grant,
    ),
    Case(
        "accounts:detail",
        only(ADMINISTRATORS, 400),
        method="POST",
        guarded=True,
        args=lambda w: [w.users["contributor"].pk],
        note="a forged role",
        data=lambda w, r: {"role": "superuser"},
    ),
    Case(
        "accounts:revoke",
        only(ADMINISTRATORS, 302),
        method="POST",
        guarded=True,
        args=lambda w: [w.users["editor_here"].pk, w.users["editor_here"].role_grants.get().pk],
        data=lambda w, r: {},
    ),
    Case(
        "accounts:deactivate",
        only(ADMINISTRATORS, 302),
        method="POST",
        guarded=True,
        args=lambda w: [w.users["contributor"].pk],
        data=lambda w, r: {},
    ),
]

MY_ACCOUNT = [
    Case("my_account:overview", logged_in()),
    Case("my_account:data", logged_in()),
    Case("my_account:data", logged_in(), method="POST", data=lambda w, r: {}),
    Case(
        "my_account:data_download",
        only({"member_here"}, refused=410),
        args=_own_link,
        note="a link works for its own account only",
    ),
    Case("my_account:delete", logged_in()),
    Case(
        "my_account:delete",
        logged_in(400),
        method="POST",
        guarded=True,
        data=lambda w, r: {"password": "rossz jelszó", "confirm": "on"},
    ),
    Case(
        "my_account:delete",
        logged_in(302),
        method="POST",
        data=lambda w, r: {"password": PASSWORD, "confirm": "on"},
    ),
]

# django-allauth's pages: the entrance pages send logged-in visitors on, the account pages
# send anonymous visitors to the login; links with a key answer every role alike.
ENTRANCE = {**everyone(302), "anonymous": 200}
ALLAUTH = [
    Case("account_login", ENTRANCE),
    Case("account_signup", ENTRANCE),
    Case("account_logout", logged_in(anonymous=302)),
    Case("account_inactive", everyone(200)),
    Case("account_reauthenticate", logged_in()),
    Case(
        "account_request_reauthentication_code",
        {**logged_in(), "administrator": 302},
        note="a code needs an e-mail address to go to",
    ),
    Case("account_confirm_reauthentication_code", logged_in(302)),
    Case("account_email", logged_in()),
    Case("account_email_verification_sent", everyone(200)),
    Case("account_change_password", logged_in()),
    Case("account_set_password", logged_in(302)),
    Case("account_reset_password", everyone(200)),
    Case("account_reset_password_done", everyone(200)),
    Case("account_reset_password_from_key", everyone(200), args=lambda w: ["1", "bad-key"]),
    Case("account_reset_password_from_key_done", everyone(200)),
    Case("account_confirm_login_code", everyone(302)),
    Case("account_confirm_email", everyone(200), args=lambda w: ["bad-key"]),
    Case("mfa_index", logged_in()),
    Case("mfa_authenticate", everyone(302)),
    Case("mfa_reauthenticate", logged_in(302)),
    Case("mfa_activate_totp", logged_in(302)),
    Case("mfa_deactivate_totp", logged_in(404), note="no authenticator to deactivate"),
    Case("mfa_view_recovery_codes", logged_in(404)),
    Case("mfa_generate_recovery_codes", logged_in(302)),
    Case("mfa_download_recovery_codes", logged_in(404)),
]


def _network_actor(w: World):
    from kozkincs.network.models import Actor

    return Actor.objects.get_or_create(kind="organisation", record=w.here)[0]


def _network_tie(w: World) -> list:
    from kozkincs.network.models import Actor, Tie

    here = _network_actor(w)
    other = Actor.objects.get_or_create(kind="organisation", record=w.other)[0]
    tie = Tie.objects.get_or_create(
        source=here, target=other, kind="performs_at", defaults={"proposed_by_actor": here}
    )[0]
    return [tie.pk]


def _contact_request(w: World) -> list:
    """A contact request "this" organisation's member sent to the other organisation."""
    from kozkincs.network.models import Actor, ContactRequest

    here = _network_actor(w)
    other = Actor.objects.get_or_create(kind="organisation", record=w.other)[0]
    request = ContactRequest.objects.get_or_create(
        sender=w.users["member_here"], from_actor=here, to_actor=other,
        defaults={"message": "Szervezzünk közösen falunapot!"},
    )[0]  # fmt: skip
    return [request.pk]


# The cultural network (tests/network/test_views.py checks the linked-account side and that a
# refused POST changes no actor or tie). The coordinator is whoever moderates everywhere (the
# moderator, the administrator); an organisation's members act for its actor.
NETWORK_HERE = {"member_here", "moderator", "administrator"}
NETWORK_OTHER = {"member_other", "moderator", "administrator"}
NETWORK = [
    Case("network:index", everyone(200)),
    Case("network:graph_json", everyone(200)),
    Case("network:actor_detail", everyone(200), args=lambda w: [_network_actor(w).pk]),
    Case("network:actor_edit", only(NETWORK_HERE), args=lambda w: [_network_actor(w).pk]),
    Case(
        "network:actor_edit",
        only(NETWORK_HERE, 302),
        method="POST",
        args=lambda w: [_network_actor(w).pk],
        data=lambda w, role: {"description": "Kórus", "description_en": "", "themes": ""},
    ),
    Case("network:tie_new", only(NETWORK_HERE), args=lambda w: [_network_actor(w).pk]),
    Case(
        "network:tie_answer",
        only(NETWORK_OTHER, 302),
        method="POST",
        args=_network_tie,
        data=lambda w, role: {"answer": "confirm"},
    ),
    Case("network:my_network", logged_in()),
    Case("network:interview", only(MODERATORS)),
    Case("network:health", only(MODERATORS)),
    Case("network:partner_finder", everyone(200)),
    Case(
        "network:partner_finder",
        everyone(200),
        query=lambda w: {"priority": "1", "need": "venue"},
        note="with wishes",
    ),
    Case(
        "network:partner_finder",
        everyone(400),
        query=lambda w: {"need": "rockets"},
        note="bad input",
    ),
    Case("network:contact_request", logged_in(), args=lambda w: [_network_actor(w).pk]),
    Case(
        "network:contact_request",
        logged_in(302),
        method="POST",
        args=lambda w: [_network_actor(w).pk],
        data=lambda w, role: {"message": "Szervezzünk közösen falunapot jövőre!"},
        guarded=True,
    ),
    Case(
        "network:contact_outcome",
        only({"member_here"} | NETWORK_OTHER, 302),
        method="POST",
        args=_contact_request,
        data=lambda w, role: {"outcome": "met"},
        guarded=True,
    ),
    Case("network:actor_create", only(EDIT_HERE), args=lambda w: [w.here.pk]),
    Case(
        "network:actor_create",
        only(EDIT_HERE, 302),
        method="POST",
        args=lambda w: [w.here.pk],
        guarded=True,
    ),
]


def _meeting(w: World):
    """A held meeting in the past (2010), made once per world."""
    from datetime import UTC, datetime

    from kozkincs.meetings.models import Meeting
    from kozkincs.meetings.services import meeting_create

    existing = Meeting.objects.filter(title="Mátrix ülés").first()
    return existing or meeting_create(
        title="Mátrix ülés", starts_at=datetime(2010, 5, 13, 8, tzinfo=UTC),
        ends_at=datetime(2010, 5, 13, 11, tzinfo=UTC), venue_text="Könyvtár",
        status=Meeting.Status.HELD,
    )  # fmt: skip


def _meeting_id(w: World) -> list:
    return [_meeting(w).pk]


def _decision(w: World) -> list:
    from kozkincs.meetings.models import Decision

    decision = Decision.objects.filter(meeting=_meeting(w)).first() or Decision.objects.create(
        meeting=_meeting(w), text="Mátrix határozat", responsible=_network_actor(w)
    )
    return [decision.pk]


def _meeting_document(w: World) -> list:
    from kozkincs.meetings.services import document_add

    pdf = pictures.upload(pictures.pdf(), "meghivo.pdf", "application/pdf")
    document = document_add(meeting=_meeting(w), upload=pdf, title="Meghívó", visibility="members")
    return [document.pk]


def _new_meeting(w: World, role: str) -> dict:
    return {"title": "Új ülés", "starts_at": "2030-05-13T10:00", "ends_at": "2030-05-13T12:00",
            "venue_text": "Könyvtár", "status": "planned"}  # fmt: skip


def _meeting_parts(w: World) -> dict:
    """Two agenda items, a participant, a section of the minutes and a document of the
    matrix meeting, made once per world."""
    from kozkincs.meetings import services
    from kozkincs.meetings.models import MeetingDocument

    meeting = _meeting(w)
    if not meeting.agenda_items.exists():
        services.agenda_item_add(meeting=meeting, title="Megnyitó")
        services.agenda_item_add(meeting=meeting, title="Beszámoló")
        services.participant_add(meeting=meeting, actor=_network_actor(w), attended=True)
        services.minutes_section_add(meeting=meeting, heading="Összefoglaló", body="Szöveg")
    if not MeetingDocument.objects.filter(meeting=meeting, visibility="public").exists():
        pdf = pictures.upload(pictures.pdf(), "napirend.pdf", "application/pdf")
        services.document_add(meeting=meeting, upload=pdf, title="Napirend", visibility="public")
    return {
        "agenda": meeting.agenda_items.order_by("position").last(),
        "participant": meeting.participants.get(),
        "minutes": meeting.minutes.get(),
        "document": meeting.documents.get(visibility="public"),
    }


def _part_args(kind: str):
    return lambda w: [_meeting(w).pk, _meeting_parts(w)[kind].pk]


def _part_version(w: World, kind: str) -> int:
    part = _meeting_parts(w)[kind]
    return type(part).objects.get(pk=part.pk).version


PART_EDITS = {
    "agenda": lambda w: {"agenda-title": "Beszámoló (javítva)", "agenda-duration_minutes": "15"},
    "participant": lambda w: {"participant-invited": "on"},
    "minutes": lambda w: {"minutes-heading": "Összegzés", "minutes-visibility": "members"},
    "document": lambda w: {
        "document-title": "Napirend (végleges)",
        "document-visibility": "public",
    },
}


def _part_cases(kind: str, movable: bool) -> list[Case]:
    """Edit (GET, POST), delete (the question, the POST) and move: the coordinators only."""
    args = _part_args(kind)
    cases = [
        Case(f"meetings:{kind}_edit", only(MODERATORS), args=args),
        Case(f"meetings:{kind}_edit", only(MODERATORS, 302), method="POST", args=args,
             data=lambda w, r: {**PART_EDITS[kind](w), f"{kind}-version": _part_version(w, kind)},
             guarded=True),
        Case(f"meetings:{kind}_delete", only(MODERATORS), args=args, note="the question"),
        Case(f"meetings:{kind}_delete", only(MODERATORS, 302), method="POST", args=args,
             data=lambda w, r: {"version": _part_version(w, kind)}, guarded=True),
    ]  # fmt: skip
    move = Case(f"meetings:{kind}_move", only(MODERATORS, 302), method="POST", args=args,
                data=lambda w, r: {"direction": "up"}, guarded=True)  # fmt: skip
    if movable:
        cases.append(move)
    return cases


# The roundtable (tests/meetings/test_views.py checks the linked members, the responsible
# actor's accounts and that refused POSTs change no meeting or decision). Coordinators are
# moderators and administrators (accounts.permissions.can_coordinate_roundtable). The meeting
# is in the past: invitations are refused (400), the minutes are empty (400).
MEETINGS = [
    Case("meetings:list", everyone(200)),
    Case("meetings:calendar", everyone(200)),
    Case("meetings:ical", everyone(200)),
    Case("meetings:decisions", everyone(200)),
    Case("meetings:detail", everyone(200), args=_meeting_id),
    Case("meetings:create", only(MODERATORS)),
    Case("meetings:create", only(MODERATORS, 302), method="POST", data=_new_meeting,
         guarded=True),
    Case("meetings:edit", only(MODERATORS), args=_meeting_id),
    Case("meetings:manage", only(MODERATORS), args=_meeting_id),
    Case("meetings:agenda_add", only(MODERATORS, 302), method="POST", args=_meeting_id,
         data=lambda w, r: {"agenda-title": "Megnyitó"}, guarded=True),
    Case("meetings:participant_add", only(MODERATORS, 302), method="POST", args=_meeting_id,
         data=lambda w, r: {"participant-actor": _network_actor(w).pk}, guarded=True),
    Case("meetings:attendance", only(MODERATORS, 302), method="POST", args=_meeting_id,
         data=lambda w, r: {}, guarded=True),
    Case("meetings:minutes_add", only(MODERATORS, 302), method="POST", args=_meeting_id,
         data=lambda w, r: {"minutes-heading": "Összefoglaló", "minutes-visibility": "public"},
         guarded=True),
    Case("meetings:document_add", only(MODERATORS, 302), method="POST", args=_meeting_id,
         data=lambda w, r: {"document-file": pictures.upload(pictures.pdf(), "a.pdf",
                            "application/pdf"), "document-title": "Melléklet",
                            "document-visibility": "public"}, guarded=True),
    Case("meetings:decision_add", only(MODERATORS, 302), method="POST", args=_meeting_id,
         data=lambda w, r: {"decision-text": "Határozat", "decision-status": "open",
                            "decision-responsible": _network_actor(w).pk}, guarded=True),
    Case("meetings:invitations_send", only(MODERATORS, 400), method="POST", args=_meeting_id,
         guarded=True, note="a meeting in the past: refused with a message"),
    Case("meetings:minutes_send", only(MODERATORS, 400), method="POST", args=_meeting_id,
         guarded=True, note="no minutes yet"),
    Case("meetings:document", only(MODERATORS, refused=404, anonymous=404),
         args=_meeting_document, note="a members' document; no role is linked to an actor"),
    Case("meetings:decision_edit", only(MODERATORS), args=_decision),
    Case("meetings:decision_status", only(MODERATORS, 302), method="POST", args=_decision,
         data=lambda w, r: {"status": "done"}, guarded=True),
    *_part_cases("agenda", movable=True),
    *_part_cases("participant", movable=False),
    *_part_cases("minutes", movable=True),
    *_part_cases("document", movable=False),
]  # fmt: skip


def _project_world(w: World) -> dict:
    """This organisation's actor (linked to member_here) leads an idea and has invited the
    other organisation's actor (linked to member_other); a third actor may be invited; a
    milestone, the contributor's comment and a call."""
    from datetime import date

    from kozkincs.network.models import Actor
    from kozkincs.projects import services

    here = _network_actor(w)
    here.accounts.add(w.users["member_here"])
    other = Actor.objects.get_or_create(kind="organisation", record=w.other)[0]
    other.accounts.add(w.users["member_other"])
    third = Actor.objects.get_or_create(kind="municipality", settlement=w.bagod)[0]
    idea = ProjectIdea.objects.filter(lead=here).first() or services.idea_create(
        lead=here, title="Dalkörök találkozója"
    )
    invitation = services.partner_invite(idea=idea, actor=other) if not idea.partnerships.exists() \
        else idea.partnerships.get()  # fmt: skip
    milestone = idea.milestones.first() or services.milestone_add(
        idea=idea, title="Meghívók", due_date=date(2030, 1, 1)
    )
    comment = idea.comments.first() or services.comment_add(
        idea=idea, user=w.users["contributor"], text="Jó ötlet."
    )
    call = FundingCall.objects.first() or services.funding_call_create(
        programme="KÖZKINCS", name="Közkincs 2030", deadline=date(2030, 3, 1)
    )
    return {
        "here": here, "other": other, "third": third, "idea": idea, "invitation": invitation,
        "milestone": milestone, "comment": comment, "call": call,
    }  # fmt: skip


def _idea(w: World) -> list:
    return [_project_world(w)["idea"].pk]


PROJECT_EDITORS = {"member_here", "moderator", "administrator"}
PROJECT_LEADS = {"member_here", "member_other", "moderator", "administrator"}


def _create_idea(w: World, role: str) -> dict:
    return {"lead": _project_world(w)["here"].pk, "title": "Új ötlet"}


def _new_call(w: World, role: str) -> dict:
    return {"programme": "LEADER", "name": "Új felhívás", "deadline": "2099-01-31",
            "funding_rate": "80"}  # fmt: skip


def _call_edit(w: World, role: str) -> dict:
    call = FundingCall.objects.get(pk=_project_world(w)["call"].pk)
    return {"programme": call.programme, "name": "Közkincs 2030 (módosítva)",
            "deadline": "2030-03-01", "seen": call.updated_at.isoformat()}  # fmt: skip


# Project ideas (tests/projects/test_views.py checks that a refused POST changes no project
# data): the lead's linked accounts (member_here) run the idea, the invited partner's
# (member_other) answers, moderators and administrators coordinate.
PROJECTS = [
    Case("projects:idea_list", everyone(200)),
    Case("projects:call_list", everyone(200)),
    Case("projects:call_topics", everyone(200), args=lambda w: [_project_world(w)["call"].pk]),
    Case("projects:call_create", only(MODERATORS)),
    Case("projects:call_create", only(MODERATORS, 302), method="POST", data=_new_call,
         guarded=True),
    Case("projects:call_edit", only(MODERATORS), args=lambda w: [_project_world(w)["call"].pk]),
    Case("projects:call_edit", only(MODERATORS, 302), method="POST",
         args=lambda w: [_project_world(w)["call"].pk], data=_call_edit, guarded=True),
    Case("projects:idea_detail", everyone(200), args=_idea),
    Case("projects:idea_create", only(PROJECT_LEADS), args=lambda w: _idea(w) and []),
    Case("projects:idea_create", {**only(PROJECT_LEADS, 302), "member_other": 400},
         method="POST", args=lambda w: _idea(w) and [], data=_create_idea, guarded=True,
         note="led by this organisation: its member, the coordinators"),
    Case("projects:idea_edit", only(PROJECT_EDITORS), args=_idea),
    Case("projects:idea_edit", only(PROJECT_EDITORS, 302), method="POST", args=_idea,
         data=lambda w, r: {"title": "Más cím", "version": 1}, guarded=True),
    Case("projects:idea_move", only(PROJECT_EDITORS, 302), method="POST", args=_idea,
         data=lambda w, r: {"status": "preparation"}, guarded=True),
    Case("projects:partner_invite", only(PROJECT_EDITORS, 302), method="POST", args=_idea,
         data=lambda w, r: {"actor": _project_world(w)["third"].pk}, guarded=True),
    Case("projects:partner_answer", only({"member_other", "moderator", "administrator"}, 302),
         method="POST", args=lambda w: [_project_world(w)["invitation"].pk],
         data=lambda w, r: {"answer": "agree"}, guarded=True),
    Case("projects:partner_remove", only(PROJECT_EDITORS, 302), method="POST",
         args=lambda w: [_project_world(w)["invitation"].pk], guarded=True),
    Case("projects:progress_add", only(PROJECT_EDITORS, 302), method="POST", args=_idea,
         data=lambda w, r: {"date": "2011-04-01", "text": "Próba."}, guarded=True),
    Case("projects:milestone_add", only(PROJECT_EDITORS, 302), method="POST", args=_idea,
         data=lambda w, r: {"title": "Plakát", "due_date": "2030-02-01"}, guarded=True),
    Case("projects:milestone_mark", only(PROJECT_EDITORS, 302), method="POST",
         args=lambda w: [_project_world(w)["milestone"].pk], data=lambda w, r: {"done": "1"},
         guarded=True),
    Case("projects:comment_add", logged_in(302), method="POST", args=_idea,
         data=lambda w, r: {"text": "Támogatjuk."}, guarded=True),
    Case("projects:comment_delete", only({"contributor", "moderator", "administrator"}, 302),
         method="POST", args=lambda w: [_project_world(w)["comment"].pk], guarded=True,
         note="the author and the coordinators"),
    Case("projects:endorse", {**only(PROJECT_LEADS, 302), "member_here": 400}, method="POST",
         args=_idea, data=lambda w, r: {"actor": _project_world(w)["other"].pk}, guarded=True,
         note="for the other organisation: its member, the coordinators; not the lead's"),
    Case("projects:follow", logged_in(302), method="POST", args=_idea,
         data=lambda w, r: {"follow": "1"}, guarded=True),
]  # fmt: skip


def _indicator(w: World) -> list:
    from kozkincs.strategy.models import Goal, Indicator, StrategyPriority

    priority = StrategyPriority.objects.get(number=1)
    goal = Goal.objects.get_or_create(priority=priority, number=1, defaults={"name": "Cél"})[0]
    indicator = Indicator.objects.get_or_create(
        goal=goal, name="Résztvevők", defaults={"unit": "persons"}
    )[0]
    return [indicator.pk]


# The strategy dashboard: public figures; moderators, administrators and staff record values
# and start the computation (tests/dashboard/test_views.py checks the refused POSTs' data).
DASHBOARD = [
    Case("dashboard:index", everyone(200)),
    Case("dashboard:priority", everyone(200), args=lambda w: [1]),
    Case("dashboard:print", everyone(200)),
    Case("dashboard:export", everyone(200)),
    Case("dashboard:value_new", only(MODERATORS), args=_indicator),
    Case(
        "dashboard:value_new",
        only(MODERATORS, 302),
        method="POST",
        args=_indicator,
        data=lambda w, role: {"year": "2012", "value": "120", "source_note": "Jelenléti ív"},
        guarded=True,
    ),
    Case("dashboard:compute", only(MODERATORS, 302), method="POST", data=lambda w, r: {},
         guarded=True),
]  # fmt: skip


def _import_batch(w: World) -> list:
    """An import that is in effect (no file needed: its report is not offered any more)."""
    from kozkincs.imports.models import ImportBatch

    batch = ImportBatch.objects.create(
        catalog=CATALOG, file_name="adatok.csv", file_hash="0" * 64, stored_name="nincs.csv",
        status=ImportBatch.Status.APPLIED,
    )  # fmt: skip
    return [batch.pk]


# kozkincs.imports.permissions.can_import: staff accounts (here the administrator) for now.
IMPORTS = [
    Case("imports:start", only(MODERATORS)),
    Case("imports:template", only(MODERATORS), args=lambda w: [CATALOG]),
    Case("imports:batch", only(MODERATORS), args=_import_batch),
    Case("imports:progress", only(MODERATORS), args=_import_batch),
    Case("imports:report", only(MODERATORS, 404), args=_import_batch),
    Case("imports:apply", only(MODERATORS, 400), args=_import_batch, method="POST",
         data=lambda w, r: {"status": "published"}, guarded=True),
    Case("imports:undo", only(MODERATORS, 302), args=_import_batch, method="POST",
         data=lambda w, r: {}, guarded=True),
]  # fmt: skip


def _proposal(w: World) -> list:
    """A change request of the contributor to this organisation's record."""
    from kozkincs.editing.models import ChangeRequest

    proposal = ChangeRequest.objects.create(
        catalog=CATALOG, record=w.here, settlement=w.bagod, base_version=w.here.version,
        author=w.users["contributor"], name=w.here.name, data={"summary": "Új összefoglaló."},
        state=ChangeRequest.State.SUBMITTED,
    )  # fmt: skip
    return [proposal.pk]


def _only_the_author(ok: int = 200) -> dict[str, int]:
    return only({"contributor"}, ok, refused=404)


EDITING = [
    Case("editing:choose_catalog", logged_in()),
    Case("editing:create", logged_in(), args=lambda w: [CATALOG]),
    Case("editing:edit", logged_in(), args=_here, note="published: every contributor proposes"),
    # A draft does not exist for those who may not edit it (404, not 403).
    Case("editing:edit", only(EDIT_HERE_NOT_MEMBERS, refused=404), args=lambda w: [w.draft.pk],
         note="a draft: its editors only"),
    Case("editing:edit", only(EDIT_HERE_NOT_MEMBERS, 400, refused=404), method="POST",
         args=lambda w: [w.draft.pk], data=lambda w, r: {}, guarded=True,
         note="a draft, an empty form: errors for its editors, nothing for others"),
    # The HTMX partials answer a logged-out visitor with 403 (a partial cannot redirect).
    Case("editing:validate", logged_in(400, anonymous=REFUSED), method="POST",
         args=lambda w: [CATALOG], data=lambda w, r: {"field": "name"},
         note="incomplete form data"),
    Case("editing:settlement_matches", logged_in(anonymous=REFUSED),
         query=lambda w: {"q": "Bag"}),
    Case("editing:record_matches", logged_in(anonymous=REFUSED), args=lambda w: [CATALOG],
         query=lambda w: {"q": "Dal"}),
    Case("editing:contributions", logged_in()),
    Case("editing:proposal", _only_the_author(), args=_proposal),
    Case("editing:queue", only(MODERATORS)),
    Case("editing:review", only(MODERATORS), args=_proposal),
    Case("editing:review", only(MODERATORS, 302), method="POST", args=_proposal,
         data=lambda w, r: {"decision": "reject", "reason": "Nem pontos."}, guarded=True),
]  # fmt: skip

WRITE_API = [
    Case("api_site:api_tokens", logged_in()),
    Case("api_site:api_tokens", logged_in(200), method="POST",
         data=lambda w, r: {"name": "Makró", "days": "30"}),
    # A session is no API token: every role is refused, whatever its grants (the roles of a
    # token's owner are tested in tests/api/test_write_api.py).
    Case("api-v1:record_create_endpoint", everyone(401), method="POST",
         data=lambda w, r: {"catalog": CATALOG, "name": "Új"}, guarded=True),
    Case("api-v1:record_update_endpoint", everyone(405), method="POST", args=_here,
         data=lambda w, r: {}, guarded=True, note="PATCH only (the matrix's client posts)"),
    Case("api-v1:record_archive_endpoint", everyone(401), method="POST", args=_here,
         data=lambda w, r: {"version": 1}, guarded=True),
]  # fmt: skip


CASES = (
    WEB
    + API
    + OPENDATA
    + MEDIA
    + HISTORY
    + NOMINATIONS
    + CONTACT
    + ACCOUNTS
    + MY_ACCOUNT
    + ALLAUTH
    + NETWORK
    + MEETINGS
    + DASHBOARD
    + PROJECTS
    + IMPORTS
    + EDITING
    + WRITE_API
)
