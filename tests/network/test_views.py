"""The network pages: who may do what (anonymous, member of another actor, linked member,
staff), bad input answered with a clear message in the user's language and nothing changed,
and the privacy of private persons.

``ROLE_MATRIX_CASES`` lists every network URL for the role matrix of tests/permissions/ (it
can import them): (url name, arguments from the fixtures, method, expected status per role).
"""

import pytest
from django.urls import reverse
from django.utils import translation

from kozkincs.network.kinds import ActorKind, TieKind
from kozkincs.network.models import Actor, Tie
from kozkincs.network.services import actor_create, tie_propose

pytestmark = pytest.mark.django_db

LOGIN = 302
ROLES = ("anonymous", "outsider", "member", "staff")


def _everyone(status):
    return dict.fromkeys(ROLES, status)


ROLE_MATRIX_CASES = [
    ("network:index", lambda f: [], "GET", _everyone(200)),
    ("network:graph_json", lambda f: [], "GET", _everyone(200)),
    ("network:actor_detail", lambda f: [f["choir"].pk], "GET", _everyone(200)),
    ("network:actor_edit", lambda f: [f["choir"].pk], "GET",
     {"anonymous": LOGIN, "outsider": 403, "member": 200, "staff": 200}),
    ("network:actor_edit", lambda f: [f["choir"].pk], "POST",
     {"anonymous": LOGIN, "outsider": 403, "member": 302, "staff": 302}),
    ("network:tie_new", lambda f: [f["choir"].pk], "GET",
     {"anonymous": LOGIN, "outsider": 403, "member": 200, "staff": 200}),
    ("network:tie_new", lambda f: [f["choir"].pk], "POST",
     {"anonymous": LOGIN, "outsider": 403, "member": 302, "staff": 302}),
    ("network:tie_answer", lambda f: [f["tie"].pk], "POST",
     {"anonymous": LOGIN, "outsider": 403, "member": 302, "staff": 302}),
    ("network:my_network", lambda f: [], "GET",
     {"anonymous": LOGIN, "outsider": 200, "member": 200, "staff": 200}),
    ("network:interview", lambda f: [], "GET",
     {"anonymous": LOGIN, "outsider": 403, "member": 403, "staff": 200}),
    ("network:interview", lambda f: [], "POST",
     {"anonymous": LOGIN, "outsider": 403, "member": 403, "staff": 302}),
    ("network:health", lambda f: [], "GET",
     {"anonymous": LOGIN, "outsider": 403, "member": 403, "staff": 200}),
]  # fmt: skip


def url(name, *args, language="en", query=""):
    with translation.override(language):
        return reverse(name, args=args or None) + query


def _post_data(name, f):
    if name == "network:actor_edit":
        return {"description": "Kórus", "description_en": "Choir", "themes": "népdal",
                "visibility": "staff"}  # fmt: skip
    if name == "network:tie_new":
        return {"other": f["municipality"].pk, "kind": TieKind.PARTNERSHIP}
    if name == "network:tie_answer":
        return {"answer": "confirm"}
    return {"proposer": f["choir"].pk, "other": f["municipality"].pk, "kind": TieKind.PROJECT}


@pytest.fixture
def world(choir, library, member, library_member, outsider, staff, bagod):
    tie = tie_propose(proposer=library, other=choir, kind=TieKind.PERFORMS_AT,
                      reversed_direction=True)  # fmt: skip
    municipality = actor_create(kind=ActorKind.MUNICIPALITY, settlement=bagod)
    return {"choir": choir, "library": library, "tie": tie, "municipality": municipality,
            "users": {"anonymous": None, "outsider": outsider, "member": member,
                      "staff": staff}}  # fmt: skip


