"""The account's API tokens page, inside the language prefixes (``/hu/fiok/api-kulcsok/``)."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from kozkincs.api import token_pages

app_name = "api_site"

urlpatterns = [
    path(
        pgettext_lazy("URL path", "account/api-tokens/"),
        token_pages.api_tokens,
        name="api_tokens",
    ),
]
