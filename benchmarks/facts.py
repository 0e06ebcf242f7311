"""What a result is worth knowing beside its numbers: the machine, the software, the dataset."""

import importlib.metadata
import os
import platform
import shutil
import subprocess
from pathlib import Path

from benchmarks.database import BenchDatabase
from benchmarks.server import GRANIAN_THREADS, GRANIAN_WORKERS


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor()


def package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def wrk_version() -> str:
    if not shutil.which("wrk"):
        return "not installed"
    completed = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    first = (completed.stdout or completed.stderr).splitlines()
    return first[0].split(" Copyright")[0] if first else "unknown"


def machine_info(database: BenchDatabase) -> dict:
    """CPU model and cores, system, Python, the SQLite library (Közkincs's and Datasette's:
    the same Python runs both), the PostgreSQL server when the run uses one."""
    import sqlite3

    return {
        "cpu_model": cpu_model(),
        "cores": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": (
            database.server_version() if database.vendor == "postgresql" else "not used"
        ),
        "database": f"{database.vendor} {database.label}",
    }


def machine_facts(info: dict) -> dict:
    return {
        "machine": f"{info['cores']} cores, {info['cpu_model']}",
        "system": f"{info['system']}, Python {info['python']}",
        "SQLite library": info["sqlite"],
        "PostgreSQL server": info["postgresql"],
        "database": info["database"],
    }


def software_facts(*, datasette: bool) -> dict:
    facts = {
        "Közkincs server": (
            f"granian {package_version('granian')}, WSGI, {GRANIAN_WORKERS} worker processes x "
            f"{GRANIAN_THREADS} blocking threads, Django {package_version('django')}"
        ),
        "load generator": wrk_version(),
    }
    if datasette:
        from benchmarks import peer

        settings = ", ".join(f"{name} {value}" for name, value in peer.SETTINGS.items())
        facts["Datasette peer"] = (
            f"datasette {package_version('datasette')} on uvicorn "
            f"{package_version('uvicorn')} (datasette serve: 1 process, asyncio, "
            f"{peer.SQL_THREADS} SQL threads), immutable (-i); {settings}; "
            f"sqlite-utils {package_version('sqlite-utils')}"
        )
    return facts


def dataset_facts(metadata: dict, database: BenchDatabase) -> dict:
    records = metadata["records"]
    create = metadata.get("create_seconds") or 0
    size = database.size_bytes()
    index_cpu = metadata.get("index_cpu_seconds") or 0
    facts = {
        "records": f"{records:,} published over {metadata['settlements']:,} settlements",
        "dataset": "reused" if metadata["reused"] else "generated now",
        "record creation (record_bulk_create)": (
            f"{create:.1f} s ({records / create:,.0f} records/s), "
            f"CPU {metadata.get('create_cpu_seconds', 0):.1f} s"
            if create
            else "?"
        ),
        "search index build (rebuild_search_index)": (
            f"{metadata['index_seconds']:.1f} s, CPU {index_cpu:.1f} s "
            f"(built {metadata.get('index_built_at', '?')})"
            if metadata.get("index_seconds") is not None
            else "not rebuilt (--no-index-rebuild: the index written while creating the records)"
        ),
        "stored record JSON (db_worker --batch)": (
            f"{metadata['stored_json_seconds']:.1f} s, "
            f"CPU {metadata.get('stored_json_cpu_seconds') or 0:.1f} s"
            if metadata.get("stored_json_seconds") is not None
            else "not written (--no-stored-json: record JSON rendered live)"
            if create
            else "?"
        ),
        f"database size ({database.vendor})": f"{size / 1024 / 1024:.0f} MiB",
    }
    peer = metadata.get("datasette")
    if peer:
        facts["Datasette peer database"] = (
            f"{peer['size_bytes'] / 1024 / 1024:.0f} MiB, {peer['records']:,} records, "
            f"built in {peer['build_seconds']:.1f} s"
        )
    return facts