def _state():
    return (
        list(Tie.objects.order_by("id").values_list("id", "status", "kind", "source", "target")),
        list(Actor.objects.order_by("id").values_list("id", "description", "themes")),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args", "method", "expect"), ROLE_MATRIX_CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in ROLE_MATRIX_CASES])  # fmt: skip
def test_role_matrix(client, world, role, name, args, method, expect):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    before = _state()
    target = url(name, *args(world))
    response = (
        client.post(target, _post_data(name, world)) if method == "POST" else client.get(target)
    )
    assert response.status_code == expect[role]
    if method == "POST" and (user is None or expect[role] == 403):
        assert _state() == before


def test_a_tie_to_oneself_gets_a_clear_message_in_hungarian_and_changes_nothing(
    client, world, member
):
    client.force_login(member)
    before = _state()
    response = client.post(url("network:tie_new", world["choir"].pk, language="hu"),
                           {"other": world["choir"].pk, "kind": TieKind.PARTNERSHIP})  # fmt: skip
    assert response.status_code == 400
    assert "önmagával" in response.content.decode()
    assert _state() == before


def test_a_duplicate_tie_is_refused_with_a_message(client, world, library_member):
    client.force_login(library_member)
    before = _state()
    response = client.post(url("network:tie_new", world["library"].pk),
                           {"other": world["choir"].pk, "kind": TieKind.PERFORMS_AT,
                            "reversed_direction": "on"})  # fmt: skip
    assert response.status_code == 400
    assert "already recorded" in response.content.decode()
    assert _state() == before


def test_a_forged_actor_id_is_refused(client, world, member):
    client.force_login(member)
    before = _state()
    response = client.post(url("network:tie_new", world["choir"].pk),
                           {"other": 999999, "kind": TieKind.PARTNERSHIP})  # fmt: skip
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.post(url("network:tie_new", 999999), {"other": world["choir"].pk})
    assert response.status_code == 404
    response = client.post(url("network:tie_answer", 999999), {"answer": "confirm"})
    assert response.status_code == 404
    assert _state() == before


def test_the_other_side_confirms_on_my_network(client, world, library_member, member):
    client.force_login(member)
    page = client.get(url("network:my_network")).content.decode()
    assert "Waiting for your answer" in page and "Confirm" in page
    client.force_login(library_member)
    response = client.post(url("network:tie_answer", world["tie"].pk), {"answer": "confirm"})
    assert response.status_code == 403  # the proposer cannot confirm its own proposal
    client.force_login(member)
    response = client.post(url("network:tie_answer", world["tie"].pk), {"answer": "confirm"})
    assert response.status_code == 302
    world["tie"].refresh_from_db()
    assert world["tie"].status == Tie.Status.CONFIRMED


def test_an_unconfirmed_tie_shows_as_unconfirmed_and_not_as_a_neighbour(client, world):
    page = client.get(url("network:actor_detail", world["choir"].pk)).content.decode()
    assert "unconfirmed" in page
    table = client.get(url("network:index")).content.decode()
    assert "+1 unconfirmed" in table
    data = client.get(url("network:graph_json")).json()
    assert data["edges"] == []


def test_a_private_person_is_never_public_without_consent(client, world, outsider, staff):
    person = actor_create(kind=ActorKind.PERSON, name="Titkos Teréz")
    assert client.get(url("network:actor_detail", person.pk)).status_code == 404
    assert "Titkos Teréz" not in client.get(url("network:index")).content.decode()
    client.force_login(outsider)
    assert client.get(url("network:actor_detail", person.pk)).status_code == 404
    person.consent, person.visibility = True, "members"
    person.save()
    assert client.get(url("network:actor_detail", person.pk)).status_code == 200
    client.logout()
    assert client.get(url("network:actor_detail", person.pk)).status_code == 404
    client.force_login(staff)
    assert client.get(url("network:actor_detail", person.pk)).status_code == 200


def test_bad_filters_get_a_400_not_a_500(client, world):
    assert client.get(url("network:index", query="?kind=alien")).status_code == 400
    assert client.get(url("network:graph_json", query="?ego=x")).status_code == 400
    assert client.get(url("network:index", query="?page=abc&sort=zzz")).status_code == 200


def test_the_ego_view_grows_one_step_at_a_time(
    client, world, staff, django_capture_on_commit_callbacks
):
    choir, library, municipality = world["choir"], world["library"], world["municipality"]
    tie_propose(proposer=choir, other=municipality, kind=TieKind.PARTNERSHIP, coordinator=True)
    tie_propose(proposer=library, other=choir, kind=TieKind.PROJECT, coordinator=True)
    one = client.get(url("network:graph_json", query=f"?ego={municipality.pk}")).json()
    assert {n["id"] for n in one["nodes"]} == {municipality.pk, choir.pk}
    two = client.get(url("network:graph_json", query=f"?ego={municipality.pk}&depth=2")).json()
    assert {n["id"] for n in two["nodes"]} == {municipality.pk, choir.pk, library.pk}


def test_above_the_node_limit_the_graph_shows_settlements(client, world, settings):
    tie_propose(proposer=world["choir"], other=world["library"], kind=TieKind.PROJECT,
                coordinator=True)  # fmt: skip
    settings.KOZKINCS_NETWORK_GRAPH_MAX_NODES = 1
    data = client.get(url("network:graph_json")).json()
    assert data["aggregated"] is True
    assert {n["id"] for n in data["nodes"]} == {"30368", "32054"}
    assert data["edges"][0]["weight"] == 1


def test_the_settlement_profile_shows_its_network_figures(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tie_propose(proposer=world["choir"], other=world["library"], kind=TieKind.PROJECT,
                    coordinator=True)  # fmt: skip
    page = client.get(url("web:settlement_detail", "bagod")).content.decode()
    assert "Network actors based here" in page
    assert "Zalaegerszeg (1)" in page


def test_a_settlement_profile_is_modified_when_the_network_figures_change(
    client, world, django_capture_on_commit_callbacks
):
    first = client.get(url("web:settlement_detail", "bagod"))
    etag = first["ETag"]
    assert (
        client.get(
            url("web:settlement_detail", "bagod"), headers={"if-none-match": etag}
        ).status_code
        == 304
    )
    with django_capture_on_commit_callbacks(execute=True):  # the figures are recomputed
        tie_propose(proposer=world["choir"], other=world["library"], kind=TieKind.PROJECT,
                    coordinator=True)  # fmt: skip
    again = client.get(url("web:settlement_detail", "bagod"), headers={"if-none-match": etag})
    assert again.status_code == 200
    assert "Zalaegerszeg (1)" in again.content.decode()


def test_the_table_sorts_by_ties(client, world):
    tie_propose(proposer=world["choir"], other=world["municipality"], kind=TieKind.PROJECT,
                coordinator=True)  # fmt: skip
    from kozkincs.network.figures import network_figures_recompute

    network_figures_recompute()
    page = client.get(url("network:index", query="?sort=degree&order=desc")).content.decode()
    assert page.index("Bagodi Dalkör") < page.index("Városi Könyvtár")
    assert 'aria-sort="descending"' in page
