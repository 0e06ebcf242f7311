"""The rich-text allowlist, the paragraphs made of plain text, and the text without tags."""

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kozkincs.core.rich_text import plain_text, rich_text_clean, rich_text_sanitize

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<img src=x onerror="alert(1)">',
    '<p onclick="alert(1)" style="color:red">x</p>',
    "<iframe src=https://evil.example></iframe>",
    "<svg><script>alert(1)</script></svg>",
    "<style>body{display:none}</style>",
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "<!-- <script>alert(1)</script> -->",
]


def test_plain_text_becomes_escaped_paragraphs_with_line_breaks():
    text = "Első sor\nmásodik sor\n\n\nÚj bekezdés: 1 < 2 & <3"
    assert rich_text_clean(text) == (
        "<p>Első sor<br>második sor</p><p>Új bekezdés: 1 &lt; 2 &amp; &lt;3</p>"
    )


def test_windows_line_ends_and_surrounding_blanks_do_not_matter():
    assert rich_text_clean("  a\r\nb\r\n\r\nc  ") == "<p>a<br>b</p><p>c</p>"
    assert rich_text_clean("   ") == rich_text_clean(None) == ""


def test_the_allowed_markup_is_kept_and_links_get_rel():
    html = (
        "<h2>Cím</h2><h3>Al</h3><h4>Kis</h4><p><strong>erős</strong> <em>dőlt</em><br>x</p>"
        "<ul><li>egy</li></ul><ol><li>kettő</li></ol><blockquote>idézet</blockquote>"
        '<p><a href="https://example.org/a?b=1">web</a> <a href="mailto:a@example.org">levél</a>'
        ' <a href="http://example.org">régi</a></p>'
    )
    expected = html.replace('">', '" rel="noopener noreferrer">')
    assert rich_text_clean(html) == expected


def test_inline_markup_without_paragraphs_is_split_into_paragraphs():
    assert rich_text_clean("Ez <strong>fontos</strong>.\n\nMásik sor") == (
        "<p>Ez <strong>fontos</strong>.</p><p>Másik sor</p>"
    )


def test_common_tags_outside_the_allowlist_become_their_allowed_equivalents():
    assert rich_text_clean("<h1>A</h1><div>b <b>c</b> <i>d</i></div><h6>e</h6>") == (
        "<h2>A</h2><p>b <strong>c</strong> <em>d</em></p><h4>e</h4>"
    )


@pytest.mark.parametrize("attack", ATTACKS)
def test_scripts_event_handlers_and_dangerous_links_never_survive(attack):
    cleaned = rich_text_clean(f"<p>Szöveg</p>{attack}")
    assert not re.search(r"<(script|img|iframe|svg|style)|on\w+=|javascript:|data:", cleaned, re.I)
    assert "alert" not in plain_text(cleaned)
    assert "alert" not in plain_text(attack)


def test_an_escaped_script_stays_text_in_html_and_disappears_from_plain_text():
    cleaned = rich_text_clean("&lt;script&gt;alert(1)&lt;/script&gt;")
    assert "<script" not in cleaned
    assert plain_text(cleaned) == ""


def test_plain_text_keeps_words_of_blocks_apart_and_decodes_entities():
    assert plain_text("<h2>Cím</h2><p>egy<br>kettő</p><ul><li>a</li><li>b</li></ul>") == (
        "Cím\n\negy\nkettő\n\na\n\nb"
    )
    assert plain_text("<p>Tom &amp; Jerry &lt;3</p>") == "Tom & Jerry <3"
    assert plain_text("1 < 2 and 3 > 2") == "1 < 2 and 3 > 2"  # no markup: left alone


@given(st.text(max_size=300))
def test_cleaning_is_stable_and_its_plain_text_has_no_tag(text):
    cleaned = rich_text_clean(text)
    assert rich_text_clean(cleaned) == cleaned
    assert rich_text_sanitize(cleaned) == cleaned
    assert not re.search(r"<[a-zA-Z/!][^>]*>", plain_text(cleaned))  # "1 <a" is no tag


@settings(max_examples=1000, deadline=None)
@given(
    st.text(max_size=200) | st.text(alphabet=st.sampled_from("a ő<>&;\n\x00\xa0\x0c"), max_size=30)
)
def test_plain_text_is_cleaned_as_the_sanitiser_would_clean_its_paragraphs(text):
    # Text without markup skips the sanitiser: the same result as through it.
    text = text.replace("\r", "\n")
    if not text.strip() or re.search(r"<\s*/?\s*[a-zA-Z!]|&[#a-zA-Z0-9]+;", text):
        return  # markup (or an entity): always sanitised
    paragraphs = [part.strip() for part in re.split(r"\n[ \t]*\n\s*", text.strip()) if part.strip()]
    expected = "".join(
        "<p>"
        + "<br>".join(line.strip() for line in html.escape(part, quote=False).split("\n"))
        + "</p>"
        for part in paragraphs
    )
    assert rich_text_clean(text) == rich_text_sanitize(expected)


@given(st.lists(st.sampled_from([*ATTACKS, "<p>", "</p>", "a", "&lt;", "&amp;", "\n"])))
def test_no_mix_of_attacks_gets_through(parts):
    cleaned = rich_text_clean("".join(parts))
    assert not re.search(r"<(script|img|iframe|svg|style)|javascript:", cleaned, re.I)
    assert "alert" not in plain_text(cleaned)


def _whitespace_as_specified(text: str) -> str:
    """Blank runs (and single blanks other than a space) become one space, each line is
    stripped, at most one empty line is kept between two, and the ends are stripped."""
    text = re.sub(r"[ \t\f\v\u00a0]{2,}|[\t\f\v\u00a0]", " ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab ő.\n\t\f\v\u00a0\u2028\x85"), max_size=40))
def test_plain_text_normalises_whitespace_as_specified(text):
    assert plain_text(text) == _whitespace_as_specified(text)
