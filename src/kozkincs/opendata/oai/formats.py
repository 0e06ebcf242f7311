"""The metadata formats the repository disseminates, by ``metadataPrefix``."""

from collections.abc import Callable
from dataclasses import dataclass

from kozkincs.opendata.oai.metadata import dublin_core, edm
from kozkincs.opendata.oai.metadata.description import Description


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    schema: str
    namespace: str
    write: Callable[[Description], str]


FORMATS: dict[str, MetadataFormat] = {
    dublin_core.PREFIX: MetadataFormat(
        dublin_core.PREFIX, dublin_core.SCHEMA, dublin_core.NAMESPACE, dublin_core.dublin_core_xml
    ),
    edm.PREFIX: MetadataFormat(edm.PREFIX, edm.SCHEMA, edm.NAMESPACE, edm.edm_xml),
}
