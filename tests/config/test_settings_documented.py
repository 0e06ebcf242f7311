import re
from pathlib import Path

import kozkincs.config.settings as settings_module

ROOT = Path(__file__).resolve().parents[2]


def test_every_kozkincs_environment_variable_is_documented():
    source = Path(settings_module.__file__).read_text(encoding="utf-8")
    variables = set(re.findall(r"\"(KOZKINCS_[A-Z_]+)\"", source))
    assert variables, "the settings module reads no KOZKINCS_* variable?"
    page = (ROOT / "docs" / "reference" / "settings.md").read_text(encoding="utf-8")
    missing = sorted(name for name in variables if f"`{name}`" not in page)
    assert not missing, f"document these in docs/reference/settings.md: {missing}"


def _settings_in_subprocess(tmp_path, **environment) -> dict:
    """Import the production settings in a fresh interpreter with the given environment."""
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json, kozkincs.config.settings as s;"
        "print(json.dumps({'db': s.DATABASES['default'], 'debug': s.DEBUG,"
        " 'region': s.KOZKINCS_HOME_REGION, 'dirs': s.KOZKINCS_CATALOG_DIRS}, default=str))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KOZKINCS_", "DATABASE_"))}
    env.update({"KOZKINCS_VAR_DIR": str(tmp_path)}, **environment)
    output = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output)


def test_default_database_is_sqlite_in_wal_mode_under_var(tmp_path):
    loaded = _settings_in_subprocess(tmp_path)
    assert loaded["db"]["ENGINE"] == "django.db.backends.sqlite3"
    assert loaded["db"]["NAME"] == str(tmp_path / "kozkincs.sqlite3")
    assert "journal_mode=WAL" in loaded["db"]["OPTIONS"]["init_command"]
    assert loaded["db"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert loaded["debug"] is False
    assert (tmp_path / "secret_key").exists()


def test_database_url_selects_postgresql_and_environment_overrides(tmp_path):
    loaded = _settings_in_subprocess(
        tmp_path,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/kozkincs",
        KOZKINCS_HOME_REGION="zalaegerszegi-jaras",
        KOZKINCS_CATALOG_DIRS="/srv/a, /srv/b",
    )
    assert loaded["db"]["ENGINE"] == "django.db.backends.postgresql"
    assert loaded["db"]["NAME"] == "kozkincs"
    assert "init_command" not in loaded["db"].get("OPTIONS", {})
    assert loaded["region"] == "zalaegerszegi-jaras"
    assert loaded["dirs"] == ["/srv/a", "/srv/b"]
