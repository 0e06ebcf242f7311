"""The list items' templates (overridable like any template): facet toggle links and results."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from kozkincs.web.facets import FacetGroup, FacetLink
from kozkincs.web.record_items import ListedRecord
from kozkincs.web.templatetags.web_tags import LocalizedValue
from tests.web.html_structure import read


def facet_value_items(group: FacetGroup) -> str:
    return render_to_string("web/includes/_facet_values.html", {"group": group})


def record_list_items(
    records, show_catalog=False, *, link_settlement=False, snippets=True, locations=False
) -> str:
    context = {
        "records": records,
        "show_catalog": show_catalog,
        "link_settlement": link_settlement,
        "snippets": snippets,
        "locations": locations,
    }
    return render_to_string("web/includes/_record_items.html", context)


def facet_group(*links: FacetLink) -> FacetGroup:
    return FacetGroup(name="kind", label="Kind", links=list(links), value_count=len(links))


def listed(name: str, *, fallback: bool = False, snippet="", settlement="Bagod") -> ListedRecord:
    return ListedRecord(
        name=LocalizedValue(name, "hu" if fallback else "en", fallback),
        url="/en/sites/a-b/",
        catalog_label="Test sites",
        settlement_name=settlement,
        settlement_url="/en/telepulesek/bagod/" if settlement else "",
        snippet=snippet,
        summary=LocalizedValue("", "en", False),
    )


def test_facet_items_escape_labels_and_urls_and_mark_the_selection():
    with translation.override("en"):
        html = facet_value_items(
            facet_group(
                FacetLink("a", "<b>Vár & kastély</b>", 3, False, "?kind=a&q=x", "facet-kind-0"),
                FacetLink("b", "Templom", 12, True, "?", "facet-kind-1"),
            )
        )

    page = read(f"<ul>{html}</ul>")
    assert [(link["id"], link["href"], link["hx-get"]) for link in page.links] == [
        ("facet-kind-0", "?kind=a&q=x", "?kind=a&q=x"),
        ("facet-kind-1", "?", "?"),
    ]
    assert '&lt;b&gt;Vár &amp; kastély&lt;/b&gt; <span class="count">(3)</span>' in html
    assert 'href="?kind=a&amp;q=x"' in html
    assert page.links[1].get("aria-current") == "true"
    assert "aria-current" not in page.links[0]
    assert "selected; choose to remove this filter" in page.links[1]["text"]


def test_facet_items_translate_the_selection_note():
    link = FacetLink("b", "Templom", 12, True, "?", "facet-kind-1")
    with translation.override("en"):
        english = facet_value_items(facet_group(link))
    with translation.override("hu"):
        hungarian = facet_value_items(facet_group(link))

    assert "selected; choose to remove this filter" in english
    assert "selected; choose to remove this filter" not in hungarian


def test_result_items_show_name_catalog_settlement_and_the_snippet_markup():
    html = record_list_items(
        [
            listed("Deák Mansion", snippet=mark_safe("a <mark>kastély</mark>")),
            listed("Szent <Mihály>", fallback=True, snippet="<i>plain</i>", settlement=""),
        ],
        True,
    )

    page = read(f"<ol>{html}</ol>")
    assert [link["text"] for link in page.links] == ["Deák Mansion", "Szent <Mihály>"]
    assert '<p class="note">Test sites · Bagod</p>' in html
    assert '<p class="note">Test sites</p>' in html
    assert "<p>a <mark>kastély</mark></p>" in html
    assert "&lt;i&gt;plain&lt;/i&gt;" in html
    assert 'href="/en/sites/a-b/" lang="hu">Szent &lt;Mihály&gt;' in html


def test_result_items_leave_out_the_catalog_unless_asked():
    html = record_list_items([listed("Deák Mansion")])

    assert '<p class="note">Bagod</p>' in html
    assert "Test sites" not in html


def test_map_list_items_link_the_settlement_and_leave_out_snippets():
    html = record_list_items(
        [listed("Deák Mansion", snippet="a kastély")], True, link_settlement=True, snippets=False
    )

    assert '<p class="note">Test sites · <a href="/en/telepulesek/bagod/">Bagod</a></p>' in html
    assert "kastély" not in html
