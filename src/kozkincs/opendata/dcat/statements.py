"""A set of RDF statements grouped by subject, written as Turtle or JSON-LD.

The catalogue is built from rdflib terms (``URIRef``, ``Literal``: their ``n3()`` does the
escaping), but not in an rdflib ``Graph``: at 100,000 records the catalogue lists tens of
thousands of dataset-settlement links, and rdflib's in-memory store and serialisers take
seconds for that, where these writers take a small fraction. The tests parse both outputs
back with rdflib and check them against the DCAT-AP shapes.
"""

import json
import re

from rdflib import Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

_LOCAL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


class Statements:
    """Subjects in the order they were first described; each predicate's objects in order,
    without repeats."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = prefixes
        self.subjects: dict[Node, dict[URIRef, dict[Node, None]]] = {}

    def add(self, subject: Node, predicate: URIRef, *objects: Node) -> None:
        if not objects:
            return
        values = self.subjects.setdefault(subject, {}).setdefault(predicate, {})
        values.update(dict.fromkeys(objects))

    def __len__(self) -> int:
        return sum(len(objects) for p in self.subjects.values() for objects in p.values())

    def _compact(self, iri: str) -> str | None:
        for prefix, namespace in self.prefixes.items():
            if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri[len(namespace) :]):
                return f"{prefix}:{iri[len(namespace) :]}"
        return None

    def turtle(self) -> bytes:
        lines = [f"@prefix {prefix}: <{iri}> ." for prefix, iri in self.prefixes.items()]
        compact: dict[Node, str] = {RDF.type: "a"}

        def term(node: Node) -> str:
            if isinstance(node, URIRef):
                found = compact.get(node)
                if found is None:
                    found = compact[node] = self._compact(str(node)) or node.n3()
                return found
            return node.n3()

        for subject, predicates in self.subjects.items():
            parts = [
                f"    {term(predicate)} {', '.join([term(obj) for obj in objects])}"
                for predicate, objects in predicates.items()
            ]
            lines.append(f"\n{subject.n3()}\n" + " ;\n".join(parts) + " .")
        return ("\n".join(lines) + "\n").encode("utf-8")

    def json_ld(self) -> bytes:
        keys: dict[URIRef, str] = {}

        def key(iri: URIRef) -> str:
            if iri not in keys:
                keys[iri] = self._compact(str(iri)) or str(iri)
            return keys[iri]

        references: dict[URIRef, dict] = {}

        def value(node: Node):
            if isinstance(node, URIRef):
                # One object per IRI however often it is named (a location, by thousands).
                found = references.get(node)
                if found is None:
                    found = references[node] = {"@id": str(node)}
                return found
            if isinstance(node, Literal) and node.language:
                return {"@value": str(node), "@language": node.language}
            if isinstance(node, Literal) and node.datatype:
                return {"@value": str(node), "@type": str(node.datatype)}
            return {"@value": str(node)}

        nodes = []
        rdf_type = RDF.type
        for subject, predicates in self.subjects.items():
            node = {"@id": str(subject)}
            for predicate, objects in predicates.items():
                if predicate == rdf_type:
                    node["@type"] = [key(obj) for obj in objects]
                else:
                    node[key(predicate)] = [value(obj) for obj in objects]
            nodes.append(node)
        document = {"@context": self.prefixes, "@graph": nodes}
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
