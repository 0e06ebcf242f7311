"""The authenticated cases of ``make bench`` (issue 8): a logged-in editor opens edit forms,
asks the pickers for matches, and saves records, against the served portal.

A staff account and its session are made in the benchmark's database by a short Django
process (no login form, so django-axes and password hashing stay out of the numbers). The
requests go one at a time over one keep-alive connection, for ``duration`` seconds per case;
the table gives p50 and p99 beside the issue's targets. A save is the browser's own round
trip: the edit form is read (not timed), every field sent back unchanged but the summary,
and the POST is timed (validation, record, version, search index, stored JSON: one
transaction), answered with a redirect."""

import http.client
import json
import re
import subprocess
import sys
import time
import urllib.parse
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from statistics import quantiles

from benchmarks.server import Server

SETUP = (
    """
import json, django
django.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from kozkincs.catalog.models import Record
user, _ = get_user_model().objects.get_or_create(
    username="bench-editor", defaults={"is_staff": True, "email": "bench@example.org"})
store = SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
records = list(Record.objects.filter(status="published").order_by("id")
               .values_list("id", "catalog", "name")[:200:10])

# The scale of issue 8: 1,000 accounts (a tenth of them editors of a settlement), a record
# with 200 versions, and proposals waiting in the moderation queue. Made once per database.
from django.contrib.auth.hashers import make_password
from kozkincs.accounts.models import RoleGrant
from kozkincs.accounts.services import role_grant_create
from kozkincs.catalog.services import record_update
from kozkincs.editing.models import ChangeRequest
from kozkincs.editing.services import change_request_submit
from kozkincs.gazetteer.models import Settlement
User = get_user_model()
unusable = make_password(None)
User.objects.bulk_create(
    [User(username=f"bench-user-{n}", email=f"bench-user-{n}@example.org", password=unusable)
     for n in range(ACCOUNTS)], ignore_conflicts=True)
accounts = list(User.objects.filter(username__startswith="bench-user-").order_by("id"))
settlements = list(Settlement.objects.order_by("ksh_code")[:50])
if not RoleGrant.objects.filter(user__username__startswith="bench-user-").exists():
    for n, account in enumerate(accounts[: ACCOUNTS // 10]):
        role_grant_create(user=account, role="editor", granted_by=None,
                          settlements=[settlements[n % len(settlements)]])
long_history = Record.objects.filter(status="published").order_by("-id").first()
while long_history.history.count() < VERSIONS:
    long_history = record_update(
        record=long_history, data={"summary": f"Változat {long_history.version}."},
        expected_version=long_history.version)
proposals = list(Record.objects.filter(status="published").order_by("id")[:PROPOSALS])
waiting = ChangeRequest.objects.filter(state="submitted").count()
for n, record in enumerate(proposals[waiting:]):
    change_request_submit(user=accounts[n % len(accounts)], catalog=record.catalog,
                          data={"summary": f"Javaslat {n}."}, record=record,
                          base_version=record.version)
print(json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "session": store.session_key,
                  "csrf_cookie": settings.CSRF_COOKIE_NAME, "records": records,
                  "long_history": long_history.pk,
                  "accounts": User.objects.count(),
                  "versions": long_history.history.count(),
                  "waiting": ChangeRequest.objects.filter(state="submitted").count()}))
""".replace("ACCOUNTS", "1000")
    .replace("VERSIONS", "200")
    .replace("PROPOSALS", "300")
)
TARGETS_MS = {
    "edit form (GET)": 200, "settlement picker": 100, "record picker": 100, "save": 300,
    "moderation queue": 300, "history, 200 versions": 300,
}  # fmt: skip
MIN_REQUESTS = 20


@dataclass(frozen=True)
class EditingResult:
    label: str
    requests: int
    p50_ms: float
    p99_ms: float
    errors: int
    target_ms: float

    def as_fact(self) -> str:
        verdict = "within" if self.p99_ms <= self.target_ms else "OVER"
        return (
            f"p50 {self.p50_ms:.0f} ms, p99 {self.p99_ms:.0f} ms ({verdict} the target of "
            f"{self.target_ms:.0f} ms), {self.requests} requests, {self.errors} errors"
        )


