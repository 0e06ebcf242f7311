"""``kozkincs write_api_reference``: regenerate docs/reference/api.md from the OpenAPI document."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kozkincs.api.reference import openapi_document, render_api_reference

DEFAULT_OUTPUT = settings.PACKAGE_DIR.parent.parent / "docs" / "reference" / "api.md"


class Command(BaseCommand):
    help = "Write the API reference page (docs/reference/api.md) from the OpenAPI document."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
        parser.add_argument(
            "--check", action="store_true", help="Only fail when the page is out of date."
        )

    def handle(self, *args, output: Path, check: bool, **options) -> None:
        text = render_api_reference(openapi_document())
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if check:
            if current != text:
                raise CommandError(f"{output} is out of date: run `kozkincs write_api_reference`.")
            self.stdout.write(f"{output} is up to date.")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {output}.")
