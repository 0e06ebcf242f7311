"""Word-level marking of what changed between two texts, for the comparison of versions."""

import re
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """``old`` and ``new`` as escaped HTML, the removed words in ``<del>``, the added ones in
    ``<ins>`` (whitespace kept, so paragraphs stay apart)."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    left, right = [], []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        removed, added = escape("".join(a[a1:a2])), escape("".join(b[b1:b2]))
        if operation == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f"<del>{removed}</del>")
        if added:
            right.append(f"<ins>{added}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))  # every part escaped above
