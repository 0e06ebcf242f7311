"""Every export written to a directory (``kozkincs export_opendata DIR``): the files the
downloads serve, under the same names (``<catalog>.<format>``, ``records.<format>``), so the
directory can be published as it is."""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.http import QueryDict

from kozkincs.catalog.registry import catalog_list
from kozkincs.opendata.exports.downloads import export_request, export_stream
from kozkincs.opendata.links import EXPORT_FORMATS, REGION_EXPORT


@dataclass(frozen=True)
class WrittenFile:
    path: Path
    records: int
    size: int


def _write(path: Path, chunks) -> int:
    """Write ``chunks`` to a temporary file beside ``path``, then put it in place: a reader
    never sees half a file, and a failure leaves the previous one."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.chmod(name, 0o644)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return path.stat().st_size


def export_all(
    *, directory: Path, origin: str, language: str, formats: list[str] | None = None
) -> list[WrittenFile]:
    """Write every catalog's export and every catalog's together, in each of ``formats``
    (default: all), links in them on ``origin``, labels in ``language``."""
    params = QueryDict(f"lang={language}")
    written = []
    for name in [definition.key for definition in catalog_list()] + [REGION_EXPORT]:
        for format_key in formats or list(EXPORT_FORMATS):
            request = export_request(
                catalog_key=None if name == REGION_EXPORT else name,
                format_key=format_key,
                params=params,
            )
            path = directory / f"{name}.{format_key}"
            size = _write(path, export_stream(request, origin=origin))
            written.append(WrittenFile(path, len(request.ids), size))
    return written
