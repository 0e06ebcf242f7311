"""The cover image of a record in lists, cards and pop-ups: one template, one markup.

``{% cover_image record.cover %}`` renders ``media/_cover.html`` (overridable like any template).
"""

from django import template

from kozkincs.media.selectors import ImageView

register = template.Library()

COVER_SIZES = "8rem"
"""How wide list and card covers are shown (the CSS of ``img.cover``)."""


@register.inclusion_tag("media/_cover.html")
def cover_image(cover: ImageView | None, sizes: str = COVER_SIZES) -> dict:
    """``<img class="cover">`` of a record's cover (its smallest thumbnails), or nothing."""
    return {"cover": cover, "sizes": sizes}
