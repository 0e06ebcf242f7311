"""The cover image of a record in lists, cards and pop-ups: one function, one markup.

List items are formatted in Python (``web/templatetags/listing_tags.py``) and call
:func:`cover_html`; templates use the ``{% cover_image %}`` tag, which gives the same markup.
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from kozkincs.media.selectors import ImageView

register = template.Library()

COVER_SIZES = "8rem"
"""How wide list and card covers are shown (the CSS of ``img.cover``)."""
_COVER = (
    '<img class="cover" src="{src}" srcset="{srcset}" sizes="{sizes}" width="{width}" '
    'height="{height}" alt="{alt}"{lang} loading="lazy" decoding="async">'
)


def cover_html(cover: ImageView | None, *, sizes: str = COVER_SIZES) -> str:
    """``<img class="cover">`` of a record's cover (its smallest thumbnails), or ""."""
    if cover is None:
        return ""
    small = cover.renditions[:2] or (cover.original,)
    thumbnail = small[0]
    return _COVER.format(
        src=escape(thumbnail.url),
        srcset=escape(", ".join(f"{r.url} {r.width}w" for r in small)),
        sizes=escape(sizes),
        width=thumbnail.width,
        height=thumbnail.height,
        alt=escape(cover.alt),
        lang=' lang="hu"' if cover.alt_is_fallback else "",
    )


@register.simple_tag
def cover_image(cover: ImageView | None, sizes: str = COVER_SIZES) -> SafeString:
    """``{% cover_image record.cover %}``: the cover markup of :func:`cover_html`."""
    return mark_safe(cover_html(cover, sizes=sizes))
