import os
import sqlite3

import pytest
from benchmarks.database import BenchDatabase, default_url
from benchmarks.facts import (
    dataset_facts,
    machine_facts,
    machine_info,
    package_version,
    software_facts,
)
from django.db import connection


def test_machine_info_names_the_cpu_cores_python_and_sqlite(tmp_path):
    info = machine_info(BenchDatabase(url=default_url(tmp_path), directory=tmp_path))
    assert info["cores"] == os.cpu_count()
    assert info["cpu_model"]
    assert info["sqlite"] == sqlite3.sqlite_version
    assert info["postgresql"] == "not used"
    facts = machine_facts(info)
    assert facts["machine"].startswith(f"{os.cpu_count()} cores, ")
    assert "Python 3." in facts["system"]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL run")
def test_machine_info_asks_the_postgresql_server_its_version(tmp_path):
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/x_bench"
    info = machine_info(BenchDatabase(url=url, directory=tmp_path))
    assert info["postgresql"].startswith("PostgreSQL ")


def test_software_facts_name_the_servers_workers_and_threads():
    facts = software_facts(datasette=True)
    assert "2 worker processes x 2 blocking threads" in facts["Közkincs server"]
    assert f"datasette {package_version('datasette')}" in facts["Datasette peer"]
    assert "3 SQL threads" in facts["Datasette peer"]
    assert "facet_time_limit_ms 60000" in facts["Datasette peer"]
    assert "Datasette peer" not in software_facts(datasette=False)
    assert package_version("no-such-package-here") == "not installed"


def test_dataset_facts_give_rates_and_cpu_times(tmp_path):
    database = BenchDatabase(url=default_url(tmp_path), directory=tmp_path)
    (tmp_path / "bench.sqlite3").write_bytes(b"x" * 2 * 1024 * 1024)
    metadata = {
        "records": 20_000, "settlements": 3178, "reused": True, "create_seconds": 25.0,
        "create_cpu_seconds": 18.0, "index_seconds": 26.9, "index_cpu_seconds": 12.1,
        "index_built_at": "2026-12-05 20:52",
        "datasette": {"size_bytes": 3 * 1024 * 1024, "records": 20_000, "build_seconds": 2.7},
    }  # fmt: skip
    facts = dataset_facts(metadata, database)
    assert facts["record creation (record_bulk_create)"] == "25.0 s (800 records/s), CPU 18.0 s"
    assert facts["search index build (rebuild_search_index)"].startswith("26.9 s, CPU 12.1 s")
    assert facts["database size (sqlite)"] == "2 MiB"
    assert facts["Datasette peer database"] == "3 MiB, 20,000 records, built in 2.7 s"
    kept = dataset_facts({**metadata, "index_seconds": None}, database)
    assert kept["search index build (rebuild_search_index)"].startswith("not rebuilt")
    stored = dataset_facts(
        {**metadata, "stored_json_seconds": 97.5, "stored_json_cpu_seconds": 56.8}, database
    )
    assert stored["stored record JSON (db_worker --batch)"] == "97.5 s, CPU 56.8 s"
    live = dataset_facts({**metadata, "stored_json_seconds": None}, database)
    assert live["stored record JSON (db_worker --batch)"].startswith("not written")
