"""A deployment check: the login and reset forms' rate limits must count across processes."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PROCESS_LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.security, deploy=True)
def check_shared_cache(app_configs=None, **kwargs) -> list[Warning]:
    """allauth keeps its rate limits in the default cache: a cache of each worker process's own
    lets every process count separately (or, the dummy cache, not at all)."""
    if settings.CACHES["default"]["BACKEND"] not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Warning(
            "The default cache is not shared between processes, so the login and password-reset "
            "rate limits count in each worker process separately.",
            hint="Leave KOZKINCS_SHARED_CACHE_URL empty (a directory under var/) or point it at "
            "Redis; see docs/reference/settings.md.",
            id="kozkincs.W101",
        )
    ]
