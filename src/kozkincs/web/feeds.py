"""Atom feeds of newly published records (Django's syndication framework): one for the whole
portal and one per catalog, in the language of the URL's prefix.

The records come from ``record_published_recently`` (published records of defined catalogs,
newest first), so nothing unpublished ever reaches a feed.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.selectors import record_published_recently
from kozkincs.core.i18n import current_language, localized_attribute

FEED_LENGTH = 50


class NewRecordsFeed(Feed):
    """The records published last in every catalog."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Közkincs: newly published records")

    def subtitle(self) -> str:
        return _("The records published last in the thematic databases of the Közkincs portal.")

    def link(self) -> str:
        return reverse("web:home")

    def feed_url(self) -> str:
        return reverse("web:feed")

    def author_name(self) -> str:
        return settings.KOZKINCS_OPERATOR_NAME

    def items(self) -> list[Record]:
        return record_published_recently(limit=FEED_LENGTH)

    def item_title(self, item: Record) -> str:
        return localized_attribute(item, "name", current_language())

    def item_description(self, item: Record) -> str:
        summary = localized_attribute(item, "summary", current_language())
        place = item.settlement.name if item.settlement_id else ""
        return " · ".join(text for text in (summary, place) if text)

    def item_link(self, item: Record) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Record) -> str:
        return reverse("web:record_permalink", kwargs={"record_id": item.pk})

    def item_pubdate(self, item: Record):
        return item.published_at

    def item_updateddate(self, item: Record):
        return item.updated_at

    def item_categories(self, item: Record) -> list[str]:
        definition = catalog_get(item.catalog)
        return [definition.label.get(current_language())] if definition else []


class CatalogNewRecordsFeed(NewRecordsFeed):
    """The records published last in one catalog."""

    def get_object(self, request: HttpRequest, catalog: str) -> CatalogDefinition:
        definition = catalog_get(catalog)
        if definition is None:
            raise Http404("catalog")
        return definition

    def title(self, obj: CatalogDefinition) -> str:
        return _("Közkincs: newly published in “%(catalog)s”") % {
            "catalog": obj.label.get(current_language())
        }

    def subtitle(self, obj: CatalogDefinition) -> str:
        return _("The records published last in the thematic database “%(catalog)s”.") % {
            "catalog": obj.label.get(current_language())
        }

    def link(self, obj: CatalogDefinition) -> str:
        return reverse("web:catalog_detail", kwargs={"catalog": obj.key})

    def feed_url(self, obj: CatalogDefinition) -> str:
        return reverse("web:catalog_feed", kwargs={"catalog": obj.key})

    def items(self, obj: CatalogDefinition) -> list[Record]:
        return record_published_recently(catalog=obj.key, limit=FEED_LENGTH)
