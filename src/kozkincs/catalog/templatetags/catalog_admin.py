"""The catalog overview shown on the admin index pages."""

from django import template

register = template.Library()


@register.simple_tag
def catalog_admin_entries() -> list[dict]:
    from kozkincs.catalog.admin import catalog_entries

    return catalog_entries()
