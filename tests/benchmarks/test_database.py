import sqlite3

import pytest
from benchmarks.database import BenchDatabase, BenchDatabaseError, default_url
from django.db import connection


def test_default_is_the_sqlite_file_in_the_directory_unless_bench_database_url(
    tmp_path, monkeypatch
):
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    assert default_url(tmp_path) == f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    monkeypatch.setenv("BENCH_DATABASE_URL", "postgres://u@h:5432/x_bench")
    assert default_url(tmp_path) == "postgres://u@h:5432/x_bench"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgres://postgres@127.0.0.1:5432/kozkincs", "must contain 'bench'"),
        ("sqlite:////somewhere/else/bench.sqlite3", "must be in"),
        ("mysql://root@127.0.0.1:3306/bench", "SQLite or PostgreSQL"),
    ],
)
def test_what_could_be_the_portals_data_is_refused(tmp_path, url, message):
    with pytest.raises(BenchDatabaseError, match=message):
        BenchDatabase(url=url, directory=tmp_path)


def test_label_hides_the_password(tmp_path):
    database = BenchDatabase(url="postgres://me:secret@db:5433/kozkincs_bench", directory=tmp_path)
    assert database.label == "postgres://me@db:5433/kozkincs_bench"
    assert (database.vendor, database.name) == ("postgresql", "kozkincs_bench")


def test_sqlite_database_is_recreated_empty(tmp_path):
    database = BenchDatabase(url=default_url(tmp_path), directory=tmp_path)
    assert not database.exists()
    with sqlite3.connect(tmp_path / "bench.sqlite3") as db:
        db.execute("CREATE TABLE t (x)")
    (tmp_path / "bench.sqlite3-wal").write_bytes(b"x" * 10)
    assert database.exists()
    assert database.size_bytes() >= (tmp_path / "bench.sqlite3").stat().st_size + 10
    database.recreate()
    assert not database.exists()
    assert list(tmp_path.iterdir()) == []
    assert database.server_version().startswith("SQLite 3.")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL run")
def test_postgresql_database_is_created_dropped_and_measured(tmp_path):
    settings = connection.settings_dict
    name = f"{settings['NAME']}_bench_probe"
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{name}"
    database = BenchDatabase(url=url, directory=tmp_path)
    try:
        database.recreate()  # created when missing
        assert database.exists()
        assert database.size_bytes() > 0
        assert database.server_version().startswith("PostgreSQL ")
        database.recreate()  # dropped and created again
        assert database.exists()
    finally:
        with database._admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert not database.exists()
