"""The world of the role matrix: two settlements, an organisation in each (one in Bagod is
"this" organisation, the other "another"), a photo and documents, a draft, a record in the
trash, a value nomination, and one account per role.

Roles (``ROLES``), in the order the matrix asks them:

- ``anonymous``: not logged in;
- ``contributor``: an account with a confirmed e-mail address and no grant;
- ``editor_other`` / ``editor_here``: editor of the other settlement / of Bagod;
- ``member_other`` / ``member_here``: member of the other organisation / of this one;
- ``moderator``: a moderator's grant (no staff flag);
- ``administrator``: a superuser.
"""

from dataclasses import dataclass, field
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from kozkincs.accounts.models import Role
from kozkincs.accounts.services import role_grant_create
from kozkincs.catalog.services import record_archive, record_create, record_publish
from kozkincs.media.licences import Licence
from kozkincs.media.models import Visibility
from kozkincs.media.services import attachment_upload, image_upload
from kozkincs.nominations.models import Nomination, ValueCategory
from kozkincs.nominations.services import nomination_submit
from tests.gazetteer.factories import RegionFactory, RegionMembershipFactory, SettlementFactory
from tests.media import pictures

TESTS = Path(__file__).resolve().parent.parent
CATALOG_DIRS = [str(TESTS / "contact" / "definitions"), str(TESTS / "nominations" / "definitions")]
CATALOG = "contact-test-groups"
PASSWORD = "Zala-völgyi-harangláb-1820"

ROLES = (
    "anonymous",
    "contributor",
    "editor_other",
    "member_other",
    "editor_here",
    "member_here",
    "moderator",
    "administrator",
)


@dataclass
class World:
    bagod: object
    other_settlement: object
    here: object  # this organisation's published record, in Bagod
    other: object  # another organisation's published record, elsewhere
    draft: object  # a draft in Bagod
    trashed: object  # an archived record in Bagod
    image: object
    attachment: object
    staff_attachment: object
    nomination: object
    users: dict = field(default_factory=dict)
    passwords: dict = field(default_factory=dict)


def _record(name: str, settlement, *, publish: bool = True, **values):
    data = {"name": name, "settlement": settlement.ksh_code, "values": values}
    record = record_create(catalog=CATALOG, data=data)
    return record_publish(record=record) if publish else record


def _account(username: str, *, verified: bool = True, **fields):
    email = f"{username}@example.org"
    user = get_user_model().objects.create_user(username, email, PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def _nomination(bagod) -> Nomination:
    category = ValueCategory.objects.get(key="built-environment")
    return nomination_submit(
        nomination=Nomination(
            proposer_name="Kiss Ilona",
            email="kiss.ilona@example.hu",
            value_name="A bagodi harangláb",
            category=category,
            settlement=bagod,
            description="Fából ácsolt harangláb 1820-ból.",
            justification="A falu legrégebbi épített emléke.",
            sources="A falu krónikája",
            consent=True,
            language="hu",
        ),
        photos=[],
        documents=[],
    )


def world_build(home_region_key: str) -> World:
    """Everything through the services, as an editor would make it."""
    region = RegionFactory(key=home_region_key, name="Zalaegerszegi kistérség")
    bagod = SettlementFactory(ksh_code="30368", name="Bagod", slug="bagod")
    other_settlement = SettlementFactory(ksh_code="13514", name="Bak", slug="bak")
    for settlement in (bagod, other_settlement):
        RegionMembershipFactory(region=region, settlement=settlement)
    leader = {"name": "Kiss Ilona", "email": "kiss.ilona@example.hu"}
    here = _record("Bagodi Dalkör", bagod, leader=leader)
    here.privacy = {"leader": {"consent": True, "visibility": "public"}}
    here.save(update_fields=["privacy"])
    other = _record("Baki Színjátszók", other_settlement)
    draft = _record("Bagodi vázlat", bagod, publish=False)
    trashed = record_archive(record=_record("Bagodi lomtár", bagod))
    image = image_upload(
        record=here,
        upload=pictures.upload(pictures.photo()),
        alt_text="A dalkör a színpadon",
        licence=Licence.CC_BY,
        credit="Kiss Ilona",
    )
    pdf = pictures.upload(pictures.pdf(), "alapszabaly.pdf", "application/pdf")
    attachment = attachment_upload(
        record=here, upload=pdf, title="Alapszabály", visibility=Visibility.PUBLIC
    )
    staff_pdf = pictures.upload(pictures.pdf(), "jegyzokonyv.pdf", "application/pdf")
    staff_attachment = attachment_upload(
        record=here, upload=staff_pdf, title="Jegyzőkönyv", visibility=Visibility.STAFF
    )
    world = World(
        bagod, other_settlement, here, other, draft, trashed, image, attachment,
        staff_attachment, _nomination(bagod),
    )  # fmt: skip
    users = {
        "contributor": _account("contributor"),
        "editor_other": _account("editor_other"),
        "member_other": _account("member_other"),
        "editor_here": _account("editor_here"),
        "member_here": _account("member_here"),
        "moderator": _account("moderator"),
        "administrator": get_user_model().objects.create_superuser(
            "administrator", "administrator@example.org", PASSWORD
        ),
    }
    grant = role_grant_create
    grant(user=users["editor_other"], role=Role.EDITOR, settlements=[other_settlement],
          granted_by=None)  # fmt: skip
    grant(user=users["editor_here"], role=Role.EDITOR, settlements=[bagod], granted_by=None)
    grant(user=users["member_other"], role=Role.MEMBER, record=other, granted_by=None)
    grant(user=users["member_here"], role=Role.MEMBER, record=here, granted_by=None)
    grant(user=users["moderator"], role=Role.MODERATOR, granted_by=None)
    world.users = users
    return world
