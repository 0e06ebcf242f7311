"""Answering a person's request: a copy of their data, or its erasure.

Erasure goes through the catalog's services (``record_update``), so the search index, the
derived data and the history follow in the same transaction as any edit; nominations and
accounts are anonymised (the contributions stay, without the person).
"""

import csv
import io
import json
import tempfile
import zipfile
from pathlib import Path

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from kozkincs.accounts.personal_data import account_data_erase
from kozkincs.accounts.services import account_roles_remove
from kozkincs.catalog.models import Record
from kozkincs.catalog.services import record_update
from kozkincs.media.storage import files_remove, media_storage
from kozkincs.nominations.models import Nomination, NominationFile
from kozkincs.privacy.selectors import Findings, account_findings, account_sections

ERASED = "[törölt személy]"
"""What an erased name becomes where a name must stay (nominations)."""


class ExportExists(Exception):
    pass


def _record_rows(findings: Findings) -> list[dict]:
    return [
        {
            "record_id": f.record.pk,
            "catalog": f.record.catalog,
            "record_name": f.record.name,
            "field": f.field_key,
            "entries": f.items,
            "consent_and_visibility": f.record.privacy.get(f.field_key),
        }
        for f in findings.records
    ]


def _nomination_rows(findings: Findings) -> list[dict]:
    fields = [
        "reference", "status", "proposer_name", "proposer_organisation", "contact_person",
        "address", "phone", "email", "value_name", "location", "description", "justification",
        "sources", "website", "consent", "submitted_at", "decided_at", "status_reason",
    ]  # fmt: skip
    rows = []
    for nomination in findings.nominations:
        row = {name: getattr(nomination, name) for name in fields}
        row["category"] = nomination.category.name
        row["settlement"] = nomination.settlement.name
        row["files"] = [item.file.name for item in nomination.files.all()]
        rows.append(row)
    return rows


def _user_rows(findings: Findings) -> list[dict]:
    fields = ["username", "email", "first_name", "last_name", "date_joined", "last_login"]
    return [{name: getattr(user, name) for name in fields} for user in findings.users]


def _csv_text(rows: list[dict]) -> str:
    """One table as CSV; nested values as JSON, cells that a spreadsheet would run as a
    formula prefixed with ``'``."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        cells = {}
        for key, value in row.items():
            text = value if isinstance(value, str) else json.dumps(value, cls=DjangoJSONEncoder)
            cells[key] = f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
        writer.writerow(cells)
    return output.getvalue()


def personal_data_export(
    *,
    findings: Findings,
    destination: Path,
    extra_sections: dict[str, list[dict]] | None = None,
    extra_files: list[str] = (),
) -> Path:
    """Write a ZIP (``personal-data.json``, one CSV per table and the person's uploaded
    files) to a new file. ``extra_sections`` and ``extra_files`` add what an account holds
    (its roles, e-mail addresses, uploads) for the self-service download."""
    if destination.exists():
        raise ExportExists(f"{destination} exists; choose a new file name.")
    tables = {
        "records": _record_rows(findings),
        "nominations": _nomination_rows(findings),
        "accounts": _user_rows(findings),
        **(extra_sections or {}),
    }
    content = {
        "created": timezone.now(),
        "person": {"email": findings.person.email, "name": findings.person.name},
        **tables,
    }
    files = [item.file.name for n in findings.nominations for item in n.files.all()]
    storage = media_storage()
    with zipfile.ZipFile(destination, "x", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "personal-data.json",
            json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        for name, rows in tables.items():
            if rows:
                archive.writestr(f"{name}.csv", _csv_text(rows))
        for name in dict.fromkeys([*files, *extra_files]):
            with storage.open(name, "rb") as handle:
                archive.writestr(f"files/{name}", handle.read())
    destination.chmod(0o600)
    return destination


def _remaining(value, items: list):
    if isinstance(value, list):
        kept = [entry for entry in value if entry not in items]
        return kept or None
    return None


def _scrub_versions(finding) -> int:
    """Remove the person's entries from every earlier version of the record, too."""
    versions = Record.history.model.objects.filter(id=finding.record.pk)
    scrubbed = 0
    for version in versions.only("history_id", "values").iterator():
        values = dict(version.values or {})
        old = values.get(finding.field_key)
        if old is None:
            continue
        entries = old if isinstance(old, list) else [old]
        if not any(finding.person_matches(entry) for entry in entries):
            continue
        kept = [entry for entry in entries if not finding.person_matches(entry)]
        if isinstance(old, list) and kept:
            values[finding.field_key] = kept
        else:
            values.pop(finding.field_key)
        versions.filter(history_id=version.history_id).update(values=values)
        scrubbed += 1
    return scrubbed


@transaction.atomic
def person_erase(*, findings: Findings, user=None) -> dict[str, int]:
    """Remove the person from records, anonymise their nominations and accounts."""
    counts = {"record fields": 0, "earlier versions": 0, "nominations": 0, "accounts": 0,
              "files": 0}  # fmt: skip
    for finding in findings.records:
        record = type(finding.record).objects.get(pk=finding.record.pk)
        value = record.values.get(finding.field_key)
        record_update(
            record=record,
            data={"values": {finding.field_key: _remaining(value, finding.items)}},
            user=user,
        )
        counts["record fields"] += 1
        counts["earlier versions"] += _scrub_versions(finding)
    removed_files: list[str] = []
    for nomination in findings.nominations:
        Nomination.objects.filter(pk=nomination.pk).update(
            proposer_name=ERASED, proposer_organisation="", contact_person="", address="",
            phone="", email="", submitted_by=None, sender_key="",
        )  # fmt: skip
        counts["nominations"] += 1
        if nomination.record_id is None:  # an accepted value's photos live on in its record
            files = NominationFile.objects.filter(nomination=nomination)
            removed_files += [item.file.name for item in files]
            counts["files"] += files.delete()[0]
    for account in findings.users:
        account.username = f"deleted-{account.pk}"
        account.email = ""
        account.first_name = account.last_name = ""
        account.is_active = False
        account.set_unusable_password()
        account.save()
        counts["accounts"] += 1
    transaction.on_commit(lambda: files_remove(removed_files))
    return counts


def account_data_archive(*, user) -> bytes:
    """The self-service download: the ZIP of :func:`personal_data_export` for the account
    (its e-mail address's findings, its roles and e-mail addresses, its uploads)."""
    sections = account_sections(user=user)
    uploads = [row["file"] for row in sections["uploads"]]
    with tempfile.TemporaryDirectory(prefix="kozkincs-data-") as directory:
        path = Path(directory) / "personal-data.zip"
        personal_data_export(
            findings=account_findings(user=user),
            destination=path,
            extra_sections=sections,
            extra_files=uploads,
        )
        return path.read_bytes()


@transaction.atomic
def account_delete(*, user) -> dict[str, int]:
    """The owner deletes their account: :func:`person_erase` for its e-mail address (record
    fields, earlier versions, nominations, the account anonymised as ``deleted-<id>``), then
    its roles, e-mail addresses, second factors, sessions and what other apps keep per account
    (``accounts.personal_data``: API tokens) go. Contributions stay,
    attributed to the deleted user."""
    counts = person_erase(findings=account_findings(user=user), user=None)
    counts["roles"] = account_roles_remove(user=user)
    counts["e-mail addresses"] = EmailAddress.objects.filter(user=user).delete()[0]
    counts["second factors"] = Authenticator.objects.filter(user=user).delete()[0]
    counts.update(account_data_erase(user=user))
    return counts
