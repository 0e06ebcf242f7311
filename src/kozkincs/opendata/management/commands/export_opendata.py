from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kozkincs.core.i18n import CONTENT_LANGUAGES
from kozkincs.opendata.exports.files import export_all
from kozkincs.opendata.links import EXPORT_FORMATS


class Command(BaseCommand):
    help = "Write every open-data export (each catalog and all together, every format) to DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="where to write; created when its parent exists")
        parser.add_argument(
            "--origin",
            default="http://localhost:8000",
            help="the portal's public address, for the record links in the files",
        )
        parser.add_argument("--language", choices=CONTENT_LANGUAGES, default="hu")
        parser.add_argument(
            "--format",
            dest="formats",
            action="append",
            choices=list(EXPORT_FORMATS),
            help="only this format (repeatable); default: every format",
        )

    def handle(self, *args, directory: str, origin: str, language: str, formats, **options):
        target = Path(directory)
        if not target.parent.is_dir():
            raise CommandError(
                _("The directory %(path)s does not exist.") % {"path": target.parent}
            )
        if target.exists() and not target.is_dir():
            raise CommandError(_("%(path)s is not a directory.") % {"path": target})
        target.mkdir(exist_ok=True)
        written = export_all(
            directory=target, origin=origin.rstrip("/"), language=language, formats=formats
        )
        for file in written:
            self.stdout.write(
                _("%(path)s: %(records)d records, %(size)d bytes")
                % {"path": file.path, "records": file.records, "size": file.size}
            )
        self.stdout.write(_("%(count)d files written.") % {"count": len(written)})
