import pytest
from benchmarks.cases import CASES
from benchmarks.measure import PAIR_TIMEOUT_S, Measurement
from benchmarks.run import bench_environment, case_loads, parse_arguments, startup_timeout

from benchmarks import peer


def test_defaults_follow_the_issue():
    arguments = parse_arguments([])
    assert arguments.records == 100_000
    assert (arguments.duration, arguments.runs, arguments.connections) == (10, 3, 16)
    assert [case.key for case in arguments.cases] == [*"abcdefg", "c0", "d0", "r", "j"]
    assert not arguments.pin
    assert not arguments.no_datasette
    assert arguments.directory.is_absolute()
    assert arguments.directory.parts[-2:] == ("var", "bench")
    assert arguments.database.vendor == "sqlite"
    assert arguments.database_url == f"sqlite:///{arguments.directory / 'bench.sqlite3'}"
    assert arguments.results.parts[-3:] == ("var", "bench", "results")


def test_options_are_read():
    arguments = parse_arguments(
        ["--records", "200", "--seed", "3", "--duration", "2", "--runs", "5", "--cases", "d,a",
         "--connections", "4", "--pin"]
    )  # fmt: skip
    assert (arguments.records, arguments.seed, arguments.duration) == (200, 3, 2)
    assert (arguments.runs, arguments.connections, arguments.pin) == (5, 4, True)
    assert [case.key for case in arguments.cases] == ["d", "a"]


def test_postgresql_gets_its_own_directory(monkeypatch):
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    url = "postgres://postgres@127.0.0.1:5432/kozkincs_bench"
    arguments = parse_arguments(["--database-url", url, "--no-datasette"])
    assert arguments.database.vendor == "postgresql"
    assert arguments.database.name == "kozkincs_bench"
    assert arguments.directory.parts[-3:] == ("var", "bench", "pg-kozkincs_bench")
    assert arguments.no_datasette
    monkeypatch.setenv("BENCH_DATABASE_URL", url.replace("kozkincs_bench", "bench_1m"))
    assert parse_arguments([]).database.name == "bench_1m"


def test_the_portals_database_url_is_never_used(monkeypatch):
    monkeypatch.delenv("BENCH_DATABASE_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kozkincs_bench")
    assert parse_arguments([]).database.vendor == "sqlite"


@pytest.mark.parametrize(
    "argv",
    [
        ["--records", "0"], ["--runs", "-1"], ["--cases", "q"], ["--duration", "x"],
        ["--database-url", "postgres://postgres@127.0.0.1:5432/kozkincs"],
        ["--database-url", "mysql://root@127.0.0.1/kozkincs_bench"],
        ["--database-url", "sqlite:////tmp/elsewhere/bench.sqlite3"],
    ],
)  # fmt: skip
def test_bad_options_are_refused(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse_arguments(argv)
    assert exit_info.value.code == 2
    assert "error" in capsys.readouterr().err


def test_environment_points_at_the_bench_database_only(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://portal/real")
    monkeypatch.setenv("KOZKINCS_CATALOG_DIRS", "/somewhere")
    monkeypatch.setenv("KOZKINCS_DEBUG", "true")
    env = bench_environment(tmp_path, response_cache=False)
    assert env["DATABASE_URL"] == f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    assert env["KOZKINCS_VAR_DIR"] == str(tmp_path)
    assert env["KOZKINCS_DEBUG"] == "false"
    assert env["KOZKINCS_RESPONSE_CACHE"] == "false"
    assert "KOZKINCS_CATALOG_DIRS" not in env
    assert bench_environment(tmp_path, response_cache=True)["KOZKINCS_RESPONSE_CACHE"] == "true"


def test_environment_takes_the_benchmarks_postgresql_database(tmp_path):
    url = "postgres://postgres@127.0.0.1:5432/kozkincs_bench"
    env = bench_environment(tmp_path, response_cache=False, database_url=url)
    assert env["DATABASE_URL"] == url


def test_servers_get_longer_to_start_on_larger_datasets():
    assert startup_timeout(20_000) == 90
    assert startup_timeout(1_000_000) == 500


def test_each_case_gets_its_load_and_the_peer_its_checks(tmp_path):
    paths = {key: str(tmp_path / f"paths-{key}.txt") for key in ("d", "r", "r-datasette")}
    paths["d-datasette"] = str(tmp_path / "paths-d-datasette.txt")
    measurement = Measurement(arguments=None, metadata={"paths": paths}, cpus=None, facts={})
    kozkincs, datasette = ("server", "sampler"), ("peer server", "peer sampler")

    load, peer_load = case_loads(CASES["r"], measurement, kozkincs=kozkincs, datasette=datasette)
    assert (load.server, load.timeout_s, load.required) == ("server", PAIR_TIMEOUT_S, ())
    assert peer_load.server == "peer server"
    assert peer_load.paths_file.name == "paths-r-datasette.txt"
    assert (peer_load.required, peer_load.forbidden) == (
        peer.SEARCH_REQUIRED, peer.SEARCH_FORBIDDEN,
    )  # fmt: skip
    load, peer_load = case_loads(CASES["j"], measurement, kozkincs=kozkincs, datasette=datasette)
    assert load.paths_file.name == "paths-d.txt"
    assert (peer_load.paths_file.name, peer_load.required) == ("paths-d-datasette.txt", ())
    load, peer_load = case_loads(CASES["d"], measurement, kozkincs=kozkincs, datasette=datasette)
    assert (load.timeout_s, peer_load) == (5, None)
    no_peer = case_loads(CASES["r"], measurement, kozkincs=kozkincs, datasette=(None, None))
    assert no_peer[1] is None
    assert case_loads(CASES["e"], measurement, kozkincs=kozkincs, datasette=datasette) is None
