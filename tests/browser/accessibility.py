"""axe-core checks for the browser tests."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MAP_MARKERS = ".leaflet-marker-pane"
"""Markers and clusters of a map may sit closer than 24 px: WCAG 2.5.8's "equivalent"
exception applies, because every map has the same records as a list of links beside it (which
is checked like everything else)."""
_axe = Axe()


def _lines(results) -> list[str]:
    return [
        f"{violation['id']}: {node['target']} — {node['failureSummary']}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def axe_violations(page) -> list[str]:
    """Readable lines for every WCAG 2.x A/AA violation axe finds on the page as it is now."""
    everything = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "rules": {"target-size": {"enabled": False}},
        },
    )
    target_size = _axe.run(
        page,
        context={"exclude": [[MAP_MARKERS]]},
        options={"runOnly": {"type": "rule", "values": ["target-size"]}},
    )
    return _lines(everything) + _lines(target_size)
