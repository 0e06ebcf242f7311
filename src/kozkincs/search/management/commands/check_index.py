from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from kozkincs.core.derived_data import derived_stores
from kozkincs.search.consistency import IndexDifferences, index_check, index_repair

SHOWN_IDS = 20


class Command(BaseCommand):
    help = (
        "Compare the search index (and the other data derived from the records, such as the "
        "API's stored record JSON) with the records; --repair fixes the differences."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="write the records that differ again"
        )
        parser.add_argument(
            "--quick",
            action="store_true",
            help="compare only which records are present, not the contents of what is stored",
        )

    def handle(self, *args, repair: bool = False, quick: bool = False, **options):
        index = index_check(contents=not quick)
        stores = [(store, store.check(contents=not quick)) for store in derived_stores()]
        if index.agrees and not any(found.record_ids for _store, found in stores):
            self.stdout.write(_("The search index agrees with the records."))
            return
        for line in self._lines(index):
            self.stdout.write(line)
        for store, found in stores:
            for line in self._store_lines(store, found):
                self.stdout.write(line)
        if not repair:
            raise CommandError(
                _("The search index differs from the records. Run: kozkincs check_index --repair")
            )
        with transaction.atomic():
            repaired = index_repair(index) if not index.agrees else 0
            for store, found in stores:
                if found.record_ids:
                    store.repair(record_ids=found.record_ids)
                    repaired += len(found.record_ids)
        after = index_check(contents=not quick)
        if not after.agrees or any(s.check(contents=not quick).record_ids for s, _f in stores):
            raise CommandError(_("The search index still differs after the repair."))
        self.stdout.write(
            _("Repaired: %(count)d index entries written again; the index now agrees.")
            % {"count": repaired}
        )

    def _lines(self, differences: IndexDifferences) -> list[str]:
        return self._id_lines(
            [
                (_("public records missing from the index"), differences.missing),
                (_("indexed records that are not public"), differences.not_public),
                (_("outdated index entries"), differences.outdated),
                (_("full-text rows without a document"), differences.orphan_tokens),
            ]
        )

    def _store_lines(self, store, found) -> list[str]:
        return self._id_lines(
            [
                (f"{store.label}: " + _("public records missing"), found.missing),
                (f"{store.label}: " + _("records that are not public"), found.not_public),
                (f"{store.label}: " + _("outdated entries"), found.outdated),
            ]
        )

    def _id_lines(self, kinds) -> list[str]:
        lines = []
        for label, ids in kinds:
            if ids:
                shown = ", ".join(str(pk) for pk in ids[:SHOWN_IDS])
                more = " …" if len(ids) > SHOWN_IDS else ""
                lines.append(f"{label}: {len(ids)} ({shown}{more})")
        return lines
