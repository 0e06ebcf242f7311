"""The standards owners' validators in ``../shared/validators`` (beside the repository),
loaded once: the OAI-PMH schema (with the metadata formats' schemas, as it validates
``<metadata>`` strictly), Europeana's EDM schema and Schematron rules, the DCAT-AP shapes.

The Schematron stylesheet is XSLT 2.0 (``xsl:function``, sequences, ``exists()``), which
libxslt cannot compile; SaxonC-HE (``saxonche``) runs it unchanged.
"""

import os
import subprocess
import tempfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SVRL = "{http://purl.oclc.org/dsdl/svrl}"


def _origin() -> Path | None:
    """The local repository this checkout was cloned from, if any (a throw-away clone under
    /tmp finds the validators beside its origin)."""
    try:
        url = subprocess.run(
            ["git", "-C", str(ROOT), "remote", "get-url", "origin"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    path = Path(url.removeprefix("file://"))
    return path.resolve() if path.is_absolute() and path.is_dir() else None


def _bases() -> list[Path]:
    bases = list(ROOT.parents)
    origin = _origin()
    if origin is not None:
        bases += list(origin.parents)
    return bases


@cache
def validators_dir() -> Path:
    """``KOZKINCS_VALIDATORS_DIR``, else ``../shared/validators`` beside the repository (a
    worktree may sit deeper) or beside the local repository it was cloned from."""
    configured = os.environ.get("KOZKINCS_VALIDATORS_DIR")
    if configured and (Path(configured) / "README.md").is_file():
        return Path(configured)
    for base in _bases():
        candidate = base / "shared" / "validators"
        if (candidate / "README.md").is_file():
            return candidate
    pytest.fail(
        f"The validators are missing: expected ../shared/validators beside {ROOT} or beside "
        "the repository it was cloned from, or KOZKINCS_VALIDATORS_DIR "
        "(OAI-PMH.xsd, EDM.xsd, schematron.xsl, the DCAT-AP shapes)."
    )


def validator_file(*parts: str) -> Path:
    path = validators_dir().joinpath(*parts)
    if not path.is_file():
        pytest.fail(f"The validator file {path} is missing.")
    return path


OAI_DC_SCHEMA = """<?xml version="1.0" encoding="UTF-8"?>
<schema xmlns="http://www.w3.org/2001/XMLSchema"
    xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    targetNamespace="http://www.openarchives.org/OAI/2.0/oai_dc/"
    elementFormDefault="qualified" attributeFormDefault="unqualified">
  <import namespace="http://purl.org/dc/elements/1.1/" schemaLocation="{dc}"/>
  <element name="dc" type="oai_dc:oai_dcType"/>
  <complexType name="oai_dcType">
    <choice minOccurs="0" maxOccurs="unbounded">
      <element ref="dc:title"/><element ref="dc:creator"/><element ref="dc:subject"/>
      <element ref="dc:description"/><element ref="dc:publisher"/>
      <element ref="dc:contributor"/><element ref="dc:date"/><element ref="dc:type"/>
      <element ref="dc:format"/><element ref="dc:identifier"/><element ref="dc:source"/>
      <element ref="dc:language"/><element ref="dc:relation"/><element ref="dc:coverage"/>
      <element ref="dc:rights"/>
    </choice>
  </complexType>
</schema>
"""
"""The OAI ``oai_dc`` container (as openarchives.org publishes it) around the DC elements of
Europeana's ``DC.xsd``: the official one imports a DC schema from the network."""

WRAPPER_SCHEMA = """<?xml version="1.0" encoding="UTF-8"?>
<schema xmlns="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:kozkincs:tests:oai">
  <import namespace="http://www.w3.org/1999/02/22-rdf-syntax-ns#" schemaLocation="{edm}"/>
  <import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" schemaLocation="{oai_dc}"/>
  <import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="{oai}"/>
</schema>
"""


@cache
def oai_schema() -> etree.XMLSchema:
    """OAI-PMH responses with ``oai_dc`` and ``edm`` metadata, all validated strictly."""
    directory = Path(tempfile.mkdtemp(prefix="kozkincs-oai-schemas-"))
    oai_dc = directory / "oai_dc.xsd"
    oai_dc.write_text(
        OAI_DC_SCHEMA.format(dc=validator_file("edm", "DC.xsd").as_uri()), encoding="utf-8"
    )
    wrapper = directory / "oai-with-metadata.xsd"
    wrapper.write_text(
        WRAPPER_SCHEMA.format(
            edm=validator_file("edm", "EDM.xsd").as_uri(),
            oai_dc=oai_dc.as_uri(),
            oai=validator_file("oai-pmh", "OAI-PMH.xsd").as_uri(),
        ),
        encoding="utf-8",
    )
    return etree.XMLSchema(etree.parse(str(wrapper)))


@cache
def edm_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(validator_file("edm", "EDM.xsd"))))


@cache
def _schematron():
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    compiled = processor.new_xslt30_processor().compile_stylesheet(
        stylesheet_file=str(validator_file("edm", "schematron.xsl"))
    )
    return processor, compiled


def schematron_failures(document: bytes) -> list[str]:
    """The failed assertions of Europeana's Schematron rules on one EDM ``rdf:RDF``."""
    processor, compiled = _schematron()
    node = processor.parse_xml(xml_text=document.decode("utf-8"))
    report = etree.fromstring(compiled.transform_to_string(xdm_node=node).encode("utf-8"))
    return [
        " ".join(failure.findtext(f"{SVRL}text", "").split())
        for failure in report.iter(f"{SVRL}failed-assert")
    ]


def assert_valid(schema: etree.XMLSchema, document: etree._Element | etree._ElementTree) -> None:
    if not schema.validate(document):
        errors = "\n".join(f"line {e.line}: {e.message}" for e in schema.error_log)
        pytest.fail(f"invalid against the schema:\n{errors}")


def assert_valid_edm(rdf: etree._Element) -> None:
    """One EDM record (an ``rdf:RDF`` element) against EDM.xsd and the Schematron rules."""
    document = etree.fromstring(etree.tostring(rdf))
    assert_valid(edm_schema(), document)
    failures = schematron_failures(etree.tostring(document))
    assert not failures, failures


def dcat_shapes():
    """The DCAT-AP 3.0.0 shapes with the class ranges, as one rdflib graph."""
    from rdflib import Graph

    shapes = Graph()
    for name in ("dcat-ap-SHACL.ttl", "range.ttl"):
        shapes.parse(validator_file("dcat-ap-3.0.0", name), format="turtle")
    return shapes
