"""The catalogue's own Turtle and JSON-LD writers: whatever text or link the data holds, an RDF
reader (rdflib) reads back exactly the statements that were added, in both serialisations."""

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kozkincs.opendata.dcat.statements import RDF, Namespace, Statements, Text, date_time

EX = Namespace("https://example.org/ns#")
PREFIXES = {"ex": str(EX), "exlong": "https://example.org/ns#long/"}
SUBJECT = "https://example.org/thing"
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_DATE_TIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")


def read(statements: Statements) -> tuple[Graph, Graph]:
    turtle = Graph().parse(data=statements.turtle(), format="turtle")
    json_ld = Graph().parse(data=statements.json_ld(), format="json-ld")
    return turtle, json_ld


def only_value(graph: Graph, predicate: URIRef):
    [value] = list(graph.objects(URIRef(SUBJECT), predicate))
    return value


TRICKY = [
    'Szent "Anna" kápolna',
    "back\\slash",
    "két\nsor\r\nés tab\t",
    "' single ''' triple",
    '"""',
    "emoji 🌳 és ő ű",
    "",
    " leading and trailing ",
]


@pytest.mark.parametrize("text", TRICKY)
def test_any_text_reads_back_as_written(text):
    statements = Statements(PREFIXES)
    statements.add(SUBJECT, EX.label, Text(text, language="hu"))
    statements.add(SUBJECT, EX.plain, Text(text))
    for graph in read(statements):
        assert only_value(graph, URIRef(EX.label)) == Literal(text, lang="hu")
        assert only_value(graph, URIRef(EX.plain)) == Literal(text)


@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_generated_text_reads_back_as_written(text):
    statements = Statements(PREFIXES)
    statements.add(SUBJECT, EX.label, Text(text, language="de"))
    turtle, json_ld = read(statements)
    assert only_value(turtle, URIRef(EX.label)) == Literal(text, lang="de")
    assert only_value(json_ld, URIRef(EX.label)) == Literal(text, lang="de")


def test_typed_values_and_links_read_back_with_their_types():
    statements = Statements(PREFIXES)
    when = datetime(2026, 12, 7, 8, 30, 5, tzinfo=UTC)
    statements.add(SUBJECT, RDF.type, EX.Place, "https://other.example/Class")
    statements.add(SUBJECT, EX.modified, date_time(when))
    statements.add(SUBJECT, EX.point, Text("POINT(16.8 46.8)", datatype=EX.wktLiteral))
    statements.add(SUBJECT, EX.link, 'https://example.org/a b<c>"d"{e}|f^g`h\\i')
    for graph in read(statements):
        types = set(graph.objects(URIRef(SUBJECT), RDF_TYPE))
        assert types == {URIRef(EX.Place), URIRef("https://other.example/Class")}
        modified = only_value(graph, URIRef(EX.modified))
        assert (modified.datatype, modified.toPython()) == (XSD_DATE_TIME, when)
        point = only_value(graph, URIRef(EX.point))
        assert (str(point), point.datatype) == ("POINT(16.8 46.8)", URIRef(EX.wktLiteral))
        # The characters an IRI may not hold are percent-encoded, the rest kept.
        assert only_value(graph, URIRef(EX.link)) == URIRef(
            "https://example.org/a%20b%3Cc%3E%22d%22%7Be%7D%7Cf%5Eg%60h%5Ci"
        )


def test_names_are_compacted_only_when_a_prefix_gives_a_plain_local_name():
    statements = Statements(PREFIXES)
    statements.add(SUBJECT, EX.title, Text("a"))  # ex:title
    statements.add(SUBJECT, "https://example.org/ns#long/name", Text("b"))  # exlong:name
    statements.add(SUBJECT, "https://example.org/ns#9lives", Text("c"))  # not a name
    turtle = statements.turtle().decode()
    assert "ex:title" in turtle and "exlong:name" in turtle
    assert "<https://example.org/ns#9lives>" in turtle
    expected = Graph()
    for predicate, value in [
        (EX.title, "a"),
        ("https://example.org/ns#long/name", "b"),
        ("https://example.org/ns#9lives", "c"),
    ]:
        expected.add((URIRef(SUBJECT), URIRef(predicate), Literal(value)))
    for graph in read(statements):
        assert isomorphic(graph, expected)


def test_repeated_objects_are_written_once_in_the_order_first_added():
    statements = Statements(PREFIXES)
    first, second = "https://example.org/1", "https://example.org/2"
    statements.add(SUBJECT, EX.near, second, first)
    statements.add(SUBJECT, EX.near, first, second)
    assert len(statements) == 2
    assert statements.turtle().decode().count("<https://example.org/2>, <https://example.org/1>")
