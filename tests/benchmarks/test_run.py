import pytest
from benchmarks.run import bench_environment, parse_arguments


def test_defaults_follow_the_issue():
    arguments = parse_arguments([])
    assert arguments.records == 100_000
    assert (arguments.duration, arguments.runs, arguments.connections) == (10, 3, 16)
    assert [case.key for case in arguments.cases] == [*"abcdefg", "c0", "d0"]
    assert not arguments.pin
    assert arguments.directory.is_absolute()


def test_options_are_read():
    arguments = parse_arguments(
        ["--records", "200", "--seed", "3", "--duration", "2", "--runs", "5", "--cases", "d,a",
         "--connections", "4", "--pin"]
    )  # fmt: skip
    assert (arguments.records, arguments.seed, arguments.duration) == (200, 3, 2)
    assert (arguments.runs, arguments.connections, arguments.pin) == (5, 4, True)
    assert [case.key for case in arguments.cases] == ["d", "a"]


@pytest.mark.parametrize(
    "argv", [["--records", "0"], ["--runs", "-1"], ["--cases", "q"], ["--duration", "x"]]
)
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
