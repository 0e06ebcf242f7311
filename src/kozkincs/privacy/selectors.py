"""Finding everything the portal holds about one person, for a request under the GDPR
(access, Art. 15; erasure, Art. 17) that arrives by post or e-mail.

A person is identified by an e-mail address (exact, ignoring case) and/or a name (exact,
ignoring case and surrounding spaces): a name alone can match namesakes, so the staff member
checks the findings (``--dry-run``) before erasing.
"""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Q

from kozkincs.accounts.models import RoleGrant
from kozkincs.accounts.personal_data import account_data_sections
from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.visibility import field_is_personal
from kozkincs.media.models import RecordAttachment, RecordImage
from kozkincs.nominations.models import Nomination


@dataclass(frozen=True)
class Person:
    email: str = ""
    name: str = ""

    def __post_init__(self):
        object.__setattr__(self, "email", (self.email or "").strip().casefold())
        object.__setattr__(self, "name", " ".join((self.name or "").split()).casefold())
        if not self.email and not self.name:
            raise ValueError("give an e-mail address or a name")

    def matches_email(self, value) -> bool:
        return bool(self.email) and str(value or "").strip().casefold() == self.email

    def matches_name(self, value) -> bool:
        return bool(self.name) and " ".join(str(value or "").split()).casefold() == self.name

    def matches_item(self, item) -> bool:
        if isinstance(item, dict):
            return self.matches_email(item.get("email")) or self.matches_name(item.get("name"))
        return self.matches_email(item)


@dataclass
class RecordFinding:
    record: Record
    field_key: str
    field_type: str
    items: list
    """The matching entries of the field (person dicts or e-mail addresses)."""
    person: Person

    def person_matches(self, entry) -> bool:
        return self.person.matches_item(entry)


@dataclass
class Findings:
    person: Person
    records: list[RecordFinding] = field(default_factory=list)
    nominations: list[Nomination] = field(default_factory=list)
    users: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.records or self.nominations or self.users)


def _items(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def personal_data_find(*, person: Person) -> Findings:
    """Every personal field of every record, every nomination and every account that match."""
    findings = Findings(person)
    records = Record.objects.only("id", "catalog", "name", "values", "privacy", "version")
    for record in records.order_by("id").iterator(chunk_size=2000):
        definition = catalog_get(record.catalog)
        if definition is None:
            continue
        for fdef in definition.fields:
            if fdef.type != "person" and not (
                fdef.type == "email" and field_is_personal(record.privacy, fdef)
            ):
                continue
            matched = [i for i in _items(record.values.get(fdef.key)) if person.matches_item(i)]
            if matched:
                findings.records.append(RecordFinding(record, fdef.key, fdef.type, matched, person))
    nomination_filter = Q()
    if person.email:
        nomination_filter |= Q(email__iexact=person.email)
    if person.name:
        nomination_filter |= Q(proposer_name__iexact=person.name) | Q(
            contact_person__iexact=person.name
        )
    findings.nominations = list(
        Nomination.objects.filter(nomination_filter).select_related("category", "settlement")
    )
    if person.email:
        findings.users = list(get_user_model().objects.filter(email__iexact=person.email))
    return findings


def account_findings(*, user) -> Findings:
    """What the portal holds about the owner of ``user``: found by the account's e-mail
    address (never by name, which could match namesakes), the account itself always."""
    if user.email:
        findings = personal_data_find(person=Person(email=user.email))
    else:
        findings = Findings(Person(name=user.get_username()))
    if all(account.pk != user.pk for account in findings.users):
        findings.users.append(user)
    findings.users = [account for account in findings.users if account.pk == user.pk]
    return findings


def account_sections(*, user) -> dict[str, list[dict]]:
    """The account's own tables for the download: e-mail addresses, roles, uploads, and what
    other apps keep about it (``accounts.personal_data``: the API tokens, …)."""
    emails = EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
    grants = RoleGrant.objects.filter(user=user).prefetch_related("settlements")
    uploads = [
        {"record_id": item.record_id, "file": item.file.name, "uploaded_at": item.uploaded_at}
        for model in (RecordImage, RecordAttachment)
        for item in model.objects.filter(uploaded_by=user).order_by("id")
    ]
    return {
        "email_addresses": list(emails),
        "roles": [
            {
                "role": grant.role,
                "catalogs": grant.catalogs,
                "settlements": [s.name for s in grant.settlements.all()],
                "record_id": grant.record_id,
                "granted_at": grant.granted_at,
            }
            for grant in grants
        ],
        "uploads": uploads,
        **account_data_sections(user=user),
    }
