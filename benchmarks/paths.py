"""The request paths of each benchmark case, written to files that ``rotate.lua`` cycles through.

API paths are the documented ``/api/v1/…`` ones; HTML paths are asked from the URLconf
(``django.urls.reverse`` under the Hungarian prefix), so the benchmark follows the site.
Records and settlement pairs are sampled from the benchmark database with a seed.
"""

import random
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

from django.urls import NoReverseMatch, reverse
from django.utils import translation

from benchmarks import peer
from benchmarks.queries import search_queries
from benchmarks.random_queries import draw_queries, word_statistics
from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_list
from kozkincs.gazetteer.models import Settlement

API = "/api/v1"
SAMPLE_SIZE = 2000


def _quote(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def _sample_records(rng: random.Random) -> list[tuple[int, str, str, str]]:
    """``(id, catalog, slug, settlement KSH code)`` of up to ``SAMPLE_SIZE`` published records."""
    ids = list(
        Record.objects.filter(status=Record.Status.PUBLISHED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = sorted(rng.sample(ids, min(SAMPLE_SIZE, len(ids))))
    rows = Record.objects.filter(pk__in=chosen).values_list(
        "pk", "catalog", "slug", "settlement__ksh_code"
    )
    ordered = sorted(rows)
    rng.shuffle(ordered)
    return ordered


def _catalog_list_paths() -> list[str]:
    """Each catalog's list page: first pages, later pages and facet-filtered views."""
    paths = []
    for definition in catalog_list():
        base = reverse("web:catalog_detail", kwargs={"catalog": definition.key})
        paths += [base, f"{base}?page=2", f"{base}?page=5", f"{base}?sort=newest"]
        for facet in definition.facets[:3]:
            field = definition.field_map[facet]
            if field.vocabulary:
                for term in definition.vocabularies[field.vocabulary][:3]:
                    paths.append(f"{base}?{_quote(facet)}={_quote(term.key)}")
    return paths


def _html_paths(records: list, queries: list[str]) -> dict[str, list[str]]:
    """Paths of cases e to g; a page the site does not serve yet gets no entry."""
    makers = {
        "e": lambda: [
            reverse("web:record_detail", kwargs={"catalog": catalog, "slug": slug})
            for _, catalog, slug, _ in records
        ],
        "f": _catalog_list_paths,
        "g": lambda: [f"{reverse('web:search')}?q={_quote(q)}" for q in queries],
    }
    paths: dict[str, list[str]] = {}
    with translation.override("hu"):
        for case, make in makers.items():
            try:
                paths[case] = make()
            except NoReverseMatch as error:
                print(f"  case {case}: no page to measure yet ({error})")
    return paths


def record_texts() -> Iterator[str]:
    """Name, summary and description of every published record, in id order."""
    rows = (
        Record.objects.filter(status=Record.Status.PUBLISHED)
        .order_by("pk")
        .values_list("name", "summary", "description")
    )
    for row in rows.iterator(chunk_size=5000):
        yield " ".join(row)


def random_search_queries(*, seed: int) -> list[tuple[str, str]]:
    """The queries of case r: drawn from the words of the records in the database."""
    return draw_queries(word_statistics(record_texts(), seed=seed), seed=seed)


def case_paths(*, seed: int) -> dict[str, list[str]]:
    """Request paths per case key (``a`` … ``g``, ``r``) and of the Datasette peer
    (``r-datasette``, ``d-datasette``: the same queries and the same record ids)."""
    rng = random.Random(seed)
    names = Settlement.objects.values_list("name", flat=True)
    queries = [query for _, query in search_queries(list(names), seed=seed)]
    records = _sample_records(rng)
    pairs = list(dict.fromkeys((catalog, code) for _, catalog, _, code in records if code))
    drawn = [query for _, query in random_search_queries(seed=seed)]
    paths = {
        "a": [f"{API}/records?q=templom"],
        "b": [f"{API}/records?q={_quote(query)}" for query in queries],
        "c": [f"{API}/records?catalog={catalog}&settlement={code}" for catalog, code in pairs],
        "d": [f"{API}/records/{pk}" for pk, *_ in records],
        "r": [f"{API}/records?q={_quote(query)}" for query in drawn],
        "r-datasette": [peer.search_path(query) for query in drawn],
        "d-datasette": [peer.row_path(pk) for pk, *_ in records],
    }
    paths.update(_html_paths(records, queries))
    return paths


def case_paths_write(directory: Path, paths: dict[str, list[str]]) -> dict[str, str]:
    """One file per case; returns ``{case: file name}``."""
    files = {}
    for case, case_paths_ in paths.items():
        path = directory / f"paths-{case}.txt"
        path.write_text("\n".join(case_paths_) + "\n", encoding="utf-8")
        files[case] = str(path)
    return files
