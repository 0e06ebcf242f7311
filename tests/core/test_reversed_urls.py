"""A URL pattern reversed once gives what ``reverse()`` gives for every value."""

import pytest
from django.urls import reverse
from django.utils import translation

from kozkincs.core.reversed_urls import ReversedUrl


@pytest.mark.parametrize("language", ["hu", "en", "de"])
@pytest.mark.parametrize("slug", ["szent-mihaly-templom", "a_b-2", "1", "catalogkey"])
def test_filling_in_equals_reversing(language, slug):
    with translation.override(language):
        page = ReversedUrl("web:record_detail", catalog="catalogkey", slug="slugtext")
        assert page.fill(catalog="built-values", slug=slug) == reverse(
            "web:record_detail", kwargs={"catalog": "built-values", "slug": slug}
        )
    record = ReversedUrl("api-v1:record_detail", record_id=918273645)
    assert record.fill(record_id=7) == reverse("api-v1:record_detail", kwargs={"record_id": 7})


def test_a_value_that_reverse_would_quote_is_reversed():
    settlement = ReversedUrl("api-v1:settlement_detail", ksh_code="kshcode")
    odd = "ár víz"
    assert settlement.fill(ksh_code=odd) == reverse(
        "api-v1:settlement_detail", kwargs={"ksh_code": odd}
    )
    assert "%20" in settlement.fill(ksh_code=odd)


def test_a_placeholder_that_is_not_once_in_the_path_is_refused():
    with pytest.raises(ValueError, match="placeholder"):
        ReversedUrl("api-v1:settlement_detail", ksh_code="api")
