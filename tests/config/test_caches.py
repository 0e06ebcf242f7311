"""The two caches: "default" shared by every worker process (allauth's rate limits count
across processes), "local" each process's own (answers keyed by the data version)."""

import subprocess
import sys

import pytest
from django.core.checks import Tags, registry

from tests.config.test_security import production_environment

# Each step runs in a process of its own, as two granian workers would.
STEP = """
import django
django.setup()
from django.conf import settings
from django.core.cache import caches
shared, local = caches["default"], caches["local"]
{}
"""


def in_a_process(tmp_path, code: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", STEP.format(code)],
        env=production_environment(tmp_path, **extra),
        capture_output=True,
        text=True,
    )


def test_a_count_made_in_one_process_is_seen_by_the_next(tmp_path):
    first = in_a_process(
        tmp_path,
        "assert shared.add('login_failed:203.0.113.5', [1.0]);"
        "local.set('answer', 'of this process')",
    )
    assert first.returncode == 0, first.stderr
    second = in_a_process(
        tmp_path,
        "print(shared.get('login_failed:203.0.113.5'));"
        "print(shared.add('login_failed:203.0.113.5', [2.0]));"  # allauth's lock: taken
        "print(local.get('answer'))",
    )
    assert second.returncode == 0, second.stderr
    assert second.stdout.split() == ["[1.0]", "False", "None"]
    assert (tmp_path / "var" / "cache").is_dir()


def test_the_shared_cache_can_be_redis_and_nothing_else(tmp_path):
    redis = in_a_process(
        tmp_path,
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])",
        KOZKINCS_SHARED_CACHE_URL="redis://127.0.0.1:6379/3",
    )
    assert redis.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/3",
    ]
    wrong = in_a_process(tmp_path, "", KOZKINCS_SHARED_CACHE_URL="memcached://127.0.0.1")
    assert wrong.returncode != 0
    assert "KOZKINCS_SHARED_CACHE_URL must be a redis://" in wrong.stderr


def security_check_ids() -> list[str]:
    """The ids the deployment's security checks report (the database ones left out)."""
    found = registry.registry.run_checks(tags=[Tags.security], include_deployment_checks=True)
    return [message.id for message in found]


def test_the_deployment_check_warns_of_a_cache_of_each_process(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    assert "kozkincs.W101" in security_check_ids()


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.filebased.FileBasedCache",
        "django.core.cache.backends.redis.RedisCache",
    ],
)
def test_a_shared_cache_passes_the_deployment_check(settings, backend):
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": backend, "LOCATION": "x"}}
    assert "kozkincs.W101" not in security_check_ids()
