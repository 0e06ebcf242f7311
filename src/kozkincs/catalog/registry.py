"""Find, load and cross-check the catalog definition files.

Built-in catalogs live in ``catalog/definitions/``; installations add their own through the
directories named in ``KOZKINCS_CATALOG_DIRS``. Nothing here touches the database.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings
from pydantic import ValidationError

from kozkincs.catalog.definitions import CatalogDefinition

BUILTIN_DIRECTORY = Path(__file__).resolve().parent / "definitions"


@dataclass(frozen=True)
class DefinitionProblem:
    """One problem in one definition file, located as precisely as possible."""

    path: Path
    location: str
    message: str

    def __str__(self) -> str:
        where = f" [{self.location}]" if self.location else ""
        return f"{self.path}{where}: {self.message}"


@dataclass
class LoadResult:
    definitions: dict[str, CatalogDefinition] = field(default_factory=dict)
    problems: list[DefinitionProblem] = field(default_factory=list)


def catalog_directories() -> list[Path]:
    return [BUILTIN_DIRECTORY, *(Path(d) for d in settings.KOZKINCS_CATALOG_DIRS)]


def _location(definition: dict, loc: tuple) -> str:
    """Turn pydantic's ``("fields", 3, "type")`` into ``fields[3] (isbn).type``."""
    parts: list[str] = []
    node = definition
    for step in loc:
        if isinstance(step, int) and parts:
            name = (
                node[step].get("key")
                if isinstance(node, list) and step < len(node) and isinstance(node[step], dict)
                else None
            )
            parts[-1] += f"[{step}]" + (f" ({name})" if name else "")
        else:
            parts.append(str(step))
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    return ".".join(parts)


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # C parser: 10x faster
    """``yaml.safe_load`` keeps the last of two equal keys silently; we refuse them."""

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}'", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _message(error: dict) -> str:
    message = error["msg"]
    return message.removeprefix("Value error, ")


def load_definition_file(path: Path) -> tuple[CatalogDefinition | None, list[DefinitionProblem]]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # a safe loader
    except (OSError, UnicodeDecodeError) as error:
        return None, [DefinitionProblem(path, "", f"cannot read the file: {error}")]
    except yaml.YAMLError as error:
        return None, [DefinitionProblem(path, "", f"invalid YAML: {error}")]
    if not isinstance(data, dict):
        return None, [DefinitionProblem(path, "", "the file must contain a mapping")]
    try:
        return CatalogDefinition.model_validate(data), []
    except ValidationError as error:
        return None, [
            DefinitionProblem(path, _location(data, tuple(e["loc"])), _message(e))
            for e in error.errors()
        ]


def load_catalogs(directories: list[Path]) -> LoadResult:
    """Load every ``*.yaml`` file of ``directories``; later directories cannot shadow keys."""
    result = LoadResult()
    origin: dict[str, Path] = {}
    for directory in directories:
        if not directory.is_dir():
            result.problems.append(
                DefinitionProblem(directory, "", "catalog directory does not exist")
            )
            continue
        for path in sorted(directory.glob("*.yaml")):
            definition, problems = load_definition_file(path)
            result.problems.extend(problems)
            if definition is None:
                continue
            if definition.key in origin:
                result.problems.append(
                    DefinitionProblem(
                        path,
                        "key",
                        f"catalog '{definition.key}' is already defined in "
                        f"{origin[definition.key]}",
                    )
                )
                continue
            origin[definition.key] = path
            result.definitions[definition.key] = definition
    for key, definition in result.definitions.items():
        for index, fdef in enumerate(definition.fields):
            if fdef.target_catalog and fdef.target_catalog not in result.definitions:
                result.problems.append(
                    DefinitionProblem(
                        origin[key],
                        f"fields[{index}] ({fdef.key}).target_catalog",
                        f"unknown catalog '{fdef.target_catalog}'",
                    )
                )
    return result


@cache
def _loaded() -> LoadResult:
    return load_catalogs(catalog_directories())


def catalog_problems() -> list[DefinitionProblem]:
    return _loaded().problems


def catalog_list() -> list[CatalogDefinition]:
    """All valid catalog definitions in display order."""
    return sorted(_loaded().definitions.values(), key=lambda d: (d.order, d.key))


def catalog_get(key: str) -> CatalogDefinition | None:
    return _loaded().definitions.get(key)


def reset_registry() -> None:
    """Forget the loaded definitions (tests that change ``KOZKINCS_CATALOG_DIRS`` call this)."""
    _loaded.cache_clear()
