"""What a web worker loads when it starts: the libraries that only background tasks and a few
rarely requested pages need are imported by those, so each serving process stays smaller (the
memory per worker is one of the targets in docs/explanation/performance.md)."""

from tests.processes import run_django, separate_installation

LOADED_ON_USE = {
    "networkx": "network figures, computed by the task worker",
    "icalendar": "the meetings' iCalendar feed",
    "xlsxwriter": "XLSX exports, the import's template and report",
}


def test_a_starting_web_worker_does_not_load_the_libraries_of_tasks_and_rare_pages(tmp_path):
    with separate_installation(tmp_path / "var") as environment:
        started = run_django(
            environment,
            """
            import sys
            from django.urls import get_resolver
            from kozkincs.config.wsgi import application

            get_resolver().url_patterns  # every URLconf and view module imported
            print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
            """,
        )
    assert started.returncode == 0, started.stderr
    loaded = set(started.stdout.split())
    assert "kozkincs" in loaded and "django" in loaded  # the check sees what was imported
    assert sorted(loaded & set(LOADED_ON_USE)) == []


def test_the_dcat_catalogue_is_written_without_an_rdf_library(tmp_path):
    """rdflib is the tests' reader of the catalogue (parsing it back, the DCAT-AP shapes), not
    its writer: a worker serving the catalogue neither pays for importing it nor holds it."""
    with separate_installation(tmp_path / "var") as environment:
        started = run_django(
            environment,
            """
            import sys
            from kozkincs.opendata.dcat import graph, views

            print("rdflib" in sys.modules)
            """,
        )
    assert started.returncode == 0, started.stderr
    assert started.stdout.split() == ["False"]


def test_a_started_web_worker_has_loaded_its_views_and_frozen_what_it_holds(tmp_path):
    """``config/startup.py``: the views are loaded before the first request, and the
    collector's full passes leave out everything the started worker holds (on the old code
    nothing was frozen)."""
    with separate_installation(tmp_path / "var") as environment:
        started = run_django(
            environment,
            """
            import gc, sys
            from kozkincs.config.wsgi import application

            views = "kozkincs.web.views.discovery" in sys.modules
            print(views, gc.get_freeze_count(), len(gc.get_objects()))
            """,
        )
    assert started.returncode == 0, started.stderr
    views, frozen, tracked = started.stdout.split()
    assert views == "True"
    assert int(frozen) > 50_000  # Django, the schemas, the views: well over this
    assert int(tracked) < int(frozen) // 20  # what full passes still walk
