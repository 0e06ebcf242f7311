"""A real portal for the browser tests: served by granian exactly as ``make run`` serves it.

The session prepares its own database (a temporary SQLite file, or a throw-away PostgreSQL
database on the server named by ``DATABASE_URL``) with ``kozkincs prepare_portal``, starts
granian on a free loopback port and drives Debian's Chromium with Playwright. The Django test
database is not involved, so the pages see exactly what a visitor of ``make run`` sees.
"""

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.processes import separate_installation

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def portal_environment(tmp_path_factory) -> Iterator[dict[str, str]]:
    var_dir = tmp_path_factory.mktemp("portal-var")
    with separate_installation(var_dir, prefix="kozkincs_browser", tasks="database") as environment:
        yield environment


@pytest.fixture(scope="session")
def portal_url(portal_environment) -> Iterator[str]:
    """Prepare the portal's database, serve it with granian beside the background-task worker
    (as ``make run`` does); yield the base URL."""
    prepared = subprocess.run(
        [str(BIN / "kozkincs"), "prepare_portal"],
        env=portal_environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if prepared.returncode != 0:
        pytest.fail(f"prepare_portal failed:\n{prepared.stdout}\n{prepared.stderr[-3000:]}")
    port = _free_port()
    server = subprocess.Popen(
        [
            str(BIN / "granian"),
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--blocking-threads",
            "2",
            "--log-level",
            "warning",
            "kozkincs.config.wsgi:application",
        ],
        env=portal_environment,
    )
    worker = subprocess.Popen(
        [str(BIN / "kozkincs"), "db_worker", "--interval", "0.5", "--no-startup-delay"],
        env=portal_environment,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/hu/", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                worker.kill()
                raise RuntimeError("the portal did not start for the browser tests") from None
            time.sleep(0.3)
    yield base
    server.terminate()
    worker.terminate()
    server.wait(timeout=20)
    worker.wait(timeout=60)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-system-packages chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, portal_url):
    context = browser.new_context(base_url=portal_url, viewport={"width": 1280, "height": 900})
    # No network beyond the portal: map tiles fail as they would offline.
    context.route(lambda url: not url.startswith(portal_url), lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.javascript_errors = errors
    yield page
    context.close()
