"""The browsable API docs in a real browser: Swagger UI from vendored files under the CSP."""

from pathlib import Path

import pytest

from tests.api.test_openapi import OPERATIONS

CHROMIUM = "/usr/bin/chromium"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_docs_page_renders_every_operation_without_csp_violations(live_server):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-system-packages chromium")
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    outside: list[str] = []
    failed: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "console",
            lambda message: problems.append(message.text) if message.type == "error" else None,
        )
        page.on(
            "request",
            lambda request: (
                None if request.url.startswith(live_server.url) else outside.append(request.url)
            ),
        )
        page.on(
            "response",
            lambda reply: (
                failed.append(reply.url)
                if reply.status >= 400 and not reply.url.endswith("/favicon.ico")
                else None
            ),
        )
        response = page.goto(live_server.url + "/api/v1/docs?lang=en")
        page.wait_for_selector(".opblock", timeout=20_000)
        operations = page.locator(".opblock").count()
        csp = response.headers.get("content-security-policy", "")
        browser.close()

    assert operations == OPERATIONS
    assert "script-src 'self'" in csp
    # CSP violations ("Refused to …") and script errors show here; a failed load (Chromium
    # asks for /favicon.ico on its own) is checked by URL below.
    assert [p for p in problems if not p.startswith("Failed to load resource")] == []
    assert failed == []
    assert outside == []