class _FormFields(HTMLParser):
    """The name/value pairs a browser would send for the first POST form of a page."""

    def __init__(self):
        super().__init__()
        self.pairs: list[tuple[str, str]] = []
        self._in_form = False
        self._textarea: str | None = None
        self._select: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post":
            self._in_form = True
        if not self._in_form or ("name" not in a and tag != "option"):
            return
        if tag == "input" and a.get("type") not in ("checkbox", "radio", "submit"):
            self.pairs.append((a["name"], a.get("value") or ""))
        elif tag == "input" and "checked" in a:
            self.pairs.append((a["name"], a.get("value") or "on"))
        elif tag == "textarea":
            self._textarea, self._text = a["name"], ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.pairs.append((self._select, a.get("value") or ""))

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.pairs.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False


class _Client:
    def __init__(self, base_url: str, cookies: dict[str, str]):
        self.host = urllib.parse.urlsplit(base_url).netloc
        self.cookies = cookies
        self.connection = http.client.HTTPConnection(self.host, timeout=30)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = headers["Referer"] = f"http://{self.host}"
            headers["Referer"] += path
        self.connection.request(method, path, body=body, headers=headers)
        reply = self.connection.getresponse()
        text = reply.read().decode("utf-8", "replace")
        for header in reply.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return reply.status, text


def _timed(label: str, duration_s: float, step) -> EditingResult:
    latencies, errors, started, number = [], 0, time.monotonic(), 0
    while time.monotonic() - started < duration_s or len(latencies) < MIN_REQUESTS:
        ok, seconds = step(number)
        number += 1
        latencies.append(seconds * 1000)
        errors += 0 if ok else 1
    cuts = quantiles(latencies, n=100, method="inclusive")
    return EditingResult(label, len(latencies), cuts[49], cuts[98], errors, TARGETS_MS[label])


def _setup(server: Server) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", SETUP], env=server.env, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        raise RuntimeError(f"the editing benchmark's setup failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_editing(server: Server, *, duration_s: float) -> list[EditingResult]:
    facts = _setup(server)
    records = facts["records"]
    if not records:
        return []
    client = _Client(server.base_url, {facts["cookie"]: facts["session"]})
    client.request("GET", f"/hu/szerkesztes/{records[0][0]}/")  # sets the CSRF cookie

    def clock(method, path, body=None, expect=200):
        started = time.monotonic()
        status, text = client.request(method, path, body)
        return status == expect, time.monotonic() - started, text

    def edit_form(n):
        ok, seconds, _ = clock("GET", f"/hu/szerkesztes/{records[n % len(records)][0]}/")
        return ok, seconds

    words = [re.sub(r"\W+", "", name.split()[0])[:4] or "a" for _, _, name in records]

    def settlement_picker(n):
        prefix = ["Zala", "Bag", "Pöl", "Bak", "Nagy", "Kis", "32"][n % 7]
        query = urllib.parse.urlencode({"field": "q", "q": prefix})
        return clock("GET", f"/hu/szerkesztes/telepulesek/?{query}")[:2]

    def record_picker(n):
        _, catalog, _ = records[n % len(records)]
        query = urllib.parse.urlencode({"field": "q", "q": words[n % len(words)]})
        return clock("GET", f"/hu/szerkesztes/adatok/{catalog}/?{query}")[:2]

    def save(n):
        path = f"/hu/szerkesztes/{records[n % len(records)][0]}/"
        _, page = client.request("GET", path)
        parser = _FormFields()
        parser.feed(page)
        pairs = [(k, v) for k, v in parser.pairs if k != "summary"] + [
            ("summary", f"Mérés {n}."), ("_save", "")
        ]  # fmt: skip
        ok, seconds, _ = clock("POST", path, urllib.parse.urlencode(pairs), expect=302)
        return ok, seconds

    def moderation_queue(n):
        return clock("GET", "/hu/moderalas/" + ("" if n % 2 else "?page=2"))[:2]

    def long_history(n):
        return clock("GET", f"/hu/valtozatok/{facts['long_history']}/")[:2]

    print(
        f"  editing scale: {facts['accounts']} accounts, {facts['waiting']} proposals waiting, "
        f"a record with {facts['versions']} versions"
    )
    results = [
        _timed("edit form (GET)", duration_s, edit_form),
        _timed("settlement picker", duration_s, settlement_picker),
        _timed("record picker", duration_s, record_picker),
        _timed("save", duration_s, save),
        _timed("moderation queue", duration_s, moderation_queue),
        _timed("history, 200 versions", duration_s, long_history),
    ]
    for result in results:
        print(f"  editing {result.label}: {result.as_fact()}")
    return results


def editing_facts(results: list[EditingResult]) -> dict:
    return {f"editing {r.label}": r.as_fact() for r in results} | {
        "editing": [asdict(r) for r in results]
    }
