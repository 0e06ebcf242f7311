"""``kozkincs import_records CATALOG FILE``: import a CSV, XLSX or ODS file into a catalog.

Shows what it detected and how it mapped the columns, then either the dry run's report
(``--dry-run``, or when any row is invalid) or imports after asking (``--yes`` skips the
question). See docs/reference/import.md.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kozkincs.catalog.models import Record
from kozkincs.imports.columns import IGNORE
from kozkincs.imports.plan import ImportOptions, ImportPlan
from kozkincs.imports.reading import DELIMITERS, ENCODINGS
from kozkincs.imports.services import (
    ImportRefused,
    earlier_import,
    import_batch_apply,
    import_batch_create,
    import_batch_preview,
)

SHOWN_PROBLEMS = 50


class Command(BaseCommand):
    help = "Import records from a CSV, XLSX or ODS file into a catalog (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("catalog", help="catalog key, e.g. built-values")
        parser.add_argument("file", type=Path)
        parser.add_argument("--sheet", default="", help="sheet of an XLSX/ODS (default: first)")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument(
            "--update-by",
            default="",
            metavar="COLUMN",
            help="update the records whose COLUMN matches (id, name, a field)",
        )
        parser.add_argument("--encoding", default="", choices=["", *ENCODINGS])
        parser.add_argument("--delimiter", default="", choices=["", *DELIMITERS])
        parser.add_argument(
            "--ignore-column",
            action="append",
            default=[],
            metavar="COLUMN",
            help="a column letter (e.g. F) to leave out; repeatable",
        )
        parser.add_argument(
            "--status",
            default="published",
            choices=[s.value for s in (Record.Status.PUBLISHED, Record.Status.DRAFT)],
            help="status of new records",
        )
        parser.add_argument(
            "--yes", action="store_true", help="do not ask; import even a file imported before"
        )
        parser.add_argument("--language", default="hu", choices=["hu", "en", "de"],
                            help="language of the report")  # fmt: skip

    def handle(self, *args, **options):
        translation.activate(options["language"])
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        choices = ImportOptions(
            encoding=options["encoding"], delimiter=options["delimiter"],
            sheet=options["sheet"], update_by=options["update_by"],
            mapping={_column_index(letter): IGNORE for letter in options["ignore_column"]},
        )  # fmt: skip
        try:
            batch = import_batch_create(
                catalog=options["catalog"], source=path, file_name=path.name,
                options=choices, language=options["language"],
            )  # fmt: skip
            plan = import_batch_preview(batch=batch, progress=self._progress)
        except ImportRefused as error:
            raise CommandError(" ".join(error.messages)) from None
        self._describe(plan)
        if options["dry_run"] or not plan.ok:
            if not plan.ok:
                raise CommandError("Nothing was imported.")
            return
        if not self._confirmed(options, batch):
            self.stdout.write("Nothing was imported.")
            return
        try:
            import_batch_apply(batch=batch, status=options["status"], confirm_repeat=True,
                               progress=self._progress)  # fmt: skip
        except ImportRefused as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Imported as batch {batch.pk}: {batch.new_count} new, {batch.updated_count} "
            f"updated, {batch.unchanged_count} unchanged."))  # fmt: skip

    def _progress(self, done: int) -> None:
        self.stderr.write(f"\r  {done} rows checked", ending="")
        self.stderr.flush()

    def _confirmed(self, options, batch) -> bool:
        earlier = earlier_import(batch)
        if options["yes"]:
            return True
        if earlier is not None:
            self.stdout.write(self.style.WARNING(
                f"This file was already imported (batch {earlier.pk}, "
                f"{earlier.applied_at:%Y-%m-%d})."
            ))  # fmt: skip
        if not sys.stdin.isatty():
            self.stdout.write("Not a terminal: give --yes to import.")
            return False
        return input("Import now? [y/N] ").strip().lower() in ("y", "yes", "i", "igen")

    def _describe(self, plan: ImportPlan) -> None:
        info = plan.info
        self.stderr.write("")
        if info.kind == "csv":
            delimiter = {";": "semicolon", ",": "comma", "\t": "tab"}[info.delimiter]
            self.stdout.write(f"CSV, encoding {ENCODINGS[info.encoding]}, {delimiter}-separated")
        else:
            self.stdout.write(f"{info.kind.upper()}, sheet “{info.sheet}” of {info.sheets}")
        if plan.mapping is not None:
            self.stdout.write(f"Header in row {plan.mapping.header_index + 1}; columns:")
            for index, column in sorted(plan.mapping.assigned.items()):
                self.stdout.write(f"  {plan.mapping.describe(index)} → {column.key}")
            for index in plan.mapping.ignored:
                if plan.mapping.headers[index]:
                    self.stdout.write(f"  {plan.mapping.describe(index)} → ignored")
        for problem in plan.mapping_problems:
            self.stdout.write(self.style.ERROR(problem))
        counts = plan.counts()
        self.stdout.write(
            f"Rows: {counts['rows']} — new {counts['new']}, updated {counts['updated']}, "
            f"unchanged {counts['unchanged']}, invalid {counts['invalid']}"
        )
        for problem in plan.problems[:SHOWN_PROBLEMS]:
            self.stdout.write(
                f"  row {problem.row} {problem.column}: {problem.value!r}: {problem.message}"
            )
        if len(plan.problems) > SHOWN_PROBLEMS:
            self.stdout.write(f"  … and {len(plan.problems) - SHOWN_PROBLEMS} more problems")


def _column_index(letter: str) -> int:
    index = 0
    for char in letter.strip().upper():
        if not "A" <= char <= "Z":
            raise CommandError(f"--ignore-column takes a column letter such as F, not {letter!r}")
        index = index * 26 + ord(char) - 64
    return index - 1
