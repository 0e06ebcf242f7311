"""No module of ``src/`` touches a private attribute of Django's ORM: Django upgrades stay safe."""

from pathlib import Path

import pytest

import kozkincs

FORBIDDEN = ("_result_cache", "_prefetch_done", "_prefetched_objects_cache", "get_compiler")
SOURCE = Path(kozkincs.__file__).resolve().parent


def test_the_source_tree_is_where_the_check_looks():
    assert (SOURCE / "catalog" / "models.py").is_file()


@pytest.mark.parametrize("name", FORBIDDEN)
def test_no_module_uses_a_private_orm_attribute(name):
    offenders = [
        str(path.relative_to(SOURCE))
        for path in sorted(SOURCE.rglob("*.py"))
        if name in path.read_text(encoding="utf-8")
    ]
    assert offenders == [], f"{name} used in {offenders}"
