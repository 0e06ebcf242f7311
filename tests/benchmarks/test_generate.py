import argparse
from types import SimpleNamespace

import pytest

from benchmarks import generate, peer


def arguments(tmp_path, **options):
    values = {
        "directory": tmp_path, "records": 200, "seed": 1, "regenerate": False,
        "no_datasette": False, "no_index_rebuild": False, "no_stored_json": False,
    }  # fmt: skip
    return argparse.Namespace(**{**values, **options})


def test_the_peer_database_is_built_once_per_dataset(tmp_path, monkeypatch):
    built = []

    def build(path, **kwargs):
        built.append(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"db")
        return peer.PeerBuild(path=path, records=200, seconds=0.1, size_bytes=2)

    monkeypatch.setattr(peer, "datasette_database_build", build)
    metadata: dict = {}
    generate._datasette_peer(arguments(tmp_path), metadata, "data-1")
    assert built == [tmp_path / "datasette" / "kozkincs.db"]
    assert metadata["datasette"]["records"] == 200
    generate._datasette_peer(arguments(tmp_path), metadata, "data-1")
    assert len(built) == 1  # same records, same builder: reused
    generate._datasette_peer(arguments(tmp_path), metadata, "data-2")
    assert len(built) == 2  # new records: rebuilt
    generate._datasette_peer(arguments(tmp_path, no_datasette=True), metadata, "data-2")
    assert "datasette" not in metadata


class FakeDatabase(SimpleNamespace):
    def exists(self):
        return self.present


@pytest.mark.parametrize(
    ("options", "previous", "present", "count", "expected"),
    [
        ({}, {"data": "fp", "database": "db"}, True, 200, True),
        ({"regenerate": True}, {"data": "fp", "database": "db"}, True, 200, False),
        ({}, {"data": "other", "database": "db"}, True, 200, False),
        ({}, {"data": "fp", "database": "another db"}, True, 200, False),
        ({}, {"data": "fp", "database": "db"}, False, 200, False),
        ({}, {"data": "fp", "database": "db"}, True, 150, False),  # records lost meanwhile
    ],
)
def test_a_database_is_reused_only_when_it_holds_this_dataset(
    tmp_path, monkeypatch, options, previous, present, count, expected
):
    monkeypatch.setattr(generate, "_published_count", lambda: count)
    database = FakeDatabase(label="db", present=present)
    assert generate._reusable(arguments(tmp_path, **options), previous, database, "fp") is expected
