"""An uploaded photo and document survive ``kozkincs backup`` → ``kozkincs restore`` into a
new installation: rows, every stored file byte for byte, and what the pages would serve."""

import hashlib
import json

from tests.media.conftest import DEFINITIONS
from tests.processes import run_django, run_kozkincs, separate_installation

SEED = """
import hashlib, io, json
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image
from kozkincs.catalog.services import record_create, record_publish
from kozkincs.media.services import attachment_upload, image_upload
from kozkincs.media.storage import media_storage

call_command("migrate", interactive=False, verbosity=0)
record = record_publish(record=record_create(
    catalog="media-test-sites", data={"name": "Mentett kastély", "values": {"kind": "castle"}}
))
buffer = io.BytesIO()
Image.new("RGB", (900, 600), (120, 60, 30)).save(buffer, "JPEG")
image_upload(record=record, upload=SimpleUploadedFile("k.jpg", buffer.getvalue()),
             alt_text="A mentett kastély", credit="Kiss Péter", licence="CC-BY-4.0")
attachment_upload(record=record, upload=SimpleUploadedFile("f.pdf", b"%PDF-1.4\\n%%EOF\\n"),
                  title="Forrás", visibility="members")
"""

STATE = """
import hashlib, json
from kozkincs.media.models import RecordAttachment, RecordImage
from kozkincs.media.selectors import record_images
from kozkincs.media.storage import media_storage

names = [n for image in RecordImage.objects.all() for n in image.stored_names()]
names += [a.file.name for a in RecordAttachment.objects.all()]
storage = media_storage()
print(json.dumps({
    "images": list(RecordImage.objects.values_list("record__name", "alt_text", "is_cover")),
    "documents": list(RecordAttachment.objects.values_list("title", "visibility")),
    "files": {n: hashlib.sha256(storage.open(n).read()).hexdigest() for n in sorted(names)},
    "public": [
        (view.alt, [r.width for r in view.renditions])
        for views in record_images(RecordImage.objects.values_list("record_id", flat=True)).values()
        for view in views
    ],
}))
"""


def state(environment) -> dict:
    done = run_django(environment, STATE)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_an_uploaded_photo_and_document_survive_backup_and_restore(tmp_path):
    with (
        separate_installation(tmp_path / "source", prefix="kozkincs_media") as source,
        separate_installation(tmp_path / "target", prefix="kozkincs_media") as target,
    ):
        source["KOZKINCS_CATALOG_DIRS"] = target["KOZKINCS_CATALOG_DIRS"] = str(DEFINITIONS)
        seeded = run_django(source, SEED)
        assert seeded.returncode == 0, seeded.stderr[-3000:]
        original = state(source)
        assert len(original["files"]) == 4  # original, two thumbnails, the document

        backup = run_kozkincs(source, "backup", str(tmp_path / "backup"))
        assert backup.returncode == 0, backup.stderr
        manifest = (tmp_path / "backup" / "manifest.json").read_text(encoding="utf-8")
        assert all(f"media/{name}" in manifest for name in original["files"])
        assert run_kozkincs(target, "migrate").returncode == 0
        restore = run_kozkincs(target, "restore", str(tmp_path / "backup"))
        assert restore.returncode == 0, restore.stderr

        restored = state(target)
        assert restored == original
        assert restored["images"] == [["Mentett kastély", "A mentett kastély", True]]
        assert restored["public"] == [["A mentett kastély", [320, 640]]]
        for name, digest in original["files"].items():
            content = (tmp_path / "target" / "media" / name).read_bytes()
            assert hashlib.sha256(content).hexdigest() == digest
