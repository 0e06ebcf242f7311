"""The editing reference names every URL of the app, and the how-tos exist in both languages."""

from pathlib import Path

from kozkincs.editing.urls import urlpatterns

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_editing_url_is_in_the_reference():
    reference = (DOCS / "reference" / "editing.md").read_text(encoding="utf-8")
    for pattern in urlpatterns:
        assert f"`editing:{pattern.name}`" in reference, pattern.name


def test_the_how_tos_exist_in_english_and_hungarian():
    for name in ("edit-records", "moderate"):
        assert (DOCS / "how-to" / f"{name}.md").exists()
        assert (DOCS / "how-to" / f"{name}.hu.md").exists()
