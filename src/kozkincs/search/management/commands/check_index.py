from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kozkincs.search.consistency import IndexDifferences, index_check, index_repair

SHOWN_IDS = 20


class Command(BaseCommand):
    help = "Compare the search index with the records; --repair fixes the differences."

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="re-index the records that differ"
        )
        parser.add_argument(
            "--quick",
            action="store_true",
            help="compare only which records are indexed, not the contents of their documents",
        )

    def handle(self, *args, repair: bool = False, quick: bool = False, **options):
        differences = index_check(contents=not quick)
        if differences.agrees:
            self.stdout.write(_("The search index agrees with the records."))
            return
        for line in self._lines(differences):
            self.stdout.write(line)
        if not repair:
            raise CommandError(
                _("The search index differs from the records. Run: kozkincs check_index --repair")
            )
        repaired = index_repair(differences)
        after = index_check(contents=not quick)
        if not after.agrees:
            raise CommandError(_("The search index still differs after the repair."))
        self.stdout.write(
            _("Repaired: %(count)d index entries written again; the index now agrees.")
            % {"count": repaired}
        )

    def _lines(self, differences: IndexDifferences) -> list[str]:
        kinds = [
            (_("public records missing from the index"), differences.missing),
            (_("indexed records that are not public"), differences.not_public),
            (_("outdated index entries"), differences.outdated),
            (_("full-text rows without a document"), differences.orphan_tokens),
        ]
        lines = []
        for label, ids in kinds:
            if ids:
                shown = ", ".join(str(pk) for pk in ids[:SHOWN_IDS])
                more = " …" if len(ids) > SHOWN_IDS else ""
                lines.append(f"{label}: {len(ids)} ({shown}{more})")
        return lines
