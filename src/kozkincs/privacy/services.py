"""Answering a person's request: a copy of their data, or its erasure.

Erasure goes through the catalog's services (``record_update``), so the search index, the
derived data and the history follow in the same transaction as any edit; nominations and
accounts are anonymised (the contributions stay, without the person).
"""

import json
import zipfile
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from kozkincs.catalog.models import Record
from kozkincs.catalog.services import record_update
from kozkincs.media.storage import files_remove, media_storage
from kozkincs.nominations.models import Nomination, NominationFile
from kozkincs.privacy.selectors import Findings

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


def personal_data_export(*, findings: Findings, destination: Path) -> Path:
    """Write a ZIP (``personal-data.json`` and the person's uploaded files) to a new file."""
    if destination.exists():
        raise ExportExists(f"{destination} exists; choose a new file name.")
    content = {
        "created": timezone.now(),
        "person": {"email": findings.person.email, "name": findings.person.name},
        "records": _record_rows(findings),
        "nominations": _nomination_rows(findings),
        "accounts": _user_rows(findings),
    }
    storage = media_storage()
    with zipfile.ZipFile(destination, "x", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "personal-data.json",
            json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        for nomination in findings.nominations:
            for item in nomination.files.all():
                with storage.open(item.file.name, "rb") as handle:
                    archive.writestr(f"files/{item.file.name}", handle.read())
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
