"""System checks: a broken catalog definition stops ``check``, ``migrate`` and ``runserver``."""

from django.core.checks import Error, register

from kozkincs.catalog.registry import catalog_directories, load_catalogs


@register("kozkincs")
def check_catalog_definitions(app_configs=None, **kwargs) -> list[Error]:
    # Read the files afresh: the check must report the files as they are now.
    result = load_catalogs(catalog_directories())
    return [
        Error(str(problem), hint="See docs/reference/catalog-yaml.md", id="kozkincs.E001")
        for problem in result.problems
    ]
