"""A small HTML reader for the page tests: landmarks, headings, labels, links, scripts."""

import itertools
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

LANDMARK_TAGS = {"header": "banner", "footer": "contentinfo", "main": "main", "nav": "navigation"}
CONTROL_TAGS = {"input", "select", "textarea"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass
class Page:
    html_lang: str | None = None
    ids: Counter = field(default_factory=Counter)
    headings: list[tuple[int, str]] = field(default_factory=list)
    landmarks: list[tuple[str, str | None]] = field(default_factory=list)
    controls: list[dict] = field(default_factory=list)
    label_targets: set[str] = field(default_factory=set)
    links: list[dict] = field(default_factory=list)
    alternates: dict[str, str] = field(default_factory=dict)
    scripts: list[dict] = field(default_factory=list)
    inline_styles: int = 0
    inline_handlers: list[str] = field(default_factory=list)
    images_without_alt: int = 0

    @property
    def h1s(self) -> list[str]:
        return [text for level, text in self.headings if level == 1]

    def landmark_roles(self) -> list[str]:
        return [role for role, _label in self.landmarks]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._heading: list | None = None
        self._link: dict | None = None
        self._script: dict | None = None
        self._in_label_wrapping = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.page.ids[a["id"]] += 1
        if "style" in a:
            self.page.inline_styles += 1
        self.page.inline_handlers += [name for name in a if name.startswith("on")]
        if tag == "html":
            self.page.html_lang = a.get("lang")
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = [int(tag[1]), ""]
        elif tag == "label":
            if a.get("for"):
                self.page.label_targets.add(a["for"])
        elif tag in CONTROL_TAGS and a.get("type") not in {"hidden", "submit"}:
            self.page.controls.append(a)
        elif tag == "a":
            self._link = {**a, "text": ""}
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.page.alternates[a["hreflang"]] = a.get("href", "")
        elif tag == "script":
            self._script = {**a, "text": ""}
        elif tag == "img" and "alt" not in a:
            self.page.images_without_alt += 1
        role = a.get("role") or LANDMARK_TAGS.get(tag)
        if tag == "form" and not (a.get("aria-label") or a.get("aria-labelledby")):
            role = a.get("role")
        if tag == "section" and not (a.get("aria-label") or a.get("aria-labelledby")):
            role = a.get("role")
        if role in {"banner", "contentinfo", "main", "navigation", "search", "region", "form"}:
            self.page.landmarks.append((role, a.get("aria-label") or a.get("aria-labelledby")))

    def handle_endtag(self, tag):
        if self._heading and tag == f"h{self._heading[0]}":
            self.page.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None
        elif tag == "a" and self._link is not None:
            self.page.links.append(self._link)
            self._link = None
        elif tag == "script" and self._script is not None:
            self.page.scripts.append(self._script)
            self._script = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data
        if self._link is not None:
            self._link["text"] += data
        if self._script is not None:
            self._script["text"] += data


def read(html: str | bytes) -> Page:
    reader = _Reader()
    reader.feed(html.decode() if isinstance(html, bytes) else html)
    return reader.page


def accessibility_problems(page: Page) -> list[str]:
    """Problems a screen-reader user would meet; an empty list for a clean page."""
    problems = []
    if not page.html_lang:
        problems.append("<html> has no lang")
    if len(page.h1s) != 1:
        problems.append(f"expected one h1, found {page.h1s}")
    levels = [level for level, _text in page.headings]
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            problems.append(f"heading level jumps from h{before} to h{after}")
    roles = Counter(page.landmark_roles())
    for role in ("banner", "main", "contentinfo"):
        if roles[role] != 1:
            problems.append(f"expected one {role} landmark, found {roles[role]}")
    labelled = Counter(page.landmarks)
    for (role, label), count in labelled.items():
        if roles[role] > 1 and (label is None or count > 1):
            problems.append(f"{role} landmarks need unique labels ({label!r})")
    for control in page.controls:
        if control.get("id") not in page.label_targets and not control.get("aria-label"):
            problems.append(f"unlabelled control {control}")
    for link in page.links:
        if not link["text"].strip() and not link.get("aria-label"):
            problems.append(f"empty link {link.get('href')}")
    duplicates = [name for name, count in page.ids.items() if count > 1]
    if duplicates:
        problems.append(f"duplicate ids {duplicates}")
    if page.inline_styles:
        problems.append(f"{page.inline_styles} inline style attributes (CSP forbids them)")
    if page.inline_handlers:
        problems.append(f"inline event handlers {page.inline_handlers} (CSP forbids them)")
    for script in page.scripts:
        executable = script.get("type") in {None, "", "module", "text/javascript"}
        if executable and not script.get("src"):
            problems.append("inline executable script")
    if page.images_without_alt:
        problems.append(f"{page.images_without_alt} images without alt")
    return problems
