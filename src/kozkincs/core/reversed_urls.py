"""URL patterns reversed once and filled in for many objects.

``reverse()`` walks the URL resolver, checks every argument against its converter and quotes
it, on every call: a batch of thousands of records, each showing a few links, pays that
thousands of times. :class:`ReversedUrl` calls ``reverse()`` once, with placeholder arguments,
and then only joins strings. It is built where the language (the ``i18n_patterns`` prefix) and
the script prefix are those of the links it makes, and kept no longer than that batch.
"""

import re

from django.urls import reverse

_PLAIN = re.compile(r"[A-Za-z0-9_-]+")
"""Values that every converter we fill in accepts and that ``reverse()`` leaves unquoted."""


class ReversedUrl:
    """``ReversedUrl("web:record_detail", catalog="c", slug="s").fill(catalog=..., slug=...)``
    equals ``reverse("web:record_detail", kwargs={...})``.

    The placeholders must pass the pattern's converters (digits for ``int``) and appear
    exactly once in the reversed path. A value outside ``[A-Za-z0-9_-]`` (which ``reverse()``
    might quote) is reversed the ordinary way.
    """

    def __init__(self, viewname: str, **placeholders: str | int) -> None:
        self.viewname = viewname
        path = reverse(viewname, kwargs=placeholders)
        for name, value in placeholders.items():
            if path.count(str(value)) != 1:
                raise ValueError(f"placeholder {name}={value!r} is not once in {path!r}")
        found = sorted((path.index(str(value)), name) for name, value in placeholders.items())
        self._names = [name for _, name in found]
        self._parts: list[str] = []
        start = 0
        for position, name in found:
            self._parts.append(path[start:position])
            start = position + len(str(placeholders[name]))
        self._parts.append(path[start:])

    def fill(self, **values: str | int) -> str:
        texts = [str(values[name]) for name in self._names]
        if not all(_PLAIN.fullmatch(text) for text in texts):
            return reverse(self.viewname, kwargs=values)
        pieces = [self._parts[0]]
        for text, part in zip(texts, self._parts[1:], strict=True):
            pieces += (text, part)
        return "".join(pieces)
