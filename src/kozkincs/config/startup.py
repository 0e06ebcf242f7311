"""What a web process does once, after the application is built and before its first request
(``config/wsgi.py``, ``config/asgi.py``).

**Load what every request needs.** Django imports the views when the URLconf is first
resolved, and builds each language's reverse lookups (and compiles each translated pattern)
when a URL is first reversed in that language; the catalog definitions are read from their
YAML files when first asked for. At the first request, that was 60-70 ms and 50 ms more of
whichever page a visitor asked for first (in each language). All of it is done here.

**Keep the collector's full passes short.** The cyclic garbage collector's full passes walk
every container object the process holds. A started web worker holds about 150,000 (Django,
django-ninja's and pydantic's schemas, the catalogs, the views and URL patterns), which live
as long as the process, and a full pass over them took 60-140 ms on the benchmark machine,
paid by whichever request's allocations trigger it (rendering the DCAT catalogue triggered one
about every other time). After collecting the start-up's garbage, every object then alive is
moved to the collector's permanent generation (``gc.freeze``, the standard library's tool for
objects that live as long as the process): full passes walk only what requests and the data
made since (3-6 ms). A frozen object is still freed when nothing refers to it; only garbage
cycles among start-up objects would stay, and those live until the process ends anyway.
"""

import gc

WARM_URL_NAME = "web:home"
"""A page every language has: reversing it builds the language's reverse lookups."""


def prepare_web_process() -> int:
    """Import the views, build every language's reverse lookups, read the catalog definitions,
    collect, and freeze what the process then holds; how many objects the collector's passes
    now leave out. (Imported before Django is set up, so it imports what it uses here.)"""
    from django.conf import settings
    from django.urls import get_resolver, reverse
    from django.utils import translation

    from kozkincs.catalog.registry import catalog_list

    get_resolver().url_patterns  # noqa: B018 (imports every URLconf and view module)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            reverse(WARM_URL_NAME)
    catalog_list()
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
