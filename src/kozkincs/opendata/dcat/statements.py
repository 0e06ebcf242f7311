"""A set of RDF statements grouped by subject, written as Turtle or JSON-LD.

The catalogue is made of two kinds of terms, both plain Python values: an IRI is a ``str``,
a literal a :class:`Text` (its lexical form with a language tag or a datatype).
Neither rdflib's terms nor its ``Graph`` take part: at 100,000 records the catalogue lists
tens of thousands of dataset-settlement links and describes thousands of settlements, and
building an rdflib term costs several times a tuple (its constructor checks and normalises
every value), while importing rdflib costs a web worker's first catalogue 0.1-0.2 s and
every worker the memory of the library. The two writers follow the grammars they write:
Turtle's ``IRIREF`` and ``STRING_LITERAL_QUOTE`` (the characters each forbids are escaped),
and JSON-LD through the ``json`` module. The tests parse both outputs back with rdflib,
compare them and check them against the DCAT-AP shapes.
"""

import json
import re
from datetime import datetime
from typing import NamedTuple
from urllib.parse import quote

type IRI = str
"""An absolute IRI, a plain ``str``: ``<…>`` in Turtle, ``{"@id": …}`` in JSON-LD. (Not a
subclass of ``str``: the garbage collector tracks the instances of such a class, and a
catalogue names tens of thousands of IRIs; a ``dict`` of plain strings is not tracked at all.)"""


class Text(NamedTuple):
    """A literal: its lexical form, with a language tag or a datatype IRI (or neither: a
    plain ``xsd:string``)."""

    value: str
    language: str = ""
    datatype: str = ""


type Node = IRI | Text


class Namespace:
    """IRIs under one base: ``DCAT.Dataset`` is ``"http://www.w3.org/ns/dcat#Dataset"``."""

    def __init__(self, base: str):
        self.base = base

    def __getattr__(self, name: str) -> IRI:
        if name.startswith("__"):
            raise AttributeError(name)
        return self.base + name

    def __str__(self) -> str:
        return self.base


XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDF_TYPE = RDF.type


def date_time(value: datetime) -> Text:
    """An ``xsd:dateTime`` literal (``isoformat``: the offset written when the value has
    one)."""
    return Text(value.isoformat(), datatype=XSD.dateTime)


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
"""What Turtle's ``IRIREF`` may not hold (nor JSON-LD's IRIs): written percent-encoded."""
_STRING_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
"""What Turtle's ``STRING_LITERAL_QUOTE`` may not hold raw."""


def safe_iri(iri: str) -> str:
    """``iri`` with the characters an IRI reference may not contain percent-encoded (a data
    value in a link, such as a space in an e-mail address, cannot break the document)."""
    if _IRI_FORBIDDEN.search(iri) is None:
        return iri
    return _IRI_FORBIDDEN.sub(lambda found: quote(found.group(), safe=""), iri)


class Statements:
    """Subjects in the order they were first described; each predicate's objects in order,
    without repeats."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = prefixes
        self.subjects: dict[IRI, dict[IRI, dict[Node, None]]] = {}
        # One pattern of every namespace, the longest first (one namespace may begin another).
        namespaces = sorted(prefixes.values(), key=len, reverse=True)
        self._prefixed = re.compile(
            f"({'|'.join(map(re.escape, namespaces))})([A-Za-z][A-Za-z0-9_-]*)"
        )
        self._prefix_of = {iri: prefix for prefix, iri in prefixes.items()}

    def add(self, subject: IRI, predicate: IRI, *objects: Node) -> None:
        if not objects:
            return
        values = self.subjects.setdefault(subject, {}).setdefault(predicate, {})
        values.update(dict.fromkeys(objects))

    def __len__(self) -> int:
        return sum(len(objects) for p in self.subjects.values() for objects in p.values())

    def _compact(self, iri: str) -> str | None:
        """``prefix:name`` when ``iri`` is a namespace's IRI followed by a plain local name."""
        found = self._prefixed.fullmatch(iri)
        if found is None:
            return None
        return f"{self._prefix_of[found.group(1)]}:{found.group(2)}"

    def turtle(self) -> bytes:
        lines = [f"@prefix {prefix}: <{iri}> ." for prefix, iri in self.prefixes.items()]
        # Each IRI written once (a location is named by thousands of links); literals, nearly
        # all different, as they come.
        written: dict[IRI, str] = {RDF_TYPE: "a"}
        known = written.get

        def term(node: Node) -> str:
            if isinstance(node, str):
                text = written[node] = self._compact(node) or f"<{safe_iri(node)}>"
                return text
            text = f'"{node.value.translate(_STRING_ESCAPES)}"'
            if node.language:
                return f"{text}@{node.language}"
            if node.datatype:
                return f"{text}^^{known(node.datatype) or term(node.datatype)}"
            return text

        for subject, predicates in self.subjects.items():
            parts = []
            for predicate, objects in predicates.items():
                if len(objects) == 1:
                    [node] = objects
                    text = known(node) or term(node)
                else:
                    texts = list(map(known, objects))
                    if None in texts:
                        texts = [t or term(o) for t, o in zip(texts, objects, strict=True)]
                    text = ", ".join(texts)
                parts.append(f"    {known(predicate) or term(predicate)} {text}")
            lines.append(f"\n<{safe_iri(subject)}>\n" + " ;\n".join(parts) + " .")
        return ("\n".join(lines) + "\n").encode("utf-8")

    def json_ld(self) -> bytes:
        keys: dict[IRI, str] = {}

        def key(iri: IRI) -> str:
            found = keys.get(iri)
            if found is None:
                found = keys[iri] = self._compact(iri) or safe_iri(iri)
            return found

        # One object per term however often it is named (a location, by thousands).
        values: dict[Node, dict] = {}

        def value(node: Node) -> dict:
            found = values.get(node)
            if found is None:
                if isinstance(node, str):
                    found = {"@id": safe_iri(node)}
                elif node.language:
                    found = {"@value": node.value, "@language": node.language}
                elif node.datatype:
                    found = {"@value": node.value, "@type": node.datatype}
                else:
                    found = {"@value": node.value}
                values[node] = found
            return found

        nodes = []
        for subject, predicates in self.subjects.items():
            node = {"@id": safe_iri(subject)}
            for predicate, objects in predicates.items():
                if predicate == RDF_TYPE:
                    node["@type"] = [key(obj) for obj in objects]
                else:
                    node[key(predicate)] = [value(obj) for obj in objects]
            nodes.append(node)
        document = {"@context": self.prefixes, "@graph": nodes}
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
