import http.server
import shutil
import threading
from pathlib import Path

import pytest
from benchmarks.wrk import ROTATE_SCRIPT, duration_ms, parse_wrk_output, wrk_command, wrk_run

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text()


def test_parses_a_clean_run():
    result = parse_wrk_output(sample("wrk-ok.txt"))
    assert result.requests == 3384
    assert result.duration_s == pytest.approx(2.10)
    assert result.requests_per_s == pytest.approx(1611.51)
    assert result.latency_ms == {"50": 3.59, "75": 4.43, "90": 5.75, "99": 488.70}
    assert (result.p50_ms, result.p99_ms) == (3.59, 488.70)
    assert result.errors == 0


def test_counts_non_2xx_answers_as_errors():
    result = parse_wrk_output(sample("wrk-non2xx.txt"))
    assert result.non_2xx == 4228
    assert result.errors == 4228
    assert result.requests_per_s == pytest.approx(2013.98)


def test_counts_socket_errors_and_timeouts():
    result = parse_wrk_output(sample("wrk-timeouts.txt"))
    assert result.timeouts == 6
    assert (result.connect_errors, result.read_errors, result.write_errors) == (0, 0, 0)
    assert result.errors == 6
    assert result.p99_ms == pytest.approx(208.88)


def test_parses_a_granian_run_with_microseconds():
    result = parse_wrk_output(sample("wrk-granian.txt"))
    assert result.requests == 58159
    assert result.requests_per_s == pytest.approx(19363.25)
    assert result.p50_ms == pytest.approx(0.761)
    assert result.p99_ms == pytest.approx(5.49)
    assert result.errors == 0


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [("812.00", "us", 0.812), ("3.59", "ms", 3.59), ("1.20", "s", 1200.0), ("2", "m", 120_000)],
)
def test_converts_wrk_durations_to_milliseconds(amount, unit, expected):
    assert duration_ms(amount, unit) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["", "wrk: command not found", sample("wrk-ok.txt").replace("Requests/sec", "R")]
)
def test_refuses_what_is_not_a_latency_report(text):
    with pytest.raises(ValueError, match="not a wrk --latency report"):
        parse_wrk_output(text)


def test_report_without_the_latency_distribution_is_refused():
    text = "\n".join(line for line in sample("wrk-ok.txt").splitlines() if "99%" not in line)
    with pytest.raises(ValueError):
        parse_wrk_output(text)


def test_command_rotates_over_the_paths_file_and_pins_when_asked(tmp_path, monkeypatch):
    monkeypatch.setattr("benchmarks.wrk.shutil.which", lambda name: f"/usr/bin/{name}")
    paths = tmp_path / "paths.txt"
    command = wrk_command(
        base_url="http://127.0.0.1:9", paths_file=paths, duration_s=10, connections=16,
        threads=1, cpus="1",
    )  # fmt: skip
    assert command[:3] == ["taskset", "--cpu-list", "1"]
    assert "--connections=16" in command
    assert "--duration=10s" in command
    assert "--latency" in command
    assert f"--script={ROTATE_SCRIPT}" in command
    assert command[-3:] == ["http://127.0.0.1:9", "--", str(paths)]
    unpinned = wrk_command(
        base_url="http://127.0.0.1:9", paths_file=paths, duration_s=10, connections=16,
        threads=2, cpus=None,
    )  # fmt: skip
    assert unpinned[0] == "wrk"


def test_a_failing_wrk_is_an_error_not_a_zero():
    with pytest.raises(RuntimeError, match="wrk failed"):
        wrk_run(["sh", "-c", "echo 'unable to connect' >&2; exit 1"], duration_s=1)


def test_wrk_run_parses_what_wrk_printed():
    command = ["cat", str(SAMPLES / "wrk-timeouts.txt")]
    assert wrk_run(command, duration_s=1).timeouts == 6


def test_answers_failing_the_body_checks_count_as_errors():
    result = parse_wrk_output(sample("wrk-checked.txt"))
    assert (result.checked, result.incomplete) == (120, 3)
    assert result.errors == 3
    assert result.as_dict()["incomplete"] == 3
    unchecked = parse_wrk_output(sample("wrk-ok.txt"))
    assert (unchecked.checked, unchecked.incomplete) == (None, 0)


def test_command_passes_required_and_forbidden_texts_to_the_script(tmp_path):
    command = wrk_command(
        base_url="http://127.0.0.1:9", paths_file=tmp_path / "p.txt", duration_s=1,
        connections=4, threads=1, cpus=None, required=('"name": "catalog"',),
        forbidden=('"count": null',),
    )  # fmt: skip
    assert command[-5:] == [
        "http://127.0.0.1:9", "--", str(tmp_path / "p.txt"), '+"name": "catalog"',
        '-"count": null',
    ]  # fmt: skip


class Answers(http.server.BaseHTTPRequestHandler):
    """``/complete`` holds both facets, ``/partial`` one of them, ``/timeout`` a null count."""

    protocol_version = "HTTP/1.1"
    BODIES = {
        "/complete": b'{"facets": {"catalog": [], "settlement": []}, "count": 3}',
        "/partial": b'{"facets": {"catalog": []}, "count": 3}',
        "/timeout": b'{"facets": {"catalog": [], "settlement": []}, "count": null}',
    }

    def do_GET(self):
        body = self.BODIES.get(self.path, b"")
        self.send_response(200 if body else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.skipif(not shutil.which("wrk"), reason="needs wrk (`make bench` installs it)")
def test_rotate_lua_checks_every_answer_against_a_real_server(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        paths = tmp_path / "paths.txt"
        paths.write_text("/complete\n/partial\n/timeout\n/missing\n")
        command = wrk_command(
            base_url=f"http://127.0.0.1:{server.server_port}", paths_file=paths, duration_s=1,
            connections=2, threads=1, cpus=None, required=('"settlement"',),
            forbidden=('"count": null',),
        )  # fmt: skip
        result = wrk_run(command, duration_s=1)
        plain = wrk_run(
            [part for part in command if not part.startswith(("+", '-"'))], duration_s=1
        )
    finally:
        server.shutdown()
        server.server_close()
    # /missing is a 404 (counted by wrk), /partial and /timeout fail the checks.
    assert result.requests >= 4
    assert result.checked == pytest.approx(result.requests * 3 / 4, abs=3)
    assert result.incomplete == pytest.approx(result.requests / 2, abs=3)
    assert result.non_2xx == pytest.approx(result.requests / 4, abs=3)
    assert plain.checked is None and plain.incomplete == 0
