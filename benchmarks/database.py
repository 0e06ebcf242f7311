"""The benchmark's own database: a SQLite file in the benchmark directory, or a dedicated
PostgreSQL database on a server that is already running (never started here).

The generator empties and refills it, so it refuses anything that could be the portal's data:
a SQLite file outside the benchmark directory, or a PostgreSQL database whose name does not
contain ``bench`` (``kozkincs_bench`` is the documented one). The portal's ``DATABASE_URL`` is
never read for this; the runner takes ``--database-url`` or ``BENCH_DATABASE_URL``.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import dj_database_url

ENVIRONMENT_VARIABLE = "BENCH_DATABASE_URL"
SQLITE_FILE = "bench.sqlite3"


class BenchDatabaseError(ValueError):
    pass


def default_url(directory: Path) -> str:
    """``BENCH_DATABASE_URL`` when set, else the SQLite file in ``directory``."""
    return os.environ.get(ENVIRONMENT_VARIABLE) or f"sqlite:///{directory / SQLITE_FILE}"


@dataclass(frozen=True)
class BenchDatabase:
    url: str
    directory: Path

    def __post_init__(self) -> None:
        settings = dj_database_url.parse(self.url)
        engine = settings["ENGINE"]
        if engine.endswith("sqlite3"):
            path = Path(settings["NAME"]).resolve()
            if path.parent != self.directory.resolve():
                raise BenchDatabaseError(
                    f"the SQLite benchmark database must be in {self.directory} (got {path})"
                )
        elif engine.endswith("postgresql"):
            if "bench" not in settings["NAME"]:
                raise BenchDatabaseError(
                    f"the benchmark empties its database: its name must contain 'bench' "
                    f"(got {settings['NAME']!r}; use e.g. kozkincs_bench)"
                )
        else:
            raise BenchDatabaseError(f"the benchmark runs on SQLite or PostgreSQL, not {engine}")

    @property
    def _settings(self) -> dict:
        return dj_database_url.parse(self.url)

    @property
    def vendor(self) -> str:
        return "sqlite" if self._settings["ENGINE"].endswith("sqlite3") else "postgresql"

    @property
    def name(self) -> str:
        return str(self._settings["NAME"])

    @property
    def label(self) -> str:
        """The URL without a password (for reports and ``bench.json``)."""
        if self.vendor == "sqlite":
            return self.url
        s = self._settings
        return f"postgres://{s['USER'] or ''}@{s['HOST'] or ''}:{s['PORT'] or ''}/{s['NAME']}"

    def _sqlite_files(self) -> list[Path]:
        path = Path(self.name)
        return sorted(path.parent.glob(path.name + "*"))

    def _admin_connection(self):
        """An autocommit connection to the server's ``postgres`` database."""
        import psycopg

        s = self._settings
        return psycopg.connect(
            host=s["HOST"] or None, port=s["PORT"] or None, user=s["USER"] or None,
            password=s["PASSWORD"] or None, dbname="postgres", autocommit=True,
        )  # fmt: skip

    def exists(self) -> bool:
        if self.vendor == "sqlite":
            return Path(self.name).exists()
        with self._admin_connection() as connection:
            found = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (self.name,)
            ).fetchone()
        return found is not None

    def recreate(self) -> None:
        """An empty database: the SQLite files removed, or the PostgreSQL database dropped
        (its connections closed) and created again."""
        if self.vendor == "sqlite":
            for path in self._sqlite_files():
                path.unlink()
            return
        from psycopg import sql

        name = sql.Identifier(self.name)
        with self._admin_connection() as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(name))

    def size_bytes(self) -> int:
        if self.vendor == "sqlite":
            return sum(path.stat().st_size for path in self._sqlite_files() if path.is_file())
        with self._admin_connection() as connection:
            return connection.execute("SELECT pg_database_size(%s)", (self.name,)).fetchone()[0]

    def server_version(self) -> str:
        """``SQLite 3.40.1`` or ``PostgreSQL 15.20 …`` (the server's own ``version()``)."""
        if self.vendor == "sqlite":
            import sqlite3

            return f"SQLite {sqlite3.sqlite_version}"
        with self._admin_connection() as connection:
            return connection.execute("SELECT version()").fetchone()[0]
