"""The benchmark cases of issue #3 (point 5) and #7, and their targets at 100,000 records.

Cases r and j have a Datasette peer (``peer``): the same requests asked of Datasette serving
the same records, in the same run, interleaved with Közkincs's runs, and a target relative to
it (issue #7: random search ≥ 3x Datasette with p99 ≤ 500 ms, record JSON ≥ 1x).
"""

from dataclasses import dataclass

from benchmarks.results import Target


@dataclass(frozen=True)
class Case:
    key: str
    title: str
    target: Target
    cached: bool
    """Whether the server runs with the response cache on (``KOZKINCS_RESPONSE_CACHE``)."""
    same_requests_as: str = ""
    """Another case whose request paths this one replays (default: its own)."""
    peer: str = ""
    """What the Datasette peer is asked (empty: no peer)."""

    @property
    def paths_key(self) -> str:
        return self.same_requests_as or self.key

    @property
    def peer_paths_key(self) -> str:
        """The key of the Datasette paths file of the same requests."""
        return f"{self.paths_key}-datasette"

    @property
    def peer_key(self) -> str:
        """The case key of Datasette's measurement in the table."""
        return f"{self.key}-ds"


CASES: dict[str, Case] = {
    case.key: case
    for case in (
        Case("a", "hot search + facets JSON (q=templom)", Target(2000, 30), cached=True),
        Case("b", "cold search + facets JSON, rotating", Target(100, 300), cached=False),
        Case("c", "filtered list JSON (catalog + settlement)", Target(400), cached=True),
        Case("d", "record detail JSON, rotating ids", Target(1000, 50), cached=True),
        Case("e", "record detail HTML", Target(50), cached=False),
        Case("f", "catalog list HTML with facets", Target(50), cached=False),
        Case("g", "search HTML page", Target(50), cached=False),
        # The same requests as c and d with the response cache off: what a first visit costs.
        Case("c0", "filtered list JSON, cache off", Target(400), False, same_requests_as="c"),
        Case("d0", "record detail JSON, cache off", Target(1000, 50), False, same_requests_as="d"),
        # Issue #7: queries drawn at random from the records' own words, and the record JSON,
        # each beside Datasette serving the same records.
        Case(
            "r",
            "random-word search + facets JSON, cache off",
            Target(max_p99_ms=500, min_peer_ratio=3),
            cached=False,
            peer="Datasette: same queries, 3 facets",
        ),
        Case(
            "j",
            "record detail JSON, cache off (peer ids)",
            Target(min_peer_ratio=1),
            cached=False,
            same_requests_as="d",
            peer="Datasette: row JSON, same ids",
        ),
    )
}


def parse_cases(text: str) -> list[Case]:
    """``"a,b,d"`` → those cases in the order given; unknown keys raise ``ValueError``."""
    keys = [key.strip() for key in text.split(",") if key.strip()]
    unknown = [key for key in keys if key not in CASES]
    if unknown or not keys:
        raise ValueError(
            f"unknown case(s) {', '.join(unknown) or '(none given)'}; choose from {','.join(CASES)}"
        )
    return [CASES[key] for key in dict.fromkeys(keys)]
