"""A secret key for embedded installations, generated once and kept in a file."""

import secrets
from pathlib import Path


def secret_key_from_file(path: Path) -> str:
    """Read the key from ``path``, creating it (mode 0600) on first use."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.touch(mode=0o600)
    path.write_text(key, encoding="utf-8")
    return key
