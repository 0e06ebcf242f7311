"""The sitemaps of the public site (Django's sitemaps framework): every page in hu, en and de,
each entry naming its two other languages as alternates.

Sections: the portal's own pages, the catalog pages, the settlement pages (the home region's
settlements and every settlement a public record is in) and the pages of the public records.
Only published records of defined catalogs appear: the same selectors as the pages.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from kozkincs.catalog.registry import catalog_list
from kozkincs.catalog.selectors import record_page_entries
from kozkincs.gazetteer.selectors import settlement_list
from kozkincs.search.selectors import catalog_settlement_codes
from kozkincs.web.views.settlements import home_region_or_none

STATIC_PAGES = (
    "web:home",
    "web:search",
    "web:map",
    "web:settlement_list",
    "web:about",
    "web:accessibility",
    "web:privacy",
)
"""URL names of the portal's own pages (the open-data app adds its page through ``extra``)."""


class LanguageSitemap(Sitemap):
    """Each item once per site language, with the other languages as alternates."""

    i18n = True
    alternates = True
    limit = 5000
    """Items per sitemap page; each item is listed in three languages with three alternates."""


class PageSitemap(LanguageSitemap):
    changefreq = "monthly"

    def __init__(self, extra: tuple[str, ...] = ()) -> None:
        self.names = STATIC_PAGES + extra

    def items(self) -> list[str]:
        return list(self.names)

    def location(self, item: str) -> str:
        return reverse(item)


class CatalogSitemap(LanguageSitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return [definition.key for definition in catalog_list()]

    def location(self, item: str) -> str:
        return reverse("web:catalog_detail", kwargs={"catalog": item})


class SettlementSitemap(LanguageSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        codes = set().union(*catalog_settlement_codes().values())
        slugs = set(settlement_list().filter(ksh_code__in=codes).values_list("slug", flat=True))
        region = home_region_or_none()
        if region is not None:
            slugs.update(settlement_list(region=region).values_list("slug", flat=True))
        return sorted(slugs)

    def location(self, item: str) -> str:
        return reverse("web:settlement_detail", kwargs={"slug": item})


class RecordSitemap(LanguageSitemap):
    changefreq = "weekly"

    def items(self):
        return record_page_entries()

    def location(self, item) -> str:
        return reverse("web:record_detail", kwargs={"catalog": item.catalog, "slug": item.slug})

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return record_page_entries().aggregate(last=Max("updated_at"))["last"]


def site_sitemaps(extra_pages: tuple[str, ...] = ()) -> dict[str, Sitemap]:
    return {
        "pages": PageSitemap(extra_pages),
        "catalogs": CatalogSitemap(),
        "settlements": SettlementSitemap(),
        "records": RecordSitemap(),
    }
