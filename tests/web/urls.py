"""URLs of objects in a given language (the active language leaks between test requests)."""

from django.urls import reverse
from django.utils import translation


def page_url(obj, language: str) -> str:
    with translation.override(language):
        return obj.get_absolute_url()


def named_url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)
